import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { StatDelta } from "./batch-plan";
import { decodeOutcomes } from "./result-codec";

/**
 * MatchStat: match outcomes counted by (clause, status, response) with their amounts, for
 * 匹配推送's counts by policy. Counting 3,000,000 outcomes on each load took seconds, on the
 * portal's only SQLite connection. Whoever changes outcomes or answers applies the deltas in the
 * same transaction (match-store.server.ts for runs, my-policies.server.ts for a company's answer);
 * recountMatchStats rebuilds the table from the stored outcomes.
 */

/** The upsert both engines accept: a new key starts at the delta, an existing one adds it. */
export const STAT_UPSERT = `INSERT INTO "MatchStat" ("clauseId", "policyId", "status", "response", "count", "amount") VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT ("clauseId", "status", "response") DO UPDATE SET "count" = "MatchStat"."count" + excluded."count", "amount" = "MatchStat"."amount" + excluded."amount"`;

/** The portable path: Prisma's upsert (the direct path runs STAT_UPSERT on Prisma's connection). */
export async function applyStatDeltas(tx: Prisma.TransactionClient, deltas: readonly StatDelta[]): Promise<void> {
  for (const { count, amount, ...key } of deltas) {
    await tx.matchStat.upsert({
      where: { clauseId_status_response: { clauseId: key.clauseId, status: key.status, response: key.response } },
      create: { ...key, count, amount },
      update: { count: { increment: count }, amount: { increment: amount } },
    });
  }
}

/** One record moving from one response to another (a company confirming or declining). */
export function responseDeltas(record: { clauseId: string; policyId: string; status: string; amount: number | null }, from: string | null, to: string | null): StatDelta[] {
  if ((from ?? "") === (to ?? "")) return [];
  const base = { clauseId: record.clauseId, policyId: record.policyId, status: record.status };
  return [
    { ...base, response: from ?? "", count: -1, amount: -(record.amount ?? 0) },
    { ...base, response: to ?? "", count: 1, amount: record.amount ?? 0 },
  ];
}

/** Rebuilds MatchStat from the stored outcomes, in one transaction (a repair; takes seconds at 120,000 companies). */
export async function recountMatchStats(): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const clauses = new Map((await tx.policyClause.findMany({ select: { id: true, delivery: true, version: { select: { policyId: true } } } }))
      .map((c) => [c.id, { policyId: c.version.policyId, instant: c.delivery === "免申即享" }]));
    const stats = new Map<string, StatDelta>();
    let after = "";
    for (;;) {
      const page = await tx.matchResult.findMany({ where: { companyId: { gt: after } }, orderBy: { companyId: "asc" }, take: 2000, select: { companyId: true, outcomes: true } });
      if (!page.length) break;
      after = page[page.length - 1].companyId;
      const answers = new Map((await tx.matchRecord.findMany({
        where: { companyId: { gte: page[0].companyId, lte: after } }, select: { companyId: true, clauseId: true, response: true },
      })).map((r) => [`${r.companyId}|${r.clauseId}`, r.response]));
      for (const row of page) {
        for (const o of decodeOutcomes(row.outcomes)) {
          const info = clauses.get(o.clauseId);
          const response = answers.get(`${row.companyId}|${o.clauseId}`) ?? (info?.instant ? "PENDING" : "");
          const key = `${o.clauseId}\n${o.status}\n${response}`;
          const d = stats.get(key) ?? stats.set(key, { clauseId: o.clauseId, policyId: info?.policyId ?? "", status: o.status, response, count: 0, amount: 0 }).get(key)!;
          d.count++;
          d.amount += o.amount ?? 0;
        }
      }
    }
    await tx.matchStat.deleteMany();
    await tx.matchStat.createMany({ data: [...stats.values()] });
  }, { timeout: 600_000 });
}
