import { createHash, randomBytes } from "node:crypto";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { BenefitSpec } from "~/policies/policy-file";
import type { TopCondition } from "~/rules/conditions";
import { insertRows } from "~/utils/bulk-insert.server";
import { cityDate, factInstant } from "~/utils/dates";
import { compileConditions } from "./compile";
import { matchCompany, pruneIndexOf, type LiveClause } from "./match-company";
import { registryFacts, type CompanyFacts } from "./registry-facts.server";

/**
 * Match runs: the registry against the clauses in force, written as match records. Each batch
 * of companies commits with the run's cursor, so a run killed halfway resumes after the last
 * committed batch and a rerun changes nothing that is already right: a record is inserted once
 * per (company, clause version), and its notification is enqueued in the same transaction with
 * the record's key, so a company is told exactly once per clause version.
 */
export const MATCH_NOTIFY = "match.notify";

// Ids that grow with time (like cuid): inserts append to the primary-key index instead of
// splitting pages all over it, which random UUIDs do at millions of rows.
let sequence = 0;
const prefix = randomBytes(4).toString("hex");
function orderedId(): string {
  sequence = (sequence + 1) % 1_679_616; // 36^4
  return `m${Date.now().toString(36)}${sequence.toString(36).padStart(4, "0")}${prefix}`;
}

// Pure, in ./match-company (tests and scripts use them without a database).
export { matchCompany, matchCompanyUnpruned, pruneIndexOf, type LiveClause, type Outcome } from "./match-company";

// Compiled clauses, reused while no policy version changed: a single company's re-match must not
// re-read and re-compile a thousand rules.
let compiled: { stamp: string; clauses: LiveClause[] } | null = null;

/** Clause versions of published policies in force on a date, compiled. */
export async function clausesInForce(on: string): Promise<LiveClause[]> {
  const { _count, _max } = await prisma.policyVersion.aggregate({ where: { status: "PUBLISHED" }, _count: { _all: true }, _max: { updatedAt: true } });
  const stamp = `${on}|${_count._all}|${_max.updatedAt?.toISOString() ?? ""}`;
  if (compiled?.stamp === stamp) return compiled.clauses;
  const clauses = await loadClauses(on);
  pruneIndexOf(clauses); // the candidate index (prune.ts), built once per clause set
  compiled = { stamp, clauses };
  return clauses;
}

async function loadClauses(on: string): Promise<LiveClause[]> {
  const rows = await prisma.policyClause.findMany({
    where: { version: { status: "PUBLISHED", effectiveFrom: { lte: on }, OR: [{ expiresOn: null }, { expiresOn: { gte: on } }] } },
    orderBy: [{ version: { policyId: "asc" } }, { ordinal: "asc" }],
    select: { id: true, key: true, name: true, delivery: true, exclusiveGroup: true, conditions: true, benefit: true, version: { select: { id: true, policyId: true, title: true } } },
  });
  return rows.map((r, order) => {
    const conditions = JSON.parse(r.conditions) as TopCondition;
    return {
      id: r.id, key: r.key, name: r.name, delivery: r.delivery, group: r.exclusiveGroup,
      policyId: r.version.policyId, policyTitle: r.version.title, versionId: r.version.id, order,
      conditions,
      predicate: compileConditions(conditions),
      benefit: JSON.parse(r.benefit) as BenefitSpec,
    };
  });
}

export type RunKind = "FULL" | "CLAUSE" | "COMPANY";

