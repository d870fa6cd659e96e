import type { Actor } from "~/auth/actor";
import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { accountsFor } from "./candidates.server";
import { roundToYuan, type PayoutStatus } from "./labels";
import type { LedgerFilters } from "./ledger-filters";
import { clauseInfo, districtIdOf, districtNames, policyTitles } from "./lookup.server";
import { seesPayouts } from "./batches.server";
import { pageOf } from "~/utils/paging";

/**
 * 兑付台账: every payout with its company and district, filtered, totalled by policy and by
 * district, a page at a time or whole for export. Plain SQL through Prisma's tagged templates
 * (quoted identifiers, one placeholder style per engine) because the district comes from the
 * company's grid path, which the query builder cannot join without relations.
 */
export const LEDGER_PAGE_SIZE = 50;

const FROM = Prisma.sql`FROM "Payout" p
  JOIN "Company" c ON c."id" = p."companyId"
  LEFT JOIN "GridNode" g ON g."id" = c."gridId"
  LEFT JOIN "GridNode" pg ON pg."id" = c."parkGridId"
  LEFT JOIN "PayoutBatch" b ON b."id" = p."batchId"`;

/** Calendar dates in the city are days from 00:00 China time. */
const cityMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);
const dayAfter = (date: string) => new Date(cityMidnight(date).getTime() + 86_400_000);

async function whereOf(f: LedgerFilters): Promise<Prisma.Sql> {
  const parts: Prisma.Sql[] = [Prisma.sql`1 = 1`];
  if (f.policyId) parts.push(Prisma.sql`p."policyId" = ${f.policyId}`);
  if (f.status) parts.push(Prisma.sql`p."status" = ${f.status}`);
  if (f.batchId) parts.push(Prisma.sql`p."batchId" = ${f.batchId}`);
  if (f.from) parts.push(Prisma.sql`p."paidAt" >= ${cityMidnight(f.from)}`);
  if (f.to) parts.push(Prisma.sql`p."paidAt" < ${dayAfter(f.to)}`);
  if (f.q) parts.push(Prisma.sql`(c."name" LIKE ${`%${f.q}%`} OR c."uscc" = ${f.q.toUpperCase()})`);
  if (f.districtId) {
    const district = await prisma.gridNode.findFirst({ where: { id: f.districtId, depth: 1 }, select: { path: true } });
    // An unknown district matches nothing rather than everything.
    parts.push(district ? Prisma.sql`COALESCE(g."path", pg."path") LIKE ${`${district.path}%`}` : Prisma.sql`1 = 0`);
  }
  return Prisma.join(parts, " AND ");
}

interface Row {
  id: string;
  matchId: string;
  companyId: string;
  clauseId: string;
  policyId: string;
  amount: number;
  status: string;
  paidAt: Date | null;
  failure: string | null;
  createdAt: Date;
  batchId: string | null;
  batchTitle: string | null;
  name: string;
  uscc: string;
  path: string | null;
}

const COLUMNS = Prisma.sql`p."id", p."matchId", p."companyId", p."clauseId", p."policyId", p."amount", p."status", p."paidAt", p."failure",
  p."createdAt", p."batchId", b."title" AS "batchTitle", c."name", c."uscc", COALESCE(g."path", pg."path") AS "path"`;


