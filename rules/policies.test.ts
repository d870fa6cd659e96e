// Runs every named situation of every policy in rules/ (after OpenFisca's test files): the
// conditions through json-rules-engine, the reference semantics, and the amount through the
// benefit formula with the parameters in force on the situation's date.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { conditionsOf, readPolicyFile, serializePolicy } from "~/policies/policy-file";
import { benefitAmount } from "~/rules/benefit";
import { qualifiesByReference } from "~/rules/reference.server";
import { conditionsToChinese } from "~/rules/render-zh";

const files = readdirSync(__dirname).filter((f) => f.endsWith(".yaml")).sort();

describe.each(files)("%s", (file) => {
  const text = readFileSync(path.join(__dirname, file), "utf8");
  const { policy, problems } = readPolicyFile(text);

  it("is valid against the fact catalogue, named after its id, and in canonical form", () => {
    expect(problems).toEqual([]);
    expect(policy!.id).toBe(file.replace(/\.yaml$/, ""));
    expect(serializePolicy(policy!)).toBe(text); // import → export changes nothing
  });

  it("has test situations for every clause, and its exclusions name existing policies", () => {
    for (const c of policy!.clauses) {
      expect(policy!.situations.some((s) => c.id in s.expect), `situations for ${c.id}`).toBe(true);
      for (const x of c.excludes ?? []) {
        const other = files.includes(`${x.policy}.yaml`) ? readPolicyFile(readFileSync(path.join(__dirname, `${x.policy}.yaml`), "utf8")).policy : null;
        expect(other, `excluded policy ${x.policy}`).not.toBeNull();
        if (x.clause) expect(other!.clauses.map((o) => o.id)).toContain(x.clause);
      }
    }
  });

  it("reads as Chinese sentences", () => {
    for (const c of policy!.clauses) expect(conditionsToChinese(conditionsOf(c))).toMatch(/[\u4e00-\u9fa5]/);
  });

  for (const s of policy?.situations ?? []) {
    it(s.name, async () => {
      for (const [clauseId, expected] of Object.entries(s.expect)) {
        const clause = policy!.clauses.find((c) => c.id === clauseId)!;
        expect(await qualifiesByReference(conditionsOf(clause), s.facts), `${clauseId} qualifies`).toBe(expected.qualifies);
        if (expected.qualifies && expected.amount !== undefined) {
          expect(benefitAmount(clause.benefit, s.facts, s.on), `${clauseId} amount`).toBeCloseTo(expected.amount ?? NaN, 4);
        }
      }
    });
  }
});
