import { hash, randomBytes } from "node:crypto";
import type { Outcome } from "./match-company";
import { encodeOutcomes, type OutcomeStatus, type StoredOutcome } from "./result-codec";

/**
 * What a match run writes for a batch of companies, decided without touching the database: the
 * companies' outcomes against what is stored (their MatchResult, the records they have acted on,
 * and for full runs the digests of their last full match). match-store.server.ts reads the
 * stored side and applies the plan, in one transaction with the run's cursor.
 */
export type RunKind = "FULL" | "CLAUSE" | "COMPANY";

export const LAPSED_REASON = "按最新数据已不符合条件，或政策条款已调整、废止";
const INSTANT = "免申即享";

/** A company of the batch: its id, its facts and what it qualifies for now. */
export interface Evaluated {
  id: string;
  facts: Record<string, unknown>;
  outcomes: Outcome[];
  /** Digest of the outcomes (full runs compare it with the stored one). */
  digest: string;
}

/**
 * A MatchRecord: kept for an outcome once the company has acted on it (answered a 免申即享 push,
 * applied for a 申报 clause), and kept in step with the outcome by runs (status, amount).
 */
export interface ActedRecord {
  id: string;
  companyId: string;
  clauseId: string;
  status: string;
  amount: number | null;
  excludedBy: string | null;
  /** 免申即享: CONFIRMED | DECLINED; null for 申报 (an application). */
  response: string | null;
}

/** What runs need of any clause a stored outcome names, in force or not. */
export interface ClauseInfo {
  policyId: string;
  /** 免申即享 (else 申报). */
  instant: boolean;
}

/** A change to MatchStat's count and amount for one (clause, status, response); response "" for none. */
export interface StatDelta {
  clauseId: string;
  policyId: string;
  status: string;
  response: string;
  count: number;
  amount: number;
}

export interface RecordUpdate {
  id: string;
  status: string;
  amount: number | null;
  excludedBy: string | null;
  reason: string | null;
}

export interface Notice {
  companyId: string;
  /** Clause versions the company newly qualifies for, each listed in no other notice. */
  clauseIds: string[];
}

/** 待领取 of one company: its 免申即享 outcomes QUALIFIED and not yet answered. */
export interface Pending {
  companyId: string;
  count: number;
  amount: number;
  /** The earliest firstQualifiedAt among them (ms). */
  since: number;
}

export interface BatchPlan {
  /** Companies whose outcomes changed: [companyId, outcomes (encoded), facts JSON]. */
  results: [string, string, string][];
  /** Acted-on records whose outcome changed. */
  updates: RecordUpdate[];
  /** One per company with something new to hear of. */
  notices: Notice[];
  /** Full runs: companyId → digest to store (only companies that changed). */
  digests: [string, string][];
  /** Other runs: companies whose stored digest no longer describes their outcomes. */
  forget: string[];
  /** What the changes do to MatchStat (zero-sum pairs left out). */
  stats: StatDelta[];
  /** 待领取 of the companies in `results` (those with none are in `results` and not here). */
  pending: Pending[];
}

// Ids that grow with time (like cuid): inserts append to the primary-key index instead of
// splitting pages all over it, which random UUIDs do at millions of rows.
let sequence = 0;
const prefix = randomBytes(4).toString("hex");
let lastMs = 0;
let msPart = "";
export function orderedId(): string {
  sequence = (sequence + 1) % 1_679_616; // 36^4
  const ms = Date.now();
  if (ms !== lastMs) (lastMs = ms), (msPart = ms.toString(36));
  return `m${msPart}${sequence.toString(36).padStart(4, "0")}${prefix}`;
}

/** A company's outcome in a few bytes: which clauses, with what status, amount and winner. */
export function outcomeDigest(outcomes: readonly Outcome[]): string {
  let text = "";
  for (const o of outcomes) text += `${o.clause.id}|${o.status}|${o.amount ?? ""}|${o.excludedBy?.id ?? ""}\n`;
  // The one-shot hash: half the time of createHash().update().digest() for 120,000 short texts.
  return hash("sha1", text.slice(0, -1), "base64");
}

/** Full runs: the companies whose outcome differs from their last full match's digest. */
export function changedCompanies(batch: readonly Evaluated[], stored: ReadonlyMap<string, string>): Evaluated[] {
  return batch.filter((c) => stored.get(c.id) !== c.digest);
}

const RESPONSES = ["", "PENDING", "CONFIRMED", "DECLINED"];
const STATUS_CELL: Record<OutcomeStatus, number> = { QUALIFIED: 0, EXCLUDED: RESPONSES.length, LAPSED: 2 * RESPONSES.length };
function responseCell(response: string): number {
  const i = RESPONSES.indexOf(response);
  if (i < 0) throw new Error(`match stats: unknown response ${JSON.stringify(response)}`);
  return i;
}

/** MatchStat's response of an outcome: an acted record's answer, else PENDING for 免申即享. */
function responseOf(instant: boolean, acted: ActedRecord | undefined): string {
  return acted?.response ?? (instant ? "PENDING" : "");
}

/** The reason shown for an EXCLUDED outcome (kept on acted records). */
export function exclusionReason(winner: { policyTitle: string; name: string }): string {
  return `与“${winner.policyTitle} · ${winner.name}”从高、不重复享受`;
}