export async function ledger(input: { actor: Actor; filters: LedgerFilters }) {
  if (!seesPayouts(input.actor)) return null;
  const where = await whereOf(input.filters);
  const [totals] = await prisma.$queryRaw<{ n: bigint | number; amount: number | bigint | null; paid: number | bigint | null }[]>`
    SELECT COUNT(*) AS "n", SUM(p."amount") AS "amount", SUM(CASE WHEN p."status" = 'PAID' THEN p."amount" ELSE 0.0 END) AS "paid" ${FROM} WHERE ${where}`;
  const total = Number(totals.n);
  const { page, pages } = pageOf(total, LEDGER_PAGE_SIZE, input.filters.page);
  const [rows, policyGroups, gridGroups, districts] = await Promise.all([
    prisma.$queryRaw<Row[]>`SELECT ${COLUMNS} ${FROM} WHERE ${where}
      ORDER BY p."createdAt" DESC, p."id" LIMIT ${LEDGER_PAGE_SIZE} OFFSET ${(page - 1) * LEDGER_PAGE_SIZE}`,
    prisma.$queryRaw<{ policyId: string; n: bigint | number; amount: number | bigint | null; paid: number | bigint | null }[]>`
      SELECT p."policyId", COUNT(*) AS "n", SUM(p."amount") AS "amount", SUM(CASE WHEN p."status" = 'PAID' THEN p."amount" ELSE 0.0 END) AS "paid"
      ${FROM} WHERE ${where} GROUP BY p."policyId"`,
    // By grid, then folded into districts here: cutting the district out of a path in SQL differs by engine.
    prisma.$queryRaw<{ path: string | null; n: bigint | number; amount: number | bigint | null; paid: number | bigint | null }[]>`
      SELECT COALESCE(g."path", pg."path") AS "path", COUNT(*) AS "n", SUM(p."amount") AS "amount", SUM(CASE WHEN p."status" = 'PAID' THEN p."amount" ELSE 0.0 END) AS "paid"
      ${FROM} WHERE ${where} GROUP BY COALESCE(g."path", pg."path")`,
    districtNames(),
  ]);
  const titles = await policyTitles(policyGroups.map((g) => g.policyId));
  const byDistrict = new Map<string, { name: string; count: number; amount: number; paid: number }>();
  for (const g of gridGroups) {
    const id = districtIdOf(g.path);
    const name = (id && districts.get(id)) || "待分配网格";
    const t = byDistrict.get(name) ?? byDistrict.set(name, { name, count: 0, amount: 0, paid: 0 }).get(name)!;
    t.count += Number(g.n);
    t.amount += Number(g.amount ?? 0);
    t.paid += Number(g.paid ?? 0);
  }
  return {
    total, page, pages, pageSize: LEDGER_PAGE_SIZE,
    amount: roundToYuan(Number(totals.amount ?? 0)),
    paid: roundToYuan(Number(totals.paid ?? 0)),
    rows: await present(rows, districts, false),
    byPolicy: policyGroups
      .map((g) => ({ policyId: g.policyId, policy: titles.get(g.policyId) ?? g.policyId, count: Number(g.n), amount: roundToYuan(Number(g.amount ?? 0)), paid: roundToYuan(Number(g.paid ?? 0)) }))
      .sort((a, b) => b.amount - a.amount),
    byDistrict: [...byDistrict.values()].map((t) => ({ ...t, amount: roundToYuan(t.amount), paid: roundToYuan(t.paid) })).sort((a, b) => b.amount - a.amount),
  };
}

async function present(rows: Row[], districts: Map<string, string>, wholeAccount: boolean) {
  const [clauses, accounts] = await Promise.all([clauseInfo(rows.map((r) => r.clauseId)), accountsFor(prisma, rows.map((r) => r.matchId))]);
  return rows.map((r) => {
    const clause = clauses.get(r.clauseId);
    const account = accounts.get(r.matchId);
    const districtId = districtIdOf(r.path);
    return {
      id: r.id, company: r.name, uscc: r.uscc, district: (districtId && districts.get(districtId)) || null,
      policy: clause?.policyTitle ?? r.policyId, clause: clause?.name ?? "", amount: Number(r.amount),
      status: r.status as PayoutStatus, paidAt: r.paidAt, failure: r.failure, createdAt: r.createdAt,
      batchId: r.batchId, batch: r.batchTitle,
      accountName: account?.name ?? "", bank: account?.bank ?? "",
      accountNumber: account ? (wholeAccount ? account.number : `****${account.number.slice(-4)}`) : "",
    };
  });
}

/** The whole filtered ledger (up to `limit` rows) for CSV/XLSX, whole account numbers included. */
export async function ledgerExport(input: { actor: Actor; filters: LedgerFilters; limit: number }) {
  if (!seesPayouts(input.actor)) return null;
  const where = await whereOf(input.filters);
  const [count] = await prisma.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS "n" ${FROM} WHERE ${where}`;
  const rows = await prisma.$queryRaw<Row[]>`SELECT ${COLUMNS} ${FROM} WHERE ${where} ORDER BY p."createdAt" DESC, p."id" LIMIT ${input.limit}`;
  return { total: Number(count.n), rows: await present(rows, await districtNames(), true) };
}

/** Choices for the filter bar: policies that have payouts, districts, batches. */
export async function ledgerOptions(actor: Actor) {
  if (!seesPayouts(actor)) return { policies: [], districts: [], batches: [] };
  const [policies, districts, batches] = await Promise.all([
    prisma.payout.groupBy({ by: ["policyId"] }),
    districtNames(),
    prisma.payoutBatch.findMany({ where: { status: { not: "REJECTED" } }, orderBy: { createdAt: "desc" }, take: 200, select: { id: true, title: true } }),
  ]);
  const titles = await policyTitles(policies.map((p) => p.policyId));
  return {
    policies: policies.map((p) => ({ value: p.policyId, label: titles.get(p.policyId) ?? p.policyId })),
    districts: [...districts].map(([value, label]) => ({ value, label })),
    batches: batches.map((b) => ({ value: b.id, label: b.title })),
  };
}
