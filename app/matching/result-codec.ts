/**
 * A company's stored match outcomes (MatchResult.outcomes, decision 024) and their text form:
 * one JSON array per company, an outcome as a short array. A full match writes 120,000 of these
 * at once, so the form is kept small: status as one letter, the time as milliseconds, "told" as
 * 0 or 1. Everything else about an outcome (its policy, delivery, the reason it is excluded)
 * comes from the clause, read when shown.
 */
export type OutcomeStatus = "QUALIFIED" | "EXCLUDED" | "LAPSED";

export interface StoredOutcome {
  clauseId: string;
  status: OutcomeStatus;
  amount: number | null;
  /** EXCLUDED: the clause paid instead (不重复享受). */
  excludedBy: string | null;
  /** When the company first qualified for the clause version (ms since the epoch). */
  firstQualifiedAt: number;
  /** 免申即享: already listed in a notice, so never listed again. */
  notified: boolean;
}

const CODE: Record<OutcomeStatus, string> = { QUALIFIED: "Q", EXCLUDED: "E", LAPSED: "L" };
const STATUS: Record<string, OutcomeStatus> = { Q: "QUALIFIED", E: "EXCLUDED", L: "LAPSED" };

type Encoded = [string, string, number | null, string | null, number, 0 | 1];

// Clause ids in JSON form, kept: a full run writes the same thousand ids 3 million times.
const quoted = new Map<string, string>();
function quote(id: string): string {
  let text = quoted.get(id);
  if (text === undefined) {
    text = JSON.stringify(id);
    if (quoted.size < 100_000) quoted.set(id, text);
  }
  return text;
}

/** JSON.stringify of the encoded arrays, written out directly (1.4 s of a first run's 16 s went into building and stringifying them). */
export function encodeOutcomes(outcomes: readonly StoredOutcome[]): string {
  let text = "[";
  for (let i = 0; i < outcomes.length; i++) {
    const o = outcomes[i];
    // As JSON.stringify writes numbers: NaN and ±Infinity as null.
    const amount = o.amount !== null && Number.isFinite(o.amount) ? String(o.amount) : "null";
    text += `${i ? "," : ""}[${quote(o.clauseId)},"${CODE[o.status]}",${amount},${o.excludedBy === null ? "null" : quote(o.excludedBy)},${o.firstQualifiedAt},${o.notified ? 1 : 0}]`;
  }
  return text + "]";
}

export function decodeOutcomes(text: string): StoredOutcome[] {
  return (JSON.parse(text) as Encoded[]).map(([clauseId, code, amount, excludedBy, firstQualifiedAt, notified]) => {
    const status = STATUS[code];
    if (!status) throw new Error(`match result: unknown status ${JSON.stringify(code)}`);
    return { clauseId, status, amount, excludedBy, firstQualifiedAt, notified: notified === 1 };
  });
}
