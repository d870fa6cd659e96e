import { z } from "zod";
import type { Actor } from "~/auth/actor";
import { companyWhere } from "~/auth/scope.server";
import { prisma } from "~/db.server";
import { inChunks } from "~/payouts/lookup.server";

const byName = new Intl.Collator("zh-CN").compare;

/** The page's search and paging, read from the URL; malformed values fall back to defaults. */
const querySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  pageSize: z.coerce.number().int().refine((n) => [20, 50, 100].includes(n)).catch(20),
});
export type UnclaimedQuery = z.infer<typeof querySchema>;

export function parseUnclaimedQuery(params: URLSearchParams): UnclaimedQuery {
  const raw = Object.fromEntries([...params].filter(([, v]) => v !== ""));
  return querySchema.parse(raw);
}

/**
 * One page of 待领取, with the total: the browser gets the rows it shows, not a grid's thousands
 * (or, for the admin after a first full match, the city's 120,000). A page past the end shows the
 * last one.
 */
export async function unclaimedPage(actor: Actor, query: UnclaimedQuery) {
  const all = await unclaimedBenefits(actor, { q: query.q });
  const pages = Math.max(1, Math.ceil(all.length / query.pageSize));
  const page = Math.min(query.page, pages);
  const amount = Math.round(all.reduce((sum, r) => sum + r.amount, 0) * 100) / 100;
  return { total: all.length, amount, page, pageSize: query.pageSize, rows: all.slice((page - 1) * query.pageSize, page * query.pageSize) };
}

/**
 * 待领取: companies in the actor's grids with 免申即享 benefits they have neither confirmed nor
 * declined, oldest first, with who to call. Scoped by the actor's grid subtree; `q` keeps the
 * companies whose name contains it.
 */
export async function unclaimedBenefits(actor: Actor, options: { q?: string } = {}) {
  if (actor.role !== "GRID_WORKER" && actor.role !== "ADMIN") return [];
  const scope = { ...(await companyWhere(actor)), ...(options.q ? { name: { contains: options.q } } : {}) };
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
    // The scope's companies first (a grid subtree, or a name searched for), then their pending records by the (response, status, companyId)
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
    // Ties (a run stamps a whole batch alike) by name, so pages never overlap or skip a company.
    .sort((a, b) => (a.since?.getTime() ?? 0) - (b.since?.getTime() ?? 0) || byName(a.name, b.name) || (a.id < b.id ? -1 : 1));
}
