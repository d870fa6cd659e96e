import { prisma } from "~/db.server";
import type { BenefitSpec } from "~/policies/policy-file";
import type { TopCondition } from "~/rules/conditions";
import { cityDate, factInstant } from "~/utils/dates";
import { outcomeDigest, type ClauseInfo, type Evaluated, type RunKind } from "./batch-plan";
import { compileConditions } from "./compile";
import { matchBatch } from "./batch-match";
import type { LiveClause } from "./match-company";
import { writeChunk } from "./match-store.server";
import { registryFacts } from "./registry-facts.server";

/**
 * Match runs: the registry against the clauses in force, written as each company's outcomes
 * (MatchResult, decision 024). Each batch of companies commits with the run's cursor, so a run
 * killed halfway resumes after the last committed batch and a rerun changes nothing that is
 * already right. 免申即享 clause versions a company newly qualifies for are listed in one notice
 * per company and run, enqueued in the same transaction and marked on their outcomes (notified),
 * so a company is told exactly once per clause version.
 */
export { directWrites, MATCH_NOTIFY, setDirectWrites } from "./match-store.server";
export type { RunKind } from "./batch-plan";

// Pure, in ./match-company and ./batch-match (tests and scripts use them without a database).
export { matchBatch } from "./batch-match";
export { matchCompany, type LiveClause, type Outcome } from "./match-company";

// Compiled clauses, reused while no policy version changed: a single company's re-match must not
// re-read and re-compile a thousand rules.
let compiled: { stamp: string; clauses: LiveClause[]; info: Map<string, ClauseInfo> } | null = null;

/** Clause versions of published policies in force on a date, compiled. */
export async function clausesInForce(on: string): Promise<LiveClause[]> {
  return (await compiledFor(on)).clauses;
}

async function compiledFor(on: string) {
  const { _count, _max } = await prisma.policyVersion.aggregate({ where: { status: "PUBLISHED" }, _count: { _all: true }, _max: { updatedAt: true } });
  const stamp = `${on}|${_count._all}|${_max.updatedAt?.toISOString() ?? ""}`;
  if (compiled?.stamp === stamp) return compiled;
  // Policy and delivery of every clause, in force or not (stored outcomes name old ones too). A
  // clause that has outcomes belongs to a published version, which is never edited.
  const rows = await prisma.policyClause.findMany({ select: { id: true, delivery: true, version: { select: { policyId: true } } } });
  const info = new Map(rows.map((r) => [r.id, { policyId: r.version.policyId, instant: r.delivery === "免申即享" }]));
  compiled = { stamp, clauses: await loadClauses(on), info };
  return compiled;
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
  /** Milliseconds spent reading facts, deciding (outcomes and digests) and writing, added to (benchmarks). */
  phases?: RunPhases;
}

export interface RunPhases {
  read: number;
  decide: number;
  write: number;
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
  const { clauses: all, info } = await compiledFor(on);
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
  // The whole list when nothing is left out: batch-match.ts plans each list once.
  const clauses = options.kind === "CLAUSE" ? all.filter((c) => scope.has(c.id)) : all;
  const relevant = (clauseId: string) => scope.has(clauseId) || lapseOnly.has(clauseId) || options.kind !== "CLAUSE";
  const clauseInfo = (clauseId: string) => info.get(clauseId);
  let done = doneBefore;

  const batches = options.kind === "COMPANY" ? registryFacts(factInstant(on), { ids: options.companyIds ?? [], batchSize: options.batchSize })
    : registryFacts(factInstant(on), { after: cursor, batchSize: options.batchSize });
  const phases = options.phases;
  let since = performance.now();
  const lap = (phase: keyof RunPhases) => {
    const now = performance.now();
    if (phases) phases[phase] += now - since;
    since = now;
  };
  for await (const batch of batches) {
    lap("read");
    const decided = matchBatch(clauses, batch.map((c) => c.facts), on);
    const evaluated: Evaluated[] = batch.map((c, i) => ({
      id: c.id, facts: c.facts, outcomes: decided[i], digest: options.kind === "FULL" ? outcomeDigest(decided[i]) : "",
    }));
    lap("decide");
    // Committed in chunks: each transaction holds SQLite's write lock (and, on the direct path,
    // this process's event loop) for a fraction of a second, not for a whole batch.
    for (let i = 0; i < evaluated.length; i += WRITE_CHUNK) {
      const chunk = evaluated.slice(i, i + WRITE_CHUNK);
      done += chunk.length;
      await writeChunk({ runId, kind: options.kind, batch: chunk, relevant, clauseInfo, on, cursor: chunk[chunk.length - 1].id, done });
    }
    options.onProgress?.(done, options.kind === "COMPANY" ? options.companyIds?.length ?? 0 : 0);
    lap("write");
  }
}

/** Companies per write transaction (about 50,000 outcomes on a first run). */
const WRITE_CHUNK = 2000;

/** The latest runs with progress, for the officers' page. */
export async function recentRuns(take = 20) {
  return prisma.matchRun.findMany({ orderBy: { startedAt: "desc" }, take });
}
