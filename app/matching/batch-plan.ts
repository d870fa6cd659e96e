import { createHash, randomBytes } from "node:crypto";
import type { Outcome } from "./match-company";

/**
 * What a match run writes for a batch of companies, decided without touching the database: the
 * companies' outcomes against what is stored (their records, and for full runs the digests of
 * their last full match). match-store.server.ts reads the stored side and applies the plan, in
 * one transaction with the run's cursor.
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

/** What is stored of a record, as far as deciding goes. */
export interface StoredRecord {
  id: string;
  companyId: string;
  clauseId: string;
  policyId: string;
  status: string;
  amount: number | null;
  excludedBy: string | null;
  /** 免申即享: PENDING | CONFIRMED | DECLINED; null for 申报 clauses. */
  response: string | null;
  /** Already listed in a 免申即享 notice (notifiedAt set). */
  notified: boolean;
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

/** Column order of `inserts` rows. */
export const RECORD_COLUMNS = [
  "id", "companyId", "clauseId", "policyId", "versionId", "status", "amount", "excludedBy", "reason",
  "snapshotId", "evaluatedOn", "firstQualifiedAt", "response", "notifiedAt", "updatedAt",
] as const;

export interface RecordUpdate {
  id: string;
  status: string;
  amount: number | null;
  excludedBy: string | null;
  reason: string | null;
  snapshotId: string;
  /** Listed in this run's notice: notifiedAt is set. */
  notify: boolean;
}

export interface Notice {
  companyId: string;
  /** Clause versions the company newly qualifies for, each listed in no other notice. */
  clauseIds: string[];
}

export interface BatchPlan {
  /** New records, values in RECORD_COLUMNS order. */
  inserts: unknown[][];
  updates: RecordUpdate[];
  /** Ids of records that no longer qualify. */
  lapses: string[];
  /** FactSnapshot id → facts JSON. */
  snapshots: Map<string, string>;
  /** One per company with something new to hear of. */
  notices: Notice[];
  /** Full runs: companyId → digest to store (only companies that changed). */
  digests: [string, string][];
  /** Other runs: companies whose stored digest no longer describes their records. */
  forget: string[];
  /** What the inserts, updates and lapses change in MatchStat (zero-sum pairs left out). */
  stats: StatDelta[];
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
  return createHash("sha1").update(text.slice(0, -1)).digest("base64");
}

/** Full runs: the companies whose outcome differs from their last full match's digest. */
export function changedCompanies(batch: readonly Evaluated[], stored: ReadonlyMap<string, string>): Evaluated[] {
  return batch.filter((c) => stored.get(c.id) !== c.digest);
}

/**
 * The writes for `changed` (companies whose records were read into `existing`). `stamp` is the
 * transaction's time in the store's own form (a Date, or the text SQLite keeps).
 */
export function planBatch(input: {
  kind: RunKind;
  batch: readonly Evaluated[];
  changed: readonly Evaluated[];
  existing: readonly StoredRecord[];
  relevant: (clauseId: string) => boolean;
  on: string;
  stamp: unknown;
}): BatchPlan {
  const { kind, changed, on, stamp } = input;
  const plan: BatchPlan = { inserts: [], updates: [], lapses: [], snapshots: new Map(), notices: [], digests: [], forget: [], stats: [] };
  const stats = new Map<string, StatDelta>();
  const count = (policyId: string, clauseId: string, status: string, response: string | null, n: number, amount: number | null) => {
    const key = `${clauseId}\n${status}\n${response ?? ""}`;
    const d = stats.get(key) ?? stats.set(key, { clauseId, policyId, status, response: response ?? "", count: 0, amount: 0 }).get(key)!;
    d.count += n;
    d.amount += n * (amount ?? 0);
  };
  const byCompany = new Map<string, Map<string, StoredRecord>>();
  for (const r of input.existing) (byCompany.get(r.companyId) ?? byCompany.set(r.companyId, new Map()).get(r.companyId)!).set(r.clauseId, r);

  for (const company of changed) {
    const records = byCompany.get(company.id) ?? new Map<string, StoredRecord>();
    // The facts behind this company's decisions, stored once (computed only if something changed).
    let snapshotId: string | null = null;
    const snapshot = () => {
      if (snapshotId) return snapshotId;
      const json = JSON.stringify(company.facts);
      snapshotId = createHash("sha256").update(json).digest("hex");
      plan.snapshots.set(snapshotId, json);
      return snapshotId;
    };
    let told: string[] | null = null;
    for (const o of company.outcomes) {
      const clause = o.clause;
      const record = records.get(clause.id);
      records.delete(clause.id);
      const excludedBy = o.excludedBy?.id ?? null;
      if (record && record.status === o.status && record.amount === o.amount && record.excludedBy === excludedBy) continue;
      const reason = o.excludedBy ? `与“${o.excludedBy.policyTitle} · ${o.excludedBy.name}”从高、不重复享受` : null;
      // 免申即享: the company hears of a clause version once (notifiedAt), only when it is paid
      // this one (not when another clause of its group pays more).
      const notify = o.status === "QUALIFIED" && clause.delivery === INSTANT && !record?.notified;
      if (notify) (told ??= []).push(clause.id);
      if (!record) {
        count(clause.policyId, clause.id, o.status, clause.delivery === INSTANT ? "PENDING" : null, 1, o.amount);
        plan.inserts.push([
          orderedId(), company.id, clause.id, clause.policyId, clause.versionId, o.status, o.amount, excludedBy, reason,
          snapshot(), on, stamp, clause.delivery === INSTANT ? "PENDING" : null, notify ? stamp : null, stamp,
        ]);
      } else {
        count(record.policyId, record.clauseId, record.status, record.response, -1, record.amount);
        count(record.policyId, record.clauseId, o.status, record.response, 1, o.amount);
        plan.updates.push({ id: record.id, status: o.status, amount: o.amount, excludedBy, reason, snapshotId: snapshot(), notify });
      }
    }
    if (told) plan.notices.push({ companyId: company.id, clauseIds: told });
    // What no longer qualifies lapses (records are history, never deleted).
    for (const r of records.values()) {
      if (r.status === "LAPSED" || !input.relevant(r.clauseId)) continue;
      plan.lapses.push(r.id);
      count(r.policyId, r.clauseId, r.status, r.response, -1, r.amount);
      count(r.policyId, r.clauseId, "LAPSED", r.response, 1, r.amount);
    }
  }
  // Full runs record what they decided; other runs changed records a digest no longer describes.
  if (kind === "FULL") for (const c of changed) plan.digests.push([c.id, c.digest]);
  else plan.forget = input.batch.map((c) => c.id);
  plan.stats = [...stats.values()].filter((d) => d.count !== 0 || d.amount !== 0);
  return plan;
}
