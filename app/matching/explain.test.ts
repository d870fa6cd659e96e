import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { conditionsOf, readPolicyFile } from "~/policies/policy-file";
import type { TopCondition } from "~/rules/conditions";
import { conditionsToChinese } from "~/rules/render-zh";
import { compileConditions, RuleEvaluationError } from "./compile";
import { explainConditions, explanationToChinese, nearMisses, type Explanation, type LeafExplanation } from "./explain";

const HIGH_TECH_RULE: TopCondition = {
  all: [
    { fact: "districtCode", operator: "equal", value: "410172" },
    { fact: "rdRatio", operator: "greaterThanInclusive", value: 5 },
    { fact: "qualifications", operator: "contains", value: "HIGH_TECH" },
  ],
};

const leaves = (e: Explanation): LeafExplanation[] => (e.kind === "leaf" ? [e] : e.children.flatMap(leaves));

describe("explainConditions", () => {
  it("mirrors the rule with Chinese labels, requirements, actual values and sentences", () => {
    const tree = explainConditions(HIGH_TECH_RULE, { districtCode: "410172", rdRatio: 6.2, qualifications: [] });
    expect(tree).toMatchObject({ kind: "all", path: "", holds: false });
    expect(tree.children).toEqual([
      {
        kind: "leaf", path: "all[0]", fact: "districtCode", label: "注册地区县", operator: "equal",
        required: "为郑州高新技术产业开发区", actual: "郑州高新技术产业开发区", missing: false, holds: true,
        sentence: "注册地区县为郑州高新技术产业开发区", negated: false,
      },
      {
        kind: "leaf", path: "all[1]", fact: "rdRatio", label: "研发费用占营业收入比例", operator: "greaterThanInclusive",
        required: "不低于5%", actual: "6.2%", missing: false, holds: true,
        sentence: "上年度研发费用占营业收入比例不低于5%", negated: false,
      },
      {
        kind: "leaf", path: "all[2]", fact: "qualifications", label: "有效资质", operator: "contains",
        required: "包含“高新技术企业”", actual: "无", missing: false, holds: false,
        sentence: "持有有效的高新技术企业资质", negated: false,
      },
    ]);
  });

  it("says 无数据 for missing facts, and shows values of the wrong type as they are", () => {
    const tree = explainConditions(HIGH_TECH_RULE, { rdRatio: "6.2", qualifications: "HIGH_TECH" });
    expect(leaves(tree).map((l) => [l.actual, l.missing, l.holds])).toEqual([
      ["无数据", true, false],
      ["“6.2”", false, true], // json-rules-engine: "6.2" >= 5
      ["“HIGH_TECH”", false, false],
    ]);
  });

  it("explains nested groups, not, fact-to-fact comparisons, lists and yes/no facts", () => {
    const rule: TopCondition = {
      all: [
        { fact: "sizeClass", operator: "in", value: ["SMALL", "MICRO"] },
        { fact: "inPark", operator: "equal", value: true },
        { any: [{ fact: "rdExpense", operator: "greaterThan", value: { fact: "taxPaid" } }, { fact: "employees", operator: "lessThan", value: 50 }] },
        { not: { fact: "tags", operator: "contains", value: "严重失信" } },
      ],
    };
    const tree = explainConditions(rule, { sizeClass: "SMALL", inPark: false, rdExpense: 120, taxPaid: 80.5, tags: ["严重失信"] });
    const [size, park, any, not] = tree.children;
    expect(size).toMatchObject({ required: "为小型或微型", actual: "小型", holds: true });
    expect(park).toMatchObject({ required: "是", actual: "否", holds: false, sentence: "入驻园区" });
    expect(any).toMatchObject({ kind: "any", path: "all[2]", holds: true });
    expect(any.kind !== "leaf" && any.children[0]).toMatchObject({
      required: "高于上年度纳税总额", actual: "120万元（纳税总额 80.5万元）", holds: true, sentence: "上年度研发费用高于上年度纳税总额",
    });
    expect(any.kind !== "leaf" && any.children[1]).toMatchObject({ actual: "无数据", missing: true, holds: false });
    expect(not).toMatchObject({ kind: "not", holds: false });
    expect(not.kind !== "leaf" && not.children[0]).toMatchObject({ path: "all[3].not", holds: true, negated: true, actual: "严重失信" });
    expect(tree.holds).toBe(false);
  });

  it("agrees with compileConditions on every policy clause, and fails where the matcher fails", () => {
    const dir = path.resolve(__dirname, "../../rules");
    const samples: Record<string, unknown>[] = [
      {},
      { districtCode: "410172", qualifications: ["HIGH_TECH", "GAZELLE"], revenue: 1000, rdRatio: 5, tags: [], sizeClass: "SMALL", insuredStaff: 1 },
      { districtCode: "410105", qualifications: [], revenue: 200, rdRatio: 4.99, tags: ["经营异常"], sizeClass: "LARGE", employees: 0, layoffRate: 5.5 },
      { revenue: "1000", qualifications: "HIGH_TECH", registeredYears: -1, isSme: true, insuranceMonthsPaid: 12, revenueGrowth: 0 },
    ];
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
      for (const clause of readPolicyFile(readFileSync(path.join(dir, file), "utf8")).policy?.clauses ?? []) {
        const rule = conditionsOf(clause);
        for (const facts of samples) expect(explainConditions(rule, facts).holds, `${file} ${clause.id}`).toBe(compileConditions(rule)(facts));
      }
    }
    const broken: TopCondition = { any: [{ fact: "rdExpense", operator: "in", value: { fact: "taxPaid" } }] };
    expect(() => explainConditions(broken, { rdExpense: 1, taxPaid: 2 })).toThrow(RuleEvaluationError);
  });
});

