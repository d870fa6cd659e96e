import type { Actor } from "~/auth/actor";
import { companyWhere } from "~/auth/scope.server";
import { prisma } from "~/db.server";
import { inChunks } from "~/payouts/lookup.server";

/**
 * 待领取: companies in the actor's grids with 免申即享 benefits they have neither confirmed nor
 * declined, oldest first, with who to call. Scoped by the actor's grid subtree.
 */
export async function unclaimedBenefits(actor: Actor) {
  if (actor.role !== "GRID_WORKER" && actor.role !== "ADMIN") return [];
  const scope = await companyWhere(actor);
  const select = { id: true, name: true, contactName: true, contactPhone: true, grid: { select: { name: true } } } as const;
  const group = (companyIds?: string[]) => prisma.matchRecord.groupBy({
    by: ["companyId"],
    where: { response: "PENDING", status: "QUALIFIED", ...(companyIds ? { companyId: { in: companyIds } } : {}) },
    _count: { _all: true },
    _sum: { amount: true },
    _min: { firstQualifiedAt: true },
  });
  let companies, pending;
  if (Object.keys(scope).length) {
    // A grid's companies first, then their pending records by the (response, status, companyId)
    // index: the whole city's pending records are millions after a first full match. groupBy,
    // unlike findMany, does not split a long IN list to the engine's parameter limit.
    companies = await prisma.company.findMany({ where: scope, select });
    pending = await inChunks(companies.map((c) => c.id), (ids) => group(ids), 500);
  } else {
    // The whole city (admin): one pass over the pending records, then their companies.
    pending = await group();
    companies = await prisma.company.findMany({ where: { id: { in: pending.map((p) => p.companyId) } }, select });
  }
  const byCompany = new Map(pending.map((p) => [p.companyId, p]));
  return companies
    .filter((c) => byCompany.has(c.id))
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
