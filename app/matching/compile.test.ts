import { describe, expect, it } from "vitest";
import type { FactCondition, TopCondition } from "~/rules/conditions";
import { qualifiesByReference } from "~/rules/reference.server";
import { compileConditions, compileRule, RuleEvaluationError } from "./compile";

type Facts = Record<string, unknown>;
const leaf = (fact: string, operator: string, value: unknown) => ({ fact, operator, value }) as unknown as FactCondition;
const all = (...c: unknown[]) => ({ all: c }) as TopCondition;

/** The matcher's answer, checked against json-rules-engine's on the spot. */
async function decide(rule: TopCondition, facts: Facts): Promise<boolean | "error"> {
  let mine: boolean | "error";
  try {
    mine = compileConditions(rule)(facts);
  } catch (error) {
    expect(error).toBeInstanceOf(RuleEvaluationError);
    mine = "error";
  }
  const theirs = await qualifiesByReference(rule, facts).catch(() => "error" as const);
  expect(mine, `matcher vs json-rules-engine for ${JSON.stringify(rule)} on ${JSON.stringify(facts)}`).toBe(theirs);
  return mine;
}

const one = (operator: string, value: unknown, factValue: unknown, fact = "x") =>
  decide(all(leaf(fact, operator, value)), factValue === undefined ? {} : { [fact]: factValue });

describe("operators, as json-rules-engine has them", () => {
  it("equal / notEqual are strict; a missing fact is notEqual to everything", async () => {
    expect(await one("equal", 5, 5)).toBe(true);
    expect(await one("equal", 5, "5")).toBe(false);
    expect(await one("equal", "410172", 410172)).toBe(false);
    expect(await one("equal", 0, -0)).toBe(true);
    expect(await one("equal", "", "")).toBe(true);
    expect(await one("equal", false, undefined)).toBe(false);
    expect(await one("notEqual", 5, undefined)).toBe(true);
    expect(await one("notEqual", 5, NaN)).toBe(true);
    expect(await one("equal", null, null)).toBe(true);
  });

  it("numeric operators at, below and above the threshold, with 0 and negatives", async () => {
    for (const [op, below, at, above] of [
      ["lessThan", true, false, false],
      ["lessThanInclusive", true, true, false],
      ["greaterThan", false, false, true],
      ["greaterThanInclusive", false, true, true],
    ] as const) {
      expect(await one(op, 5, 4.99), `${op} below`).toBe(below);
      expect(await one(op, 5, 5), `${op} at`).toBe(at);
      expect(await one(op, 5, 5.01), `${op} above`).toBe(above);
      expect(await one(op, 0, -0), `${op} -0 vs 0`).toBe(at);
      expect(await one(op, -1, -3), `${op} negatives`).toBe(below);
    }
  });

  it("numeric operators: missing, null, booleans, NaN and text fail; numeric text and [n] coerce", async () => {
    for (const v of [undefined, null, true, false, NaN, "", "abc", {}, []]) {
      expect(await one("lessThan", 100, v), String(v)).toBe(false);
      expect(await one("greaterThanInclusive", -100, v), String(v)).toBe(false);
    }
    expect(await one("greaterThan", 4, "12")).toBe(true); // "12" > 4
    expect(await one("greaterThan", 4, " 7")).toBe(true);
    expect(await one("greaterThan", 4, "12abc")).toBe(false); // passes parseFloat, compares as NaN
    expect(await one("greaterThan", 4, [5])).toBe(true); // [5] → "5" → 5
    expect(await one("greaterThan", 4, [5, 6])).toBe(false);
    expect(await one("greaterThan", 4, Infinity)).toBe(true);
    expect(await one("lessThan", 4, -Infinity)).toBe(true);
    expect(await one("greaterThan", "3", 4)).toBe(true); // a text threshold coerces too
  });

  it("in / notIn: strict membership, never NaN, short and long lists alike", async () => {
    const short = [1, 2, 3];
    const long = Array.from({ length: 20 }, (_, i) => i * 10);
    for (const list of [short, long]) {
      expect(await one("in", list, list[1])).toBe(true);
      expect(await one("in", list, String(list[1]))).toBe(false);
      expect(await one("in", list, undefined)).toBe(false);
      expect(await one("notIn", list, undefined)).toBe(true);
      expect(await one("notIn", list, list[2])).toBe(false);
      expect(await one("in", [...list, NaN], NaN)).toBe(false);
      expect(await one("notIn", [...list, NaN], NaN)).toBe(true);
    }
    expect(await one("in", [0, ...long], -0)).toBe(true);
    expect(await one("in", ["410172", "410105"], "410172")).toBe(true);
    expect(await one("in", [null, 1, 2, 3, 4, 5, 6, 7, 8, 9], null)).toBe(true);
    expect(await one("in", [null, 1, 2, 3, 4, 5, 6, 7, 8, 9], undefined)).toBe(false);
  });

  it("in / notIn with a text instead of a list search the text", async () => {
    expect(await one("in", "410172,410105", "0172")).toBe(true);
    expect(await one("in", "410172,410105", 410105)).toBe(true); // the fact is coerced to text
    expect(await one("in", "xundefinedx", undefined)).toBe(true);
    expect(await one("notIn", "abc", "")).toBe(false); // "" is in every text
  });

  it("contains / doesNotContain need an array fact: a missing fact fails both", async () => {
    expect(await one("contains", "HIGH_TECH", ["HIGH_TECH", "GAZELLE"], "qualifications")).toBe(true);
    expect(await one("contains", "HIGH_TECH", [], "qualifications")).toBe(false);
    expect(await one("doesNotContain", "HIGH_TECH", [], "qualifications")).toBe(true);
    expect(await one("doesNotContain", "HIGH_TECH", undefined, "qualifications")).toBe(false);
    expect(await one("contains", "HIGH_TECH", undefined, "qualifications")).toBe(false);
    expect(await one("contains", "HIGH", "HIGH_TECH", "qualifications")).toBe(false); // text is not an array
    expect(await one("doesNotContain", "HIGH", "HIGH_TECH", "qualifications")).toBe(false);
    expect(await one("contains", 3, ["3"], "tags")).toBe(false);
  });

  it("an object or array in the rule never equals a fact's value (the engine copies the rule)", async () => {
    const shared = ["HIGH_TECH"];
    expect(await one("equal", shared, shared)).toBe(false);
    expect(await one("notEqual", shared, shared)).toBe(true);
    expect(await one("in", [shared], shared)).toBe(false);
    expect(await one("in", [1, 2, 3, 4, 5, 6, 7, 8, 9, shared], shared)).toBe(false);
    expect(await one("contains", shared, [shared])).toBe(false);
    expect(await one("doesNotContain", shared, [shared])).toBe(true);
  });
});

