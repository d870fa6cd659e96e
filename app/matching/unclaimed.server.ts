import { z } from "zod";
import type { Actor } from "~/auth/actor";
import { companyWhere } from "~/auth/scope.server";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { pageOf } from "~/utils/paging";

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
 * One page of 待领取, with the total and the amount of the whole list: the browser gets the rows
 * it shows. A page past the end shows the last one. Read from MatchPending (kept per company by
 * match runs and a company's answers): the admin's whole city used to group 1,300,000 pending
 * outcomes on every load.
 */
export async function unclaimedPage(actor: Actor, query: UnclaimedQuery) {
  const where = await pendingWhere(actor, query.q);
  if (!where) return { total: 0, amount: 0, page: 1, pageSize: query.pageSize, rows: [] };
  const { _count, _sum } = await prisma.matchPending.aggregate({ where, _count: { _all: true }, _sum: { amount: true } });
  const { page, skip } = pageOf(_count._all, query.pageSize, query.page);
  const rows = await listPending(where, { skip, take: query.pageSize });
  return { total: _count._all, amount: Math.round((_sum.amount ?? 0) * 100) / 100, page, pageSize: query.pageSize, rows };
}

/**
 * 待领取: companies in the actor's grids with 免申即享 benefits they have neither confirmed nor
 * declined, oldest first (the largest amount first among those of the same day), with who to
 * call. Scoped by the actor's grid subtree; `q` keeps the companies whose name contains it.
 * The whole list (the export); the page reads one page of it.
 */
export async function unclaimedBenefits(actor: Actor, options: { q?: string } = {}) {
  const where = await pendingWhere(actor, options.q);
  return where ? listPending(where) : [];
}

async function pendingWhere(actor: Actor, q: string | undefined): Promise<Prisma.MatchPendingWhereInput | null> {
  if (actor.role !== "GRID_WORKER" && actor.role !== "ADMIN") return null;
  const scope = { ...(await companyWhere(actor)), ...(q ? { name: { contains: q } } : {}) };
  return Object.keys(scope).length ? { company: scope } : {};
}

async function listPending(where: Prisma.MatchPendingWhereInput, page: { skip?: number; take?: number } = {}) {
  const rows = await prisma.matchPending.findMany({
    where,
    // The company id last: a run stamps a whole batch alike, and pages must never overlap or skip.
    orderBy: [{ since: "asc" }, { amount: "desc" }, { companyId: "asc" }],
    ...page,
    select: { count: true, amount: true, since: true, company: { select: { id: true, name: true, contactName: true, contactPhone: true, grid: { select: { name: true } } } } },
  });
  return rows.map(({ company: c, ...p }) => ({
    id: c.id, name: c.name, contactName: c.contactName, contactPhone: c.contactPhone, grid: c.grid?.name ?? null,
    count: p.count, amount: Math.round(p.amount * 100) / 100, since: p.since,
  }));
}
