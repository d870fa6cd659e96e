import type { FactValue } from "~/companies/facts";
import { conditionsOf, type PolicyFile } from "~/policies/policy-file";
import { benefitAmount } from "~/rules/benefit";
import { compileConditions, type Predicate } from "./compile";
import { applyExclusivity } from "./exclusivity";

/**
 * A policy version compiled for evaluation against many companies: each clause's predicate
 * (identical to json-rules-engine, see compile.ts) and its benefit on the evaluation date.
 */
export interface CompiledPolicy {
  policy: PolicyFile;
  clauses: { key: string; name: string; group: string | null; predicate: Predicate; benefit: PolicyFile["clauses"][number]["benefit"] }[];
}

export function compilePolicy(policy: PolicyFile): CompiledPolicy {
  return {
    policy,
    clauses: policy.clauses.map((c) => ({
      key: c.id, name: c.name, group: c.exclusiveGroup ?? null, predicate: compileConditions(conditionsOf(c)), benefit: c.benefit,
    })),
  };
}

export interface ClauseOutcome {
  key: string;
  amount: number | null;
  /** Qualifies, but another clause of its exclusivity group pays more (不重复享受). */
  excludedBy: string | null;
}

/** The clauses a company qualifies for on a date, amounts, and the total actually granted. */
export function evaluatePolicy(compiled: CompiledPolicy, facts: Record<string, FactValue>, on: string): { clauses: ClauseOutcome[]; amount: number } {
  const qualified = [];
  for (let i = 0; i < compiled.clauses.length; i++) {
    const c = compiled.clauses[i];
    if (c.predicate(facts)) qualified.push({ key: c.key, group: c.group, amount: benefitAmount(c.benefit, facts, on), order: i });
  }
  if (!qualified.length) return { clauses: [], amount: 0 };
  const excluded = applyExclusivity(qualified);
  let amount = 0;
  const clauses = qualified.map((q) => {
    const excludedBy = excluded.get(q.key) ?? null;
    if (!excludedBy) amount += q.amount ?? 0;
    return { key: q.key, amount: q.amount, excludedBy };
  });
  return { clauses, amount: Math.round(amount * 1_000_000) / 1_000_000 };
}