export interface RunOptions {
  kind: RunKind;
  trigger: string;
  /** CLAUSE runs: the policy version published or retired. */
  versionId?: string;
  /** COMPANY runs: the companies to re-match. */
  companyIds?: string[];
  on?: string;
  actorId?: string | null;
  /** Companies per committed batch (tests use small ones to interrupt a run between batches). */
  batchSize?: number;
  /** Called after each committed batch (progress bars, logs). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Starts a run, or resumes the unfinished one of the same kind and version (a crash mid-run
 * leaves it RUNNING with its cursor). Returns the run id when done.
 */
export async function runMatch(options: RunOptions): Promise<string> {
  const on = options.on ?? cityDate();
  // The latest run of this kind, if it never finished (killed, or failed on a fault since
  // repaired), is continued from its cursor rather than started over.
  const latest = options.kind === "COMPANY" ? null : await prisma.matchRun.findFirst({
    where: { kind: options.kind, versionId: options.versionId ?? null },
    orderBy: { startedAt: "desc" },
  });
  const resumable = latest && latest.status !== "DONE" ? latest : null;
  if (resumable) await prisma.matchRun.update({ where: { id: resumable.id }, data: { status: "RUNNING", error: null, finishedAt: null } });
  const total = options.kind === "COMPANY" ? options.companyIds?.length ?? 0 : await prisma.company.count({ where: { status: "ACTIVE" } });
  const run = resumable ?? await prisma.matchRun.create({
    data: { kind: options.kind, trigger: options.trigger, versionId: options.versionId ?? null, total, evaluatedOn: on, startedById: options.actorId ?? null },
  });
  try {
    await execute(run.id, run.evaluatedOn, run.cursor, run.done, options);
    await prisma.matchRun.update({ where: { id: run.id }, data: { status: "DONE", finishedAt: new Date() } });
  } catch (error) {
    await prisma.matchRun.update({ where: { id: run.id }, data: { status: "FAILED", error: String((error as Error).message ?? error).slice(0, 1000), finishedAt: new Date() } });
    throw error;
  }
  return run.id;
}

async function execute(runId: string, on: string, cursor: string, doneBefore: number, options: RunOptions): Promise<void> {
  const all = await clausesInForce(on);
  // Which clauses this run decides: all (FULL, COMPANY) or the version's and those sharing a
  // group with them (their amounts decide who gets what), plus the version's retired clauses.
  let scope: Set<string>;
  let lapseOnly = new Set<string>();
  if (options.kind === "CLAUSE") {
    const own = await prisma.policyClause.findMany({ where: { versionId: options.versionId }, select: { id: true, exclusiveGroup: true } });
    const groups = new Set(own.map((c) => c.exclusiveGroup).filter((g): g is string => !!g));
    scope = new Set([...own.map((c) => c.id), ...all.filter((c) => c.group && groups.has(c.group)).map((c) => c.id)]);
    lapseOnly = new Set(own.map((c) => c.id).filter((id) => !all.some((c) => c.id === id)));
    // Clauses superseded by this version: their records lapse too.
    const version = await prisma.policyVersion.findUnique({ where: { id: options.versionId }, select: { policyId: true } });
    if (version) {
      const old = await prisma.policyClause.findMany({ where: { version: { policyId: version.policyId, id: { not: options.versionId } } }, select: { id: true } });
      for (const o of old) if (!all.some((c) => c.id === o.id)) lapseOnly.add(o.id);
    }
  } else scope = new Set(all.map((c) => c.id));
  // The whole list when nothing is left out: it is the one whose candidate index is built.
  const evaluated = options.kind === "CLAUSE" ? all.filter((c) => scope.has(c.id)) : all;
  const relevant = (clauseId: string) => scope.has(clauseId) || lapseOnly.has(clauseId) || options.kind !== "CLAUSE";
  let done = doneBefore;

  const batches = options.kind === "COMPANY" ? registryFacts(factInstant(on), { ids: options.companyIds ?? [], batchSize: options.batchSize })
    : registryFacts(factInstant(on), { after: cursor, batchSize: options.batchSize });
  for await (const batch of batches) {
    await prisma.$transaction(
      async (tx) => {
        await writeBatch(tx, batch, evaluated, relevant, on, options.kind);
        done += batch.length;
        await tx.matchRun.update({ where: { id: runId }, data: { cursor: batch[batch.length - 1].id, done } });
      },
      { timeout: 120_000 },
    );
    options.onProgress?.(done, options.kind === "COMPANY" ? options.companyIds?.length ?? 0 : 0);
  }
}

interface RecordRow {
  id: string;
  companyId: string;
  clauseId: string;
  status: string;
  amount: number | null;
  excludedBy: string | null;
}

async function writeBatch(
  tx: Prisma.TransactionClient,
  batch: CompanyFacts[],
  clauses: LiveClause[],
  relevant: (clauseId: string) => boolean,
  on: string,
  kind: RunKind,
): Promise<void> {
  const ids = batch.map((c) => c.id);
  const outcomesOf = new Map(batch.map((c) => [c.id, matchCompany(clauses, c.facts, on)]));
  // A full rerun over unchanged data is the daily case: compare each company's outcome with the
  // digest of its last full match and read records only for the companies that differ.
  let changed = batch;
  const digests = new Map<string, string>();
  if (kind === "FULL") {
    const stored = new Map((await tx.matchDigest.findMany({ where: { companyId: { gte: ids[0], lte: ids[ids.length - 1] } } })).map((d) => [d.companyId, d.digest]));
    for (const c of batch) digests.set(c.id, outcomeDigest(outcomesOf.get(c.id)!));
    changed = batch.filter((c) => stored.get(c.id) !== digests.get(c.id));
    if (!changed.length) return;
  }
  const changedIds = changed.map((c) => c.id);
  const existing = await tx.matchRecord.findMany({
    where: changed.length === batch.length ? { companyId: { gte: ids[0], lte: ids[ids.length - 1] } } : { companyId: { in: changedIds } },
    select: { id: true, companyId: true, clauseId: true, status: true, amount: true, excludedBy: true },
  });
  const byCompany = new Map<string, RecordRow[]>();
  for (const r of existing) (byCompany.get(r.companyId) ?? byCompany.set(r.companyId, []).get(r.companyId)!).push(r);

  const inserts: Record<string, unknown>[] = [];
  const notices: Record<string, unknown>[] = [];
  const snapshots = new Map<string, string>();
  const now = new Date();
  for (const company of changed) {
    const outcomes = outcomesOf.get(company.id)!;
    const records = new Map((byCompany.get(company.id) ?? []).map((r) => [r.clauseId, r]));
    // The facts behind this company's decisions, stored once (computed only if something changed).
    let snapshotId: string | null = null;
    const snapshot = () => {
      if (snapshotId) return snapshotId;
      const json = JSON.stringify(company.facts);
      snapshotId = createHash("sha256").update(json).digest("hex");
      snapshots.set(snapshotId, json);
      return snapshotId;
    };
    for (const o of outcomes) {
      const reason = o.excludedBy ? `与“${o.excludedBy.policyTitle} · ${o.excludedBy.name}”从高、不重复享受` : null;
      const record = records.get(o.clause.id);
      records.delete(o.clause.id);
      if (!record) {
        inserts.push({
          id: orderedId(), companyId: company.id, clauseId: o.clause.id, policyId: o.clause.policyId, versionId: o.clause.versionId,
          status: o.status, amount: o.amount, excludedBy: o.excludedBy?.id ?? null, reason, snapshotId: snapshot(), evaluatedOn: on,
          firstQualifiedAt: now, response: o.clause.delivery === "免申即享" ? "PENDING" : null, updatedAt: now,
        });
      } else if (record.status !== o.status || record.amount !== o.amount || record.excludedBy !== (o.excludedBy?.id ?? null)) {
        await tx.matchRecord.update({
          where: { id: record.id },
          data: { status: o.status, amount: o.amount, excludedBy: o.excludedBy?.id ?? null, reason, snapshotId: snapshot(), evaluatedOn: on },
        });
      } else continue;
      // 免申即享: the company hears of it once per clause version (the key), only when it is paid
      // this one (not when another clause of its group pays more).
      if (o.status === "QUALIFIED" && o.clause.delivery === "免申即享") {
        notices.push({
          id: orderedId(), topic: MATCH_NOTIFY, key: `${company.id}:${o.clause.id}`,
          payload: JSON.stringify({ companyId: company.id, clauseId: o.clause.id }),
          status: "PENDING", attempts: 0, nextAttemptAt: now, createdAt: now,
        });
      }
    }
    // What no longer qualifies lapses (records are history, never deleted).
    for (const r of records.values()) {
      if (r.status !== "LAPSED" && relevant(r.clauseId)) {
        await tx.matchRecord.update({ where: { id: r.id }, data: { status: "LAPSED", reason: "按最新数据已不符合条件，或政策条款已调整、废止", evaluatedOn: on } });
      }
    }
  }
  await insertRows(tx, "FactSnapshot", [...snapshots].map(([id, facts]) => ({ id, facts, createdAt: now })), 200, ["id"]);
  await insertRows(tx, "MatchRecord", inserts, 200);
  await insertRows(tx, "OutboxMessage", notices, 300, ["topic", "key"]);
  // Full runs record what they decided; other runs changed records a digest no longer describes.
  await tx.matchDigest.deleteMany({ where: { companyId: { in: kind === "FULL" ? changedIds : ids } } });
  if (kind === "FULL") await insertRows(tx, "MatchDigest", changed.map((c) => ({ companyId: c.id, digest: digests.get(c.id)! })), 500);
}

/** A company's outcome in a few bytes: which clauses, with what status, amount and winner. */
function outcomeDigest(outcomes: ReturnType<typeof matchCompany>): string {
  const text = outcomes.map((o) => `${o.clause.id}|${o.status}|${o.amount ?? ""}|${o.excludedBy?.id ?? ""}`).join("\n");
  return createHash("sha1").update(text).digest("base64");
}

/** The latest runs with progress, for the officers' page. */
export async function recentRuns(take = 20) {
  return prisma.matchRun.findMany({ orderBy: { startedAt: "desc" }, take });
}
