import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RuleGroupType } from "react-querybuilder";
import { conditionsOf, readPolicyFile } from "~/policies/policy-file";
import type { Condition, TopCondition } from "./conditions";
import { conditionAt, fromQuery, jsonErrorOffset, parseRuleJson, readablePath, toQuery } from "./querybuilder";
import { OPERATORS_BY_TYPE } from "./validate";

const rulesDir = path.resolve(__dirname, "../../rules");
const files = readdirSync(rulesDir).filter((f) => f.endsWith(".yaml")).sort();
const clauses = files.flatMap((file) => {
  const { policy } = readPolicyFile(readFileSync(path.join(rulesDir, file), "utf8"));
  if (!policy) throw new Error(`${file} does not read`);
  return policy.clauses.map((c) => [`${file} · ${c.id}`, conditionsOf(c)] as const);
});

const roundTrip = (rule: TopCondition) => fromQuery(toQuery(rule));
/** The builder hands back what it was given, also after JSON (what the hidden input posts). */
const throughJson = (rule: TopCondition) => fromQuery(JSON.parse(JSON.stringify(toQuery(rule))) as RuleGroupType);

describe("every clause in rules/ round-trips rule → query → rule", () => {
  it("has clauses to check", () => expect(clauses.length).toBeGreaterThan(10));
  it.each(clauses)("%s", (_name, rule) => {
    expect(roundTrip(rule)).toEqual(rule);
    expect(throughJson(rule)).toEqual(rule);
  });
});

describe("hand-written cases", () => {
  const one = (c: Condition): TopCondition => ({ all: [c] });

  it("maps every operator of every fact type, with values of the fact's type", () => {
    const samples: Record<string, { fact: string; scalar: unknown; list: unknown[] }> = {
      number: { fact: "revenue", scalar: 5000, list: [1, 2.5] },
      boolean: { fact: "isSme", scalar: false, list: [] },
      enum: { fact: "sizeClass", scalar: "SMALL", list: ["SMALL", "MICRO"] },
      string: { fact: "districtCode", scalar: "410172", list: ["410172", "410171"] },
      set: { fact: "qualifications", scalar: "HIGH_TECH", list: [] },
    };
    for (const [type, operators] of Object.entries(OPERATORS_BY_TYPE)) {
      for (const operator of operators) {
        const s = samples[type];
        const value = operator === "in" || operator === "notIn" ? s.list : s.scalar;
        const rule = one({ fact: s.fact, operator, value } as Condition);
        expect(roundTrip(rule), `${type} ${operator}`).toEqual(rule);
        expect(throughJson(rule), `${type} ${operator}`).toEqual(rule);
      }
    }
  });

  it("maps all/any to the and/or combinators and back, nested", () => {
    const rule: TopCondition = {
      any: [
        { all: [{ fact: "revenue", operator: "greaterThan", value: 5000 }, { any: [{ fact: "isSme", operator: "equal", value: true }] }] },
        { fact: "tags", operator: "contains", value: "重点企业" },
        { all: [{ all: [{ all: [{ fact: "registeredYears", operator: "lessThan", value: 3 }] }] }] },
      ],
    };
    const q = toQuery(rule);
    expect(q.combinator).toBe("or");
    expect((q.rules[0] as RuleGroupType).combinator).toBe("and");
    expect(roundTrip(rule)).toEqual(rule);
    expect(roundTrip({ all: [] })).toEqual({ all: [] });
  });

  it("maps not around a group to a not-group, and not around one condition to a not-group of one", () => {
    const aroundGroup: TopCondition = {
      all: [{ not: { any: [{ fact: "tags", operator: "contains", value: "严重失信" }, { fact: "tags", operator: "contains", value: "经营异常" }] } }],
    };
    const g = toQuery(aroundGroup).rules[0] as RuleGroupType;
    expect(g).toMatchObject({ not: true, combinator: "or" });
    expect(g.rules).toHaveLength(2);
    expect(roundTrip(aroundGroup)).toEqual(aroundGroup);

    const aroundOne: TopCondition = { all: [{ not: { fact: "sizeClass", operator: "in", value: ["LARGE"] } }] };
    const n = toQuery(aroundOne).rules[0] as RuleGroupType;
    expect(n).toMatchObject({ not: true, rules: [{ field: "sizeClass", operator: "in", value: ["LARGE"] }] });
    expect(roundTrip(aroundOne)).toEqual(aroundOne);

    // The two look alike in the builder; both still come back exactly as written.
    const groupOfOne: TopCondition = { all: [{ not: { all: [{ fact: "isSme", operator: "equal", value: true }] } }] };
    expect(roundTrip(groupOfOne)).toEqual(groupOfOne);
    const notNot: TopCondition = { any: [{ not: { not: { fact: "inPark", operator: "equal", value: true } } }] };
    expect(roundTrip(notNot)).toEqual(notNot);
    const notOfGroupInGroup: TopCondition = { all: [{ not: { any: [{ all: [{ fact: "revenue", operator: "lessThan", value: 1 }] }] } }] };
    expect(roundTrip(notOfGroupInGroup)).toEqual(notOfGroupInGroup);
  });

  it("a not-group built in the editor reads as json-rules-engine's not", () => {
    const q: RuleGroupType = {
      combinator: "and",
      rules: [
        { combinator: "and", not: true, rules: [{ field: "inPark", operator: "equal", value: true }] },
        { combinator: "or", not: true, rules: [{ field: "isSme", operator: "equal", value: true }, { field: "revenue", operator: "lessThan", value: 10 }] },
      ],
    };
    expect(fromQuery(q)).toEqual({
      all: [
        { not: { fact: "inPark", operator: "equal", value: true } },
        { not: { any: [{ fact: "isSme", operator: "equal", value: true }, { fact: "revenue", operator: "lessThan", value: 10 }] } },
      ],
    });
  });

  it("maps fact-to-fact comparison to valueSource field", () => {
    const rule: TopCondition = { all: [{ fact: "insuredStaff", operator: "greaterThanInclusive", value: { fact: "scienceStaff" } }] };
    expect(toQuery(rule).rules[0]).toMatchObject({ field: "insuredStaff", valueSource: "field", value: "scienceStaff" });
    expect(roundTrip(rule)).toEqual(rule);
  });

  it("turns values typed as text back into numbers, booleans and lists by the fact's type", () => {
    const q: RuleGroupType = {
      combinator: "and",
      rules: [
        { field: "revenue", operator: "greaterThan", value: "5,000" },
        { field: "rdRatio", operator: "greaterThanInclusive", value: " 4.5 " },
        { field: "isSme", operator: "equal", value: "true" },
        { field: "inPark", operator: "notEqual", value: "false" },
        { field: "revenue", operator: "in", value: "1, 2，3" },
        { field: "districtCode", operator: "notIn", value: "410172,410171" },
        { field: "districtCode", operator: "equal", value: 410172 },
        { field: "sizeClass", operator: "equal", value: ["SMALL"] },
        { field: "sizeClass", operator: "in", value: "MICRO" },
        { field: "revenue", operator: "greaterThan", value: "很多" },
      ],
    };
    expect(fromQuery(q)).toEqual({
      all: [
        { fact: "revenue", operator: "greaterThan", value: 5000 },
        { fact: "rdRatio", operator: "greaterThanInclusive", value: 4.5 },
        { fact: "isSme", operator: "equal", value: true },
        { fact: "inPark", operator: "notEqual", value: false },
        { fact: "revenue", operator: "in", value: [1, 2, 3] },
        { fact: "districtCode", operator: "notIn", value: ["410172", "410171"] },
        { fact: "districtCode", operator: "equal", value: "410172" },
        { fact: "sizeClass", operator: "equal", value: "SMALL" },
        { fact: "sizeClass", operator: "in", value: ["MICRO"] },
        // Left as typed, for the validator to name.
        { fact: "revenue", operator: "greaterThan", value: "很多" },
      ],
    });
  });

  it("drops the builder's bookkeeping (ids, paths) and reports where each node went", () => {
    const rule: TopCondition = { all: [{ not: { fact: "inPark", operator: "equal", value: true } }, { any: [{ fact: "isSme", operator: "equal", value: true }] }] };
    const q = toQuery(rule);
    expect(q.id).toBe("q");
    const seen: Record<string, string> = {};
    expect(fromQuery(q, (id, p) => (seen[id!] = p))).toEqual(rule);
    expect(seen).toEqual({ q: "", "q-0": "all[0]", "q-0-0": "all[0].not", "q-1": "all[1]", "q-1-0": "all[1].any[0]" });
  });
});

