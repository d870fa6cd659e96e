import type { Actor } from "~/auth/actor";
import { companyWhere } from "~/auth/scope.server";
import { prisma } from "~/db.server";

/**
 * 待领取: companies in the actor's grids with 免申即享 benefits they have neither confirmed nor
 * declined, oldest first, with who to call. Scoped by the actor's grid subtree.
 */
export async function unclaimedBenefits(actor: Actor) {
  if (actor.role !== "GRID_WORKER" && actor.role !== "ADMIN") return [];
  const scope = await companyWhere(actor);
  const pending = await prisma.matchRecord.groupBy({
    by: ["companyId"],
    where: { status: "QUALIFIED", response: "PENDING" },
    _count: { _all: true },
    _sum: { amount: true },
    _min: { firstQualifiedAt: true },
  });
  if (!pending.length) return [];
  const byCompany = new Map(pending.map((p) => [p.companyId, p]));
  const companies = await prisma.company.findMany({
    where: { AND: [scope, { id: { in: [...byCompany.keys()] } }] },
    select: { id: true, name: true, contactName: true, contactPhone: true, grid: { select: { name: true } } },
  });
  return companies
    .map((c) => {
      const p = byCompany.get(c.id)!;
      return {
        ...c,
        grid: c.grid?.name ?? null,
        count: p._count._all,
        amount: Math.round((p._sum.amount ?? 0) * 100) / 100,
        since: p._min.firstQualifiedAt,
      };
    })
    .sort((a, b) => (a.since?.getTime() ?? 0) - (b.since?.getTime() ?? 0));
}