describe("fact-to-fact comparisons", () => {
  const ff = (operator: string) => all(leaf("rdExpense", operator, { fact: "taxPaid" }));
  it("compare with the other fact's value", async () => {
    expect(await decide(ff("greaterThanInclusive"), { rdExpense: 100, taxPaid: 100 })).toBe(true);
    expect(await decide(ff("greaterThan"), { rdExpense: 100, taxPaid: 100 })).toBe(false);
    expect(await decide(ff("lessThan"), { rdExpense: 99, taxPaid: 100 })).toBe(true);
  });

  it("a missing other fact is undefined: equal holds when both are missing", async () => {
    expect(await decide(ff("equal"), {})).toBe(true);
    expect(await decide(ff("equal"), { rdExpense: 1 })).toBe(false);
    expect(await decide(ff("notEqual"), { rdExpense: 1 })).toBe(true);
    expect(await decide(ff("greaterThan"), { rdExpense: 1 })).toBe(false);
    expect(await decide(ff("lessThan"), { rdExpense: 1, taxPaid: null })).toBe(false); // 1 < null → 1 < 0
    expect(await decide(ff("greaterThan"), { rdExpense: 1, taxPaid: null })).toBe(true);
  });

  it("in / notIn against a number or a missing fact fails the whole evaluation, as the engine does", async () => {
    expect(await decide(ff("in"), { rdExpense: 1, taxPaid: 2 })).toBe("error");
    expect(await decide(ff("notIn"), { rdExpense: 1 })).toBe("error");
    // …anywhere in the tree, even where an "any" is already decided: the engine evaluates every leaf.
    const rule = { any: [leaf("a", "equal", 1), { all: [leaf("rdExpense", "in", { fact: "taxPaid" })] }] } as TopCondition;
    expect(await decide(rule, { a: 1, rdExpense: 1, taxPaid: 2 })).toBe("error");
    expect(await decide(ff("in"), { rdExpense: 1, taxPaid: [1, 2] })).toBe(true);
    expect(await decide(ff("in"), { rdExpense: 12, taxPaid: "x12" })).toBe(true);
  });
});

