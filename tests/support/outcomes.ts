// Match outcomes of every company as rows, for tests that compare or arrange them (the portal
// reads one company at a time, through app/matching/outcomes.server.ts).
import { prisma } from "~/db.server";
import { companyOutcomes, type CompanyOutcome } from "~/matching/outcomes.server";
import { decodeOutcomes, encodeOutcomes, type StoredOutcome } from "~/matching/result-codec";

export interface OutcomeRow extends CompanyOutcome {
  companyId: string;
}

/** Every company's outcomes (or one company's), ordered by company and clause. */
export async function outcomeRows(where: { companyId?: string } = {}): Promise<OutcomeRow[]> {
  const results = await prisma.matchResult.findMany({ where, select: { companyId: true }, orderBy: { companyId: "asc" } });
  const rows: OutcomeRow[] = [];
  for (const { companyId } of results) {
    const all = await companyOutcomes(prisma, companyId);
    for (const o of all?.outcomes ?? []) rows.push({ ...o, companyId });
  }
  return rows.sort((a, b) => (a.companyId === b.companyId ? (a.clauseId < b.clauseId ? -1 : 1) : a.companyId < b.companyId ? -1 : 1));
}

/** Rewrites one stored outcome, as if the last run had decided it so. */
export async function patchOutcome(companyId: string, clauseId: string, patch: Partial<StoredOutcome>): Promise<void> {
  const row = await prisma.matchResult.findUniqueOrThrow({ where: { companyId } });
  const outcomes = decodeOutcomes(row.outcomes).map((o) => (o.clauseId === clauseId ? { ...o, ...patch } : o));
  await prisma.matchResult.update({ where: { companyId }, data: { outcomes: encodeOutcomes(outcomes) } });
}

/** Stores a company's outcomes as given (tests that arrange what a company qualifies for). */
export async function storeOutcomes(companyId: string, outcomes: StoredOutcome[]): Promise<void> {
  const data = { outcomes: encodeOutcomes(outcomes), facts: "{}", evaluatedOn: "2026-11-23", updatedAt: new Date() };
  await prisma.matchResult.upsert({ where: { companyId }, create: { companyId, ...data }, update: data });
}

/** Forgets every match result, record and digest (a run then starts from empty). */
export async function clearMatches(): Promise<void> {
  await prisma.matchRecord.deleteMany();
  await prisma.matchResult.deleteMany();
  await prisma.matchDigest.deleteMany();
}
