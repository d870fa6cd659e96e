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

export function encodeOutcomes(outcomes: readonly StoredOutcome[]): string {
  return JSON.stringify(outcomes.map((o): Encoded => [o.clauseId, CODE[o.status], o.amount, o.excludedBy, o.firstQualifiedAt, o.notified ? 1 : 0]));
}

export function decodeOutcomes(text: string): StoredOutcome[] {
  return (JSON.parse(text) as Encoded[]).map(([clauseId, code, amount, excludedBy, firstQualifiedAt, notified]) => {
    const status = STATUS[code];
    if (!status) throw new Error(`match result: unknown status ${JSON.stringify(code)}`);
    return { clauseId, status, amount, excludedBy, firstQualifiedAt, notified: notified === 1 };
  });
}