describe("groups", () => {
  const yes = leaf("a", "equal", 1);
  const no = leaf("a", "equal", 2);
  it("all / any / not, nested", async () => {
    const facts = { a: 1 };
    expect(await decide({ all: [yes, yes, yes, yes] }, facts)).toBe(true);
    expect(await decide({ all: [yes, yes, yes, no] }, facts)).toBe(false);
    expect(await decide({ any: [no, no, no, yes] }, facts)).toBe(true);
    expect(await decide({ any: [no, no, no, no] }, facts)).toBe(false);
    expect(await decide({ all: [{ not: no }, { any: [no, { not: { all: [yes, no] } }] }] }, facts)).toBe(true);
    expect(await decide({ any: [{ not: { not: { not: yes } } }] }, facts)).toBe(false);
  });

  it("empty groups hold, an empty any included", async () => {
    expect(await decide({ all: [] }, {})).toBe(true);
    expect(await decide({ any: [] }, {})).toBe(true);
    expect(await decide({ all: [{ any: [] }, yes] }, { a: 1 })).toBe(true);
    expect(await decide({ any: [no, { not: { all: [] } }] }, { a: 1 })).toBe(false);
  });

  it("a node with both any and all is an any; a not at the root is accepted", async () => {
    expect(await decide({ any: [yes], all: [no] } as unknown as TopCondition, { a: 1 })).toBe(true);
    expect(await decide({ not: no } as unknown as TopCondition, { a: 1 })).toBe(true);
  });
});

describe("fact lookup", () => {
  it("a fact named like an Object.prototype member is missing unless the company has it", async () => {
    expect(await decide(all(leaf("constructor", "notEqual", 5)), {})).toBe(true);
    expect(await decide(all(leaf("toString", "equal", 5)), {})).toBe(false);
    expect(await decide(all(leaf("__proto__", "equal", 5)), JSON.parse('{"__proto__": 5}'))).toBe(true);
    expect(await decide(all(leaf("constructor", "equal", 5)), JSON.parse('{"constructor": 5}'))).toBe(true);
  });

  it("a fact present with the value undefined is missing", async () => {
    expect(await decide(all(leaf("x", "notIn", [1])), { x: undefined })).toBe(true);
  });
});

describe("compile-time refusals", () => {
  it("refuses what json-rules-engine can never evaluate, or this matcher does not support", () => {
    expect(() => compileConditions(all(leaf("x", "in", 5)))).toThrow(/needs a list/);
    expect(() => compileConditions(all(leaf("x", "in", null)))).toThrow(/needs a list/);
    expect(() => compileConditions(all(leaf("x", "between", 5)))).toThrow(/Unknown operator/);
    expect(() => compileConditions(all({ fact: "x", operator: "equal" }))).toThrow(/"value" property required/);
    expect(() => compileConditions(all({ condition: "shared" }))).toThrow(/not supported/);
    expect(() => compileConditions(all({ fact: "x", operator: "equal", value: 1, path: "$.a" }))).toThrow(/path/);
    expect(() => compileConditions({ all: "x" } as unknown as TopCondition)).toThrow(/must be an array/);
    expect(() => compileConditions({ fact: "x", operator: "equal", value: 1 } as unknown as TopCondition)).toThrow(/root/);
  });

  it("keeps the tree with paths for explanations", () => {
    const { root, guard } = compileRule({ all: [leaf("a", "equal", 1), { any: [{ not: leaf("b", "in", [1]) }] }] });
    expect(guard).toBeNull();
    expect(root.kind).toBe("all");
    const inner = root.kind === "all" ? root.children[1] : null;
    expect(inner?.kind === "any" && inner.children[0].kind === "not" && inner.children[0].child.path).toBe("all[1].any[0].not");
  });

  it("does not change the rule it compiles", () => {
    const rule = { all: [leaf("a", "in", Array.from({ length: 12 }, (_, i) => i)), { not: leaf("b", "equal", { fact: "c" }) }] } as TopCondition;
    const before = JSON.stringify(rule);
    compileConditions(rule)({ a: 3 });
    expect(JSON.stringify(rule)).toBe(before);
  });
});
