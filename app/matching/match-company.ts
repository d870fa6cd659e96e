import type { BenefitSpec } from "~/policies/policy-file";
import type { TopCondition } from "~/rules/conditions";
import { benefitAmount } from "~/rules/benefit";
import type { Predicate } from "./compile";
import { applyExclusivity } from "./exclusivity";

/**
 * One company against the clauses in force (pure: no database): every clause's predicate. Match
 * runs decide batches of companies with batch-match.ts, which gives the same answer faster;
 * this is its reference.
 */
export interface LiveClause {
  id: string;
  key: string;
  name: string;
  delivery: string;
  group: string | null;
  policyId: string;
  policyTitle: string;
  versionId: string;
  order: number;
  conditions: TopCondition;
  predicate: Predicate;
  benefit: BenefitSpec;
}

export interface Outcome {
  clause: LiveClause;
  status: "QUALIFIED" | "EXCLUDED";
  amount: number | null;
  excludedBy: LiveClause | null;
}

/** One company against the clauses: qualified ones, with exclusivity groups applied across policies. */
export function matchCompany(clauses: readonly LiveClause[], facts: Record<string, unknown>, on: string): Outcome[] {
  const qualified: { clause: LiveClause; amount: number | null }[] = [];
  for (const c of clauses) if (c.predicate(facts)) qualified.push({ clause: c, amount: benefitAmount(c.benefit, facts, on) });
  return outcomesOf(qualified);
}

/** Qualified clauses (in the clauses' order) with exclusivity groups applied. */
export function outcomesOf(qualified: { clause: LiveClause; amount: number | null }[]): Outcome[] {
  if (!qualified.length) return [];
  if (!qualified.some((q) => q.clause.group)) return qualified.map((q) => ({ clause: q.clause, amount: q.amount, status: "QUALIFIED", excludedBy: null }));
  const excluded = applyExclusivity(qualified.map((q) => ({ key: q.clause.id, group: q.clause.group, amount: q.amount, order: q.clause.order })));
  const byId = new Map(qualified.map((q) => [q.clause.id, q.clause]));
  return qualified.map((q) => {
    const winner = excluded.get(q.clause.id);
    return { clause: q.clause, amount: q.amount, status: winner ? "EXCLUDED" : "QUALIFIED", excludedBy: winner ? byId.get(winner)! : null };
  });
}
