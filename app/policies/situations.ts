import { compileConditions } from "~/matching/compile";
import { benefitAmount } from "~/rules/benefit";
import { conditionsOf, type PolicyFile } from "./policy-file";

export interface SituationResult {
  name: string;
  on: string;
  passed: boolean;
  /** What differed, in Chinese, one line per clause that did not behave as expected. */
  failures: string[];
}

/**
 * A draft's own test situations, run in the portal so an officer sees before submitting whether
 * an edit broke an expected outcome (npm test runs the same situations through json-rules-engine;
 * the compiled matcher agrees with it, see app/matching/differential.test.ts).
 */
export function runSituations(policy: PolicyFile): SituationResult[] {
  const predicates = new Map(policy.clauses.map((c) => [c.id, compileConditions(conditionsOf(c))]));
  return policy.situations.map((s) => {
    const failures: string[] = [];
    for (const [key, expected] of Object.entries(s.expect)) {
      const clause = policy.clauses.find((c) => c.id === key);
      const predicate = predicates.get(key);
      if (!clause || !predicate) {
        failures.push(`没有编号为“${key}”的条款`);
        continue;
      }
      let qualifies: boolean;
      try {
        qualifies = predicate(s.facts);
      } catch (error) {
        failures.push(`${clause.name}：无法判断（${(error as Error).message}）`);
        continue;
      }
      if (qualifies !== expected.qualifies) {
        failures.push(`${clause.name}：预期${expected.qualifies ? "符合" : "不符合"}，实际${qualifies ? "符合" : "不符合"}`);
        continue;
      }
      if (qualifies && expected.amount != null) {
        const amount = benefitAmount(clause.benefit, s.facts, s.on);
        if (amount === null || Math.abs(amount - expected.amount) > 0.00005) {
          failures.push(`${clause.name}：预期金额 ${expected.amount} 万元，实际 ${amount ?? "无法计算"}${amount === null ? "" : " 万元"}`);
        }
      }
    }
    return { name: s.name, on: s.on, passed: failures.length === 0, failures };
  });
}