describe("JSON view helpers", () => {
  it("parses valid rules and says in Chinese where JSON is broken", () => {
    expect(parseRuleJson('{"all":[{"fact":"isSme","operator":"equal","value":true}]}').problems).toEqual([]);
    const broken = parseRuleJson('{\n  "all": [\n    {"fact": "isSme",, }\n  ]\n}');
    expect(broken.rule).toBeNull();
    expect(broken.problems[0].message).toMatch(/^JSON 格式有误：第 3 行/);
    expect(parseRuleJson("  ").problems[0].message).toMatch(/内容为空/);
    expect(parseRuleJson('{"all": [').problems[0].message).toBe("JSON 格式有误：末尾，请检查括号、引号和逗号是否成对、完整");
  });

  it("finds where JSON breaks even when the engine does not say (Chromium's V8 often does not)", () => {
    const cases: [string, number][] = [
      ['{"all": [[,', 10],
      ['{"all": [{"fact": "isSme",, }]}', 26],
      ["{'all': []}", 1],
      ['{"all": []} x', 12],
      ['{"a": tru}', 6],
      ['{"a": "x\\q"}', 9],
      ['{"a": 01}', 7],
      ['{"a": [1, 2,]}', 12],
      ['{"a": "\\u12G4"}', 8],
    ];
    for (const [text, at] of cases) {
      expect(() => JSON.parse(text), text).toThrow();
      expect(jsonErrorOffset(text), text).toBe(at);
    }
    for (const ok of ['{"all": [{"fact": "revenue", "operator": "in", "value": [1, -2.5e3, 0.5]}]}', '  {"a": "\\u00e9\\n", "b": [true, false, null, {}]}  ']) {
      expect(() => JSON.parse(ok)).not.toThrow();
      expect(jsonErrorOffset(ok), ok).toBe(ok.length);
    }
    expect(parseRuleJson('{"all":[{"fact":"profit","operator":"equal","value":1}]}').problems[0]).toEqual({ path: "all[0]", message: "未知的企业指标“profit”" });
  });

  it("shows validator paths readably and finds their nodes", () => {
    expect(readablePath("")).toBe("整条规则");
    expect(readablePath("all[1].any[0].not")).toBe("第 2 项 › 第 1 项 › 不满足");
    expect(readablePath("all[0].all")).toBe("第 1 项 › “全部满足”组");
    const rule = { all: [{ fact: "a" }, { any: [{ not: { fact: "b" } }] }] };
    expect(conditionAt(rule, "all[1].any[0].not")).toEqual({ fact: "b" });
    expect(conditionAt(rule, "all[5]")).toBeUndefined();
  });
});