describe("nearMisses", () => {
  it("names the one condition that stands between a company and the rule", () => {
    const facts = { districtCode: "410172", rdRatio: 4.2, qualifications: ["HIGH_TECH"] };
    expect(nearMisses(HIGH_TECH_RULE, facts).map((l) => [l.path, l.actual])).toEqual([["all[1]", "4.2%"]]);
  });

  it("is empty when the rule passes, or when more than one condition is missing", () => {
    expect(nearMisses(HIGH_TECH_RULE, { districtCode: "410172", rdRatio: 6, qualifications: ["HIGH_TECH"] })).toEqual([]);
    expect(nearMisses(HIGH_TECH_RULE, { districtCode: "410105", rdRatio: 4, qualifications: ["HIGH_TECH"] })).toEqual([]);
  });

  it("offers every alternative of an any, and conditions under not that would have to stop holding", () => {
    const rule: TopCondition = {
      all: [
        { any: [{ fact: "revenue", operator: "greaterThanInclusive", value: 1000 }, { fact: "rdRatio", operator: "greaterThanInclusive", value: 5 }] },
        { not: { fact: "tags", operator: "contains", value: "严重失信" } },
      ],
    };
    expect(nearMisses(rule, { revenue: 900, rdRatio: 3, tags: [] }).map((l) => l.path)).toEqual(["all[0].any[0]", "all[0].any[1]"]);
    const blocked = nearMisses(rule, { revenue: 1200, tags: ["严重失信"] });
    expect(blocked.map((l) => [l.path, l.holds, l.negated])).toEqual([["all[1].not", true, true]]);
  });
});

describe("explanationToChinese", () => {
  it("gives ✓/✗ lines with the actual value, indenting nested groups", () => {
    const rule: TopCondition = {
      all: [
        { fact: "rdRatio", operator: "greaterThanInclusive", value: 5 },
        { fact: "qualifications", operator: "contains", value: "HIGH_TECH" },
        { any: [{ fact: "revenue", operator: "greaterThan", value: 5000 }, { fact: "employees", operator: "lessThanInclusive", value: 300 }] },
        { not: { fact: "tags", operator: "contains", value: "经营异常" } },
      ],
    };
    const lines = explanationToChinese(explainConditions(rule, { rdRatio: 6.2, qualifications: [], revenue: 12000, tags: [] }));
    expect(lines).toEqual([
      "✓ 上年度研发费用占营业收入比例不低于5%（实际 6.2%）",
      "✗ 持有有效的高新技术企业资质（实际：无）",
      "✓ 满足以下任一条件：",
      "  ✓ 上年度营业收入高于5,000万元（实际 12,000万元）",
      "  ✗ 上年度从业人员不高于300人（实际：无数据）",
      "✓ 不满足以下条件：",
      "  ✗ 企业标签包含“经营异常”（实际：无）",
    ]);
  });

  it("heads a top-level alternative with its own line", () => {
    const rule: TopCondition = { any: [{ fact: "isSme", operator: "equal", value: true }, { fact: "inPark", operator: "equal", value: true }] };
    expect(explanationToChinese(explainConditions(rule, { isSme: false, inPark: true }))).toEqual([
      "✓ 满足以下任一条件：",
      "  ✗ 为中小微企业（实际：否）",
      "  ✓ 入驻园区（实际：是）",
    ]);
    // The sentences are the rule's own Chinese sentences.
    expect(conditionsToChinese(rule)).toBe("满足以下任一条件：为中小微企业；或入驻园区");
  });
});
