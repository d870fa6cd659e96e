import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { StatDelta } from "./batch-plan";

/**
 * MatchStat: match records counted by (clause, status, response) with their amounts, for
 * 匹配推送's counts by policy. Grouping the records themselves took 6 s at 3,000,000 of them, on
 * the portal's only SQLite connection. Whoever writes records applies the deltas in the same
 * transaction (match-store.server.ts for runs, my-policies.server.ts for a company's answer);
 * recountMatchStats rebuilds the table from the records (the migration that created it did the same).
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

/** Rebuilds MatchStat from the records, in one transaction (a repair; takes seconds at millions). */
export async function recountMatchStats(): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.matchStat.deleteMany();
    await tx.$executeRaw`INSERT INTO "MatchStat" ("clauseId", "policyId", "status", "response", "count", "amount")
      SELECT "clauseId", MIN("policyId"), "status", COALESCE("response", ''), COUNT(*), COALESCE(SUM("amount"), 0)
      FROM "MatchRecord" GROUP BY "clauseId", "status", COALESCE("response", '')`;
  }, { timeout: 600_000 });
}
