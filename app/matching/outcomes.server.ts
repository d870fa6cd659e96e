import { createHash } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { exclusionReason, LAPSED_REASON, pendingOf, type ActedRecord } from "./batch-plan";
import { decodeOutcomes, type StoredOutcome } from "./result-codec";

/**
 * A company's match outcomes as its readers see them (decision 024): the outcomes of its
 * MatchResult, each with the MatchRecord the company's action created, if any. Every function
 * takes the company id and reads nothing of any other company: the caller's scope is the scope.
 */
type Db = Prisma.TransactionClient;

export interface CompanyOutcome extends StoredOutcome {
  policyId: string;
  /** 免申即享 (else 申报). */
  instant: boolean;
  /** Why it is EXCLUDED or LAPSED, in Chinese; null when QUALIFIED. */
  reason: string | null;
  /** 免申即享: PENDING until the company confirms or declines; null for 申报. */
  response: string | null;
  /** The record the company's action created (its answer, its application); null before. */
  record: { id: string; respondedAt: Date | null; account: string | null } | null;
}

export interface CompanyOutcomes {
  outcomes: CompanyOutcome[];
  /** The facts of the evaluation that last changed an outcome. */
  facts: Record<string, unknown>;
  evaluatedOn: string;
}

/** The company's outcomes (all of them, or those of `clauseIds`); null if it was never matched. */
export async function companyOutcomes(db: Db, companyId: string, clauseIds?: readonly string[]): Promise<CompanyOutcomes | null> {
  const result = await db.matchResult.findUnique({ where: { companyId } });
  if (!result) return null;
  const wanted = clauseIds ? new Set(clauseIds) : null;
  const stored = decodeOutcomes(result.outcomes).filter((o) => !wanted || wanted.has(o.clauseId));
  const ids = [...new Set(stored.flatMap((o) => (o.excludedBy ? [o.clauseId, o.excludedBy] : [o.clauseId])))];
  const [clauses, records] = await Promise.all([
    db.policyClause.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, delivery: true, version: { select: { policyId: true, title: true } } } }),
    db.matchRecord.findMany({ where: { companyId, ...(wanted ? { clauseId: { in: [...wanted] } } : {}) }, select: { id: true, clauseId: true, response: true, respondedAt: true, account: true } }),
  ]);
  const clauseOf = new Map(clauses.map((c) => [c.id, c]));
  const recordOf = new Map(records.map((r) => [r.clauseId, r]));
  const outcomes = stored.map((o): CompanyOutcome => {
    const clause = clauseOf.get(o.clauseId);
    const winner = o.excludedBy ? clauseOf.get(o.excludedBy) : undefined;
    const instant = clause?.delivery === "免申即享";
    const record = recordOf.get(o.clauseId);
    return {
      ...o,
      policyId: clause?.version.policyId ?? "",
      instant,
      reason: o.status === "LAPSED" ? LAPSED_REASON
        : o.status === "EXCLUDED" ? (winner ? exclusionReason({ policyTitle: winner.version.title, name: winner.name }) : "从高、不重复享受") : null,
      response: record?.response ?? (instant ? "PENDING" : null),
      record: record ? { id: record.id, respondedAt: record.respondedAt, account: record.account } : null,
    };
  });
  return { outcomes, facts: JSON.parse(result.facts) as Record<string, unknown>, evaluatedOn: result.evaluatedOn };
}

/** One outcome of the company, with the facts it was decided on; null if it never qualified. */
export async function companyOutcome(db: Db, companyId: string, clauseId: string): Promise<(CompanyOutcome & { facts: Record<string, unknown>; evaluatedOn: string }) | null> {
  const all = await companyOutcomes(db, companyId, [clauseId]);
  const outcome = all?.outcomes[0];
  return outcome ? { ...outcome, facts: all.facts, evaluatedOn: all.evaluatedOn } : null;
}

/**
 * The MatchRecord of an outcome the company is acting on, created from the outcome the first
 * time (with the facts it was decided on): answers, applications and payouts point at it, and
 * match runs keep its status and amount in step with the outcome.
 */
export async function actOn(tx: Db, companyId: string, outcome: CompanyOutcome & { facts: Record<string, unknown>; evaluatedOn: string }): Promise<string> {
  if (outcome.record) return outcome.record.id;
  const facts = JSON.stringify(outcome.facts);
  const snapshotId = createHash("sha256").update(facts).digest("hex");
  await tx.factSnapshot.upsert({ where: { id: snapshotId }, create: { id: snapshotId, facts }, update: {} });
  const { versionId } = await tx.policyClause.findUniqueOrThrow({ where: { id: outcome.clauseId }, select: { versionId: true } });
  // An upsert: two answers racing on another engine find one record, not a key violation.
  const record = await tx.matchRecord.upsert({
    where: { companyId_clauseId: { companyId, clauseId: outcome.clauseId } },
    create: {
      companyId, clauseId: outcome.clauseId, policyId: outcome.policyId, versionId,
      status: outcome.status, amount: outcome.amount, excludedBy: outcome.excludedBy, reason: outcome.reason, snapshotId, evaluatedOn: outcome.evaluatedOn,
      firstQualifiedAt: new Date(outcome.firstQualifiedAt), notifiedAt: outcome.notified ? new Date(outcome.firstQualifiedAt) : null,
    },
    update: {},
    select: { id: true },
  });
  return record.id;
}

/** 待领取 of one company recounted from its outcomes and records (after it answers a push). */
export async function refreshPending(tx: Db, companyId: string): Promise<void> {
  const all = await companyOutcomes(tx, companyId);
  await tx.matchPending.deleteMany({ where: { companyId } });
  if (!all) return;
  const acted = new Map(all.outcomes.filter((o) => o.record).map((o): [string, ActedRecord] => [o.clauseId, {
    id: o.record!.id, companyId, clauseId: o.clauseId, status: o.status, amount: o.amount, excludedBy: o.excludedBy,
    response: o.response === "PENDING" ? null : o.response,
  }]));
  const info = new Map(all.outcomes.map((o) => [o.clauseId, { policyId: o.policyId, instant: o.instant }]));
  const pending = pendingOf(companyId, all.outcomes, acted, (id) => info.get(id));
  if (pending) await tx.matchPending.create({ data: { ...pending, since: new Date(pending.since) } });
}

/** The policies the company qualifies for (QUALIFIED, or EXCLUDED in favour of a higher one), sorted. */
export async function qualifiedPolicyIds(db: Db, companyId: string): Promise<string[]> {
  const result = await db.matchResult.findUnique({ where: { companyId }, select: { outcomes: true } });
  if (!result) return [];
  const clauseIds = decodeOutcomes(result.outcomes).filter((o) => o.status !== "LAPSED").map((o) => o.clauseId);
  const clauses = await db.policyClause.findMany({ where: { id: { in: clauseIds } }, select: { version: { select: { policyId: true } } } });
  return [...new Set(clauses.map((c) => c.version.policyId))].sort();
}
