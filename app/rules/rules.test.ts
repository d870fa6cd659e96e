import { describe, expect, it } from "vitest";
import { evaluateFormula, FormulaError, parseFormula } from "./formula";
import { conditionsToChinese } from "./render-zh";
import { missingDataWarnings, validateConditions } from "./validate";

const messages = (rule: unknown) => validateConditions(rule).map((p) => p.message);

describe("rule validation", () => {
  it("accepts a well-formed nested rule", () => {
    expect(validateConditions({
      all: [
        { fact: "districtCode", operator: "equal", value: "410172" },
        { fact: "qualifications", operator: "contains", value: "HIGH_TECH" },
        { any: [{ fact: "rdRatio", operator: "greaterThanInclusive", value: 5 }, { fact: "rdExpense", operator: "greaterThan", value: { fact: "taxPaid" } }] },
        { not: { fact: "sizeClass", operator: "in", value: ["LARGE"] } },
      ],
    })).toEqual([]);
  });

  it("names unknown facts, wrong operators and wrong value types in Chinese", () => {
    expect(messages({ all: [{ fact: "profit", operator: "equal", value: 1 }] })).toEqual(["未知的企业指标“profit”"]);
    expect(messages({ all: [{ fact: "revenue", operator: "contains", value: 1 }] })[0]).toMatch(/“营业收入”不能使用运算符“contains”/);
    expect(messages({ all: [{ fact: "revenue", operator: "greaterThan", value: "2000" }] })[0]).toMatch(/应为数字/);
    expect(messages({ all: [{ fact: "sizeClass", operator: "equal", value: "HUGE" }] })[0]).toMatch(/不是“企业规模”的可选项/);
    expect(messages({ all: [{ fact: "qualifications", operator: "contains", value: "NOBEL" }] })[0]).toMatch(/可选项/);
    expect(messages({ all: [{ fact: "revenue", operator: "greaterThan", value: { fact: "sizeClass" } }] })[0]).toMatch(/只有数值指标之间/);
    expect(messages({ all: [{ fact: "revenue", operator: "in", value: { fact: "taxPaid" } }] })[0]).toMatch(/比较运算符/);
    expect(messages({ all: [{ fact: "industryCode", operator: "equal", value: "9999" }] })[0]).toMatch(/不是有效的国民经济行业代码/);
    expect(messages({ all: [{ fact: "districtCode", operator: "in", value: ["410172", "999999"] }] })[0]).toMatch(/“999999”不是本市/);
    expect(messages({ all: [{ fact: "sizeClass", operator: "equal", value: "" }] })[0]).toBe("“企业规模”尚未填写");
  });

  it("refuses empty groups, excessive nesting, huge rules and non-rules", () => {
    expect(messages({ all: [] })).toEqual(["条件组不能为空"]);
    let deep: unknown = { fact: "revenue", operator: "greaterThan", value: 1 };
    for (let i = 0; i < 10; i++) deep = { all: [deep] };
    expect(messages(deep).some((m) => m.includes("嵌套超过"))).toBe(true);
    const huge = { any: Array.from({ length: 5000 }, (_, i) => ({ fact: "revenue", operator: "greaterThan", value: i })) };
    expect(messages(huge)[0]).toMatch(/规则过大/);
    expect(messages("{ not json")[0]).toMatch(/最外层/);
    expect(messages({ all: [{ fact: "revenue", operator: "greaterThan", value: 1, path: "$.x" }] })[0]).toMatch(/不支持的字段/);
  });

  it("finds conditions no company can meet", () => {
    expect(messages({ all: [{ fact: "employees", operator: "greaterThan", value: 100 }, { fact: "employees", operator: "lessThan", value: 50 }] })[0]).toMatch(/互相矛盾/);
    expect(messages({ all: [{ fact: "employees", operator: "greaterThan", value: 50 }, { fact: "employees", operator: "lessThanInclusive", value: 50 }] })[0]).toMatch(/互相矛盾/);
    expect(messages({ all: [{ fact: "employees", operator: "greaterThanInclusive", value: 50 }, { fact: "employees", operator: "lessThanInclusive", value: 50 }] })).toEqual([]);
  });
});