/** 待领取 of a company from its outcomes and acted records; null when there is none. */
export function pendingOf(
  companyId: string, outcomes: readonly StoredOutcome[], acted: ReadonlyMap<string, ActedRecord>, info: (clauseId: string) => ClauseInfo | undefined,
): Pending | null {
  let count = 0, amount = 0, since = Infinity;
  for (const o of outcomes) {
    if (o.status !== "QUALIFIED" || !info(o.clauseId)?.instant || acted.get(o.clauseId)?.response) continue;
    count++;
    amount += o.amount ?? 0;
    since = Math.min(since, o.firstQualifiedAt);
  }
  return count ? { companyId, count, amount, since } : null;
}

/**
 * The writes for `changed` (companies whose stored outcomes were read into `stored`, and their
 * acted-on records into `acted`). `now` is the transaction's time (ms): a new outcome's
 * firstQualifiedAt.
 */
export function planBatch(input: {
  kind: RunKind;
  batch: readonly Evaluated[];
  changed: readonly Evaluated[];
  stored: ReadonlyMap<string, readonly StoredOutcome[]>;
  acted: readonly ActedRecord[];
  /** Any clause a stored outcome names (in force or not). */
  clauseInfo: (clauseId: string) => ClauseInfo | undefined;
  relevant: (clauseId: string) => boolean;
  now: number;
}): BatchPlan {
  const { kind, changed, now } = input;
  const plan: BatchPlan = { results: [], updates: [], notices: [], digests: [], forget: [], stats: [], pending: [] };
  // A clause's cells, one per (status, response): one lookup per outcome (3 million on a first run).
  const stats = new Map<string, (StatDelta | undefined)[]>();
  const count = (policyId: string, clauseId: string, status: OutcomeStatus, response: string, n: number, amount: number | null) => {
    let cells = stats.get(clauseId);
    if (!cells) stats.set(clauseId, (cells = []));
    const cell = STATUS_CELL[status] + responseCell(response);
    const d = (cells[cell] ??= { clauseId, policyId, status, response, count: 0, amount: 0 });
    d.count += n;
    d.amount += n * (amount ?? 0);
  };
  const actedBy = new Map<string, Map<string, ActedRecord>>();
  for (const r of input.acted) (actedBy.get(r.companyId) ?? actedBy.set(r.companyId, new Map()).get(r.companyId)!).set(r.clauseId, r);
  const none = new Map<string, ActedRecord>();
  const nothingStored = new Map<string, StoredOutcome>();

  for (const company of changed) {
    const stored = input.stored.get(company.id);
    // A company matched for the first time has nothing to compare with (a first run: all of them).
    const before = stored?.length ? new Map(stored.map((o) => [o.clauseId, o])) : nothingStored;
    const acted = actedBy.get(company.id) ?? none;
    const next: StoredOutcome[] = [];
    let changes = false;
    let told: string[] | null = null;
    for (const o of company.outcomes) {
      const clause = o.clause;
      const prev = before.get(clause.id);
      if (prev) before.delete(clause.id);
      const excludedBy = o.excludedBy?.id ?? null;
      if (prev && prev.status === o.status && prev.amount === o.amount && prev.excludedBy === excludedBy) {
        next.push(prev);
        continue;
      }
      changes = true;
      const instant = clause.delivery === INSTANT;
      // 免申即享: the company hears of a clause version once, only when it is paid this one (not
      // when another clause of its group pays more).
      const notify = o.status === "QUALIFIED" && instant && !prev?.notified;
      if (notify) (told ??= []).push(clause.id);
      next.push({ clauseId: clause.id, status: o.status, amount: o.amount, excludedBy, firstQualifiedAt: prev?.firstQualifiedAt ?? now, notified: !!prev?.notified || notify });
      const record = acted.get(clause.id);
      const response = responseOf(instant, record);
      if (prev) count(clause.policyId, clause.id, prev.status, response, -1, prev.amount);
      count(clause.policyId, clause.id, o.status, response, 1, o.amount);
      if (record) plan.updates.push({ id: record.id, status: o.status, amount: o.amount, excludedBy, reason: o.excludedBy ? exclusionReason(o.excludedBy) : null });
    }
    // What no longer qualifies lapses (outcomes are history, never dropped).
    for (const prev of before.values()) {
      if (prev.status === "LAPSED" || !input.relevant(prev.clauseId)) {
        next.push(prev);
        continue;
      }
      changes = true;
      next.push({ ...prev, status: "LAPSED" });
      const info = input.clauseInfo(prev.clauseId);
      const record = acted.get(prev.clauseId);
      const response = responseOf(!!info?.instant, record);
      count(info?.policyId ?? "", prev.clauseId, prev.status, response, -1, prev.amount);
      count(info?.policyId ?? "", prev.clauseId, "LAPSED", response, 1, prev.amount);
      if (record) plan.updates.push({ id: record.id, status: "LAPSED", amount: prev.amount, excludedBy: prev.excludedBy, reason: LAPSED_REASON });
    }
    if (told) plan.notices.push({ companyId: company.id, clauseIds: told });
    if (!changes) continue;
    plan.results.push([company.id, encodeOutcomes(next), JSON.stringify(company.facts)]);
    const pending = pendingOf(company.id, next, acted, input.clauseInfo);
    if (pending) plan.pending.push(pending);
  }
  // Full runs record what they decided; other runs changed outcomes a digest no longer describes.
  if (kind === "FULL") for (const c of changed) plan.digests.push([c.id, c.digest]);
  else plan.forget = input.batch.map((c) => c.id);
  for (const cells of stats.values()) for (const d of cells) if (d && (d.count !== 0 || d.amount !== 0)) plan.stats.push(d);
  return plan;
}
