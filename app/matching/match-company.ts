import type { BenefitSpec } from "~/policies/policy-file";
import type { TopCondition } from "~/rules/conditions";
import { benefitAmount } from "~/rules/benefit";
import type { Predicate } from "./compile";
import { applyExclusivity } from "./exclusivity";
import { buildPruneIndex, candidates, type PruneIndex } from "./prune";

/**
 * One company against the clauses in force (pure: no database), with the candidate index of
 * prune.ts so each company evaluates only the clauses that can hold for it.
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

// One index per clause list (clausesInForce's cached list, or a run's subset); lists are never
// mutated after they are built, the size check only catches a misuse.
const indexes = new WeakMap<readonly LiveClause[], PruneIndex>();

/** The candidate index of a clause list, built once per list. */
export function pruneIndexOf(clauses: readonly LiveClause[]): PruneIndex {
  let index = indexes.get(clauses);
  if (!index || index.size !== clauses.length) {
    index = buildPruneIndex(clauses.map((c) => c.conditions));
    indexes.set(clauses, index);
  }
  return index;
}

/** One company against the clauses: qualified ones, with exclusivity groups applied across policies. */
export function matchCompany(clauses: readonly LiveClause[], facts: Record<string, unknown>, on: string): Outcome[] {
  const qualified: { clause: LiveClause; amount: number | null }[] = [];
  for (const i of candidates(pruneIndexOf(clauses), facts)) {
    const c = clauses[i];
    if (c.predicate(facts)) qualified.push({ clause: c, amount: benefitAmount(c.benefit, facts, on) });
  }
  return outcomes(qualified);
}

/** The same without the index: every clause's predicate (the reference for prune.test.ts). */
export function matchCompanyUnpruned(clauses: readonly LiveClause[], facts: Record<string, unknown>, on: string): Outcome[] {
  const qualified: { clause: LiveClause; amount: number | null }[] = [];
  for (const c of clauses) if (c.predicate(facts)) qualified.push({ clause: c, amount: benefitAmount(c.benefit, facts, on) });
  return outcomes(qualified);
}

function outcomes(qualified: { clause: LiveClause; amount: number | null }[]): Outcome[] {
  if (!qualified.length) return [];
  const excluded = applyExclusivity(qualified.map((q) => ({ key: q.clause.id, group: q.clause.group, amount: q.amount, order: q.clause.order })));
  const byId = new Map(qualified.map((q) => [q.clause.id, q.clause]));
  return qualified.map((q) => {
    const winner = excluded.get(q.clause.id);
    return { clause: q.clause, amount: q.amount, status: winner ? "EXCLUDED" : "QUALIFIED", excludedBy: winner ? byId.get(winner)! : null };
  });
}