describe("missing-data warnings", () => {
  it("warns when a negative condition is all that constrains a fact", () => {
    const warnings = missingDataWarnings({ all: [{ fact: "sizeClass", operator: "notEqual", value: "LARGE" }, { fact: "revenue", operator: "greaterThan", value: 100 }] });
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toMatch(/“企业规模”缺失的企业也会满足/);
    expect(missingDataWarnings({ all: [{ not: { fact: "employees", operator: "greaterThan", value: 300 } }] })[0].message).toMatch(/从业人员/);
  });

  it("is quiet when the fact is also required positively", () => {
    expect(missingDataWarnings({ all: [{ fact: "sizeClass", operator: "in", value: ["SMALL", "MICRO", "MEDIUM"] }, { fact: "sizeClass", operator: "notEqual", value: "MEDIUM" }] })).toEqual([]);
    expect(missingDataWarnings({ all: [{ not: { fact: "employees", operator: "notEqual", value: 0 } }] })).toEqual([]); // double negation is positive
  });

  it("follows the engine for 不包含: false on a missing list, so only its negation warns", () => {
    expect(missingDataWarnings({ all: [{ fact: "industryCode", operator: "notIn", value: ["7010"] }] })).toHaveLength(1);
    // Tags and qualifications are never missing (an empty list at worst): no warning at all.
    expect(missingDataWarnings({ all: [{ not: { fact: "tags", operator: "contains", value: "严重失信" } }] })).toEqual([]);
  });
});

describe("benefit formulas", () => {
  const values = new Map([["unemploymentInsurancePaid", 10], ["rate", 0.6], ["rdExpense", 800]]);
  it("computes with facts, parameters and min/max/round", () => {
    expect(evaluateFormula(parseFormula("unemploymentInsurancePaid * rate"), values)).toBeCloseTo(6);
    expect(evaluateFormula(parseFormula("min(rdExpense * 0.1, 50)"), values)).toBe(50);
    expect(evaluateFormula(parseFormula("round((rdExpense - 100) / 3, 2)"), values)).toBe(233.33);
    expect(evaluateFormula(parseFormula("-rate + 1"), values)).toBeCloseTo(0.4);
  });

  it("gives no amount when a fact is missing or a division by zero happens", () => {
    expect(evaluateFormula(parseFormula("taxPaid * rate"), values)).toBeUndefined();
    expect(evaluateFormula(parseFormula("rate / 0"), values)).toBeUndefined();
  });

  it("never reaches code: attempts are syntax errors or unknown names", () => {
    for (const attack of ["process.exit()", "constructor.constructor('return process')()", "this['x']", "a; b", "`x`", "require('fs')", "eval(1)"]) {
      expect(() => parseFormula(attack), attack).toThrow(FormulaError);
    }
    expect(evaluateFormula(parseFormula("constructor"), values)).toBeUndefined();
    expect(evaluateFormula(parseFormula("__proto__"), values)).toBeUndefined();
    expect(() => parseFormula("1+".repeat(400) + "1")).toThrow(/公式过长/);
  });
});

describe("Chinese sentences", () => {
  it("reads like a policy text", () => {
    expect(conditionsToChinese({
      all: [
        { fact: "districtCode", operator: "equal", value: "410172" },
        { fact: "rdRatio", operator: "greaterThanInclusive", value: 5 },
        { fact: "qualifications", operator: "contains", value: "HIGH_TECH" },
        { fact: "sizeClass", operator: "in", value: ["SMALL", "MICRO"] },
      ],
    })).toBe("注册地区县为郑州高新技术产业开发区，且上年度研发费用占营业收入比例不低于5%，且持有有效的高新技术企业资质，且企业规模为小型或微型");
  });

  it("nests alternatives in brackets and phrases yes/no facts", () => {
    expect(conditionsToChinese({
      all: [
        { fact: "inPark", operator: "equal", value: true },
        { any: [{ fact: "employees", operator: "greaterThan", value: 30 }, { fact: "revenue", operator: "greaterThanInclusive", value: 2000 }] },
      ],
    })).toBe("入驻园区，且（上年度从业人员高于30人，或上年度营业收入不低于2,000万元）");
    expect(conditionsToChinese({
      any: [
        { all: [{ fact: "revenue", operator: "lessThan", value: 5000 }, { fact: "rdRatio", operator: "greaterThanInclusive", value: 5 }] },
        { all: [{ fact: "revenue", operator: "greaterThanInclusive", value: 5000 }, { fact: "rdRatio", operator: "greaterThanInclusive", value: 4 }] },
      ],
    })).toBe("满足以下任一条件：（上年度营业收入低于5,000万元，且上年度研发费用占营业收入比例不低于5%）；或（上年度营业收入不低于5,000万元，且上年度研发费用占营业收入比例不低于4%）");
    expect(conditionsToChinese({ any: [{ fact: "isSme", operator: "equal", value: false }, { fact: "tags", operator: "contains", value: "重点企业" }] }))
      .toBe("满足以下任一条件：不是中小微企业；或企业标签包含“重点企业”");
  });
});
