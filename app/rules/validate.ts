import { FACTS_BY_KEY, type FactDefinition, type FactType } from "~/companies/facts";
import { industryByCode } from "~/companies/industry";
import { DISTRICT_NAMES } from "~/grids/districts";
import type { Condition, Operator } from "./conditions";

/** Which operators make sense for which kind of fact (the editor offers the same lists). */
export const OPERATORS_BY_TYPE: Record<FactType, Operator[]> = {
  number: ["equal", "notEqual", "lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive", "in", "notIn"],
  boolean: ["equal", "notEqual"],
  enum: ["equal", "notEqual", "in", "notIn"],
  string: ["equal", "notEqual", "in", "notIn"],
  set: ["contains", "doesNotContain"],
};

export const MAX_DEPTH = 6;
export const MAX_RULE_BYTES = 64 * 1024;

export interface RuleProblem {
  /** Where in the tree, e.g. "all[1].any[0]" */
  path: string;
  message: string;
}

/**
 * Checks a condition tree against the fact catalogue and says, in Chinese, everything wrong:
 * unknown facts or operators, values of the wrong type, empty groups, trees too deep or too
 * large, and numeric bounds in one "all" group that no company can meet.
 */
export function validateConditions(input: unknown): RuleProblem[] {
  const problems: RuleProblem[] = [];
  let size: number;
  try {
    size = JSON.stringify(input ?? null).length;
  } catch {
    return [{ path: "", message: "规则不是有效的 JSON" }];
  }
  if (size > MAX_RULE_BYTES) return [{ path: "", message: `规则过大（${Math.round(size / 1024)} KB，上限 ${MAX_RULE_BYTES / 1024} KB）` }];
  if (!isObject(input) || !("all" in input || "any" in input)) {
    return [{ path: "", message: "规则最外层必须是“全部满足（all）”或“满足其一（any）”条件组" }];
  }
  walk(input, "", 1, problems);
  return problems;
}

function walk(node: unknown, path: string, depth: number, problems: RuleProblem[]): void {
  const at = (suffix: string) => (path ? `${path}.${suffix}` : suffix);
  if (!isObject(node)) return void problems.push({ path, message: "条件格式不正确" });
  if (depth > MAX_DEPTH) return void problems.push({ path, message: `条件嵌套超过 ${MAX_DEPTH} 层，请简化` });
  const keys = Object.keys(node);
  if ("all" in node || "any" in node) {
    const kind = "all" in node ? "all" : "any";
    if (keys.length !== 1) return void problems.push({ path, message: "条件组只能含 all 或 any 其中之一" });
    const children = node[kind];
    if (!Array.isArray(children)) return void problems.push({ path: at(kind), message: "条件组应为列表" });
    if (children.length === 0) return void problems.push({ path: at(kind), message: "条件组不能为空" });
    children.forEach((child, i) => walk(child, at(`${kind}[${i}]`), depth + 1, problems));
    if (kind === "all") findContradictions(children, at("all"), problems);
    return;
  }
  if ("not" in node) {
    if (keys.length !== 1) return void problems.push({ path, message: "“不满足（not）”只能包含一个条件" });
    return walk(node.not, at("not"), depth + 1, problems);
  }
  checkFactCondition(node, path, problems);
}

function checkFactCondition(node: Record<string, unknown>, path: string, problems: RuleProblem[]): void {
  const extra = Object.keys(node).filter((k) => !["fact", "operator", "value"].includes(k));
  if (extra.length) problems.push({ path, message: `不支持的字段：${extra.join("、")}` });
  const fact = typeof node.fact === "string" ? FACTS_BY_KEY.get(node.fact) : undefined;
  if (!fact) return void problems.push({ path, message: `未知的企业指标“${String(node.fact)}”` });
  const operators = OPERATORS_BY_TYPE[fact.type];
  if (typeof node.operator !== "string" || !operators.includes(node.operator as Operator)) {
    return void problems.push({ path, message: `“${fact.label}”不能使用运算符“${String(node.operator)}”，可用：${operators.join("、")}` });
  }
  const message = checkValue(fact, node.operator as Operator, node.value);
  if (message) problems.push({ path, message });
}

function checkValue(fact: FactDefinition, operator: Operator, value: unknown): string | null {
  // Fact-to-fact comparison: both numbers (e.g. 研发费用 ≥ 纳税总额).
  if (isObject(value)) {
    const other = typeof value.fact === "string" ? FACTS_BY_KEY.get(value.fact) : undefined;
    if (Object.keys(value).length !== 1 || !other) return `比较对象“${String(value.fact)}”不是已知的企业指标`;
    if (fact.type !== "number" || other.type !== "number") return "只有数值指标之间可以相互比较";
    // json-rules-engine fails the whole run on "in" against a number fact.
    if (operator === "in" || operator === "notIn") return "与另一指标比较只能用 等于、不等于、高于、低于 等比较运算符";
    return null;
  }
  const list = operator === "in" || operator === "notIn";
  if (list) {
    if (!Array.isArray(value) || value.length === 0) return `“${fact.label}”的取值应为非空列表`;
    const bad = value.find((v) => checkScalar(fact, v) !== null);
    return bad === undefined ? null : checkScalar(fact, bad);
  }
  if (fact.type === "set") {
    if (typeof value !== "string") return `“${fact.label}”的取值应为单个选项`;
    return fact.values && !fact.values.some((v) => v.value === value) ? `“${value}”不是“${fact.label}”的可选项` : null;
  }
  return checkScalar(fact, value);
}

function checkScalar(fact: FactDefinition, value: unknown): string | null {
  switch (fact.type) {
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? null : `“${fact.label}”的取值应为数字，不是“${String(value)}”`;
    case "boolean":
      return typeof value === "boolean" ? null : `“${fact.label}”的取值应为“是”或“否”`;
    case "enum":
      if (value === "" || value === undefined) return `“${fact.label}”尚未填写`;
      return typeof value === "string" && fact.values?.some((v) => v.value === value) ? null : `“${String(value)}”不是“${fact.label}”的可选项`;
    case "string":
      if (typeof value !== "string" || value.length === 0) return `“${fact.label}”尚未填写`;
      return checkCode(fact.key, value);
    default:
      return null;
  }
}

/** Codes must exist, or the condition silently matches nobody. */
function checkCode(key: string, value: string): string | null {
  switch (key) {
    case "districtCode":
      return DISTRICT_NAMES[value] ? null : `“${value}”不是本市的区县（开发区）代码`;
    case "industrySection":
      return /^[A-T]$/.test(value) ? null : `“${value}”不是国民经济行业门类字母（A–T）`;
    case "industryDivision":
      return /^\d{2}$/.test(value) && industryByCode(value) ? null : `“${value}”不是国民经济行业大类代码`;
    case "industryCode":
      return industryByCode(value) ? null : `“${value}”不是有效的国民经济行业代码`;
    case "streetCode":
      return /^\d{9}$/.test(value) ? null : `“${value}”不是街道（乡镇）代码（9 位数字）`;
    default:
      return null;
  }
}

/** Numeric bounds on the same fact within one "all" group that leave no possible value. */
function findContradictions(children: unknown[], path: string, problems: RuleProblem[]): void {
  const bounds = new Map<string, { low: number; lowStrict: boolean; high: number; highStrict: boolean }>();
  for (const c of children) {
    if (!isObject(c) || typeof c.fact !== "string" || typeof c.value !== "number") continue;
    const b = bounds.get(c.fact) ?? { low: -Infinity, lowStrict: false, high: Infinity, highStrict: false };
    const v = c.value;
    const raise = (strict: boolean) => {
      if (v > b.low || (v === b.low && strict)) Object.assign(b, { low: v, lowStrict: strict });
    };
    const lower = (strict: boolean) => {
      if (v < b.high || (v === b.high && strict)) Object.assign(b, { high: v, highStrict: strict });
    };
    if (c.operator === "greaterThan") raise(true);
    if (c.operator === "greaterThanInclusive") raise(false);
    if (c.operator === "lessThan") lower(true);
    if (c.operator === "lessThanInclusive") lower(false);
    if (c.operator === "equal") (raise(false), lower(false));
    bounds.set(c.fact, b);
  }
  for (const [fact, b] of bounds) {
    if (b.low > b.high || (b.low === b.high && (b.lowStrict || b.highStrict))) {
      problems.push({ path, message: `“${FACTS_BY_KEY.get(fact)?.label ?? fact}”的条件互相矛盾，任何企业都无法满足` });
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// Operators true for a missing fact in json-rules-engine. Not "不包含": contains/doesNotContain
// first require an array, so both are false when the fact is missing (app/matching/compile.ts).
const NEGATIVE: ReadonlySet<string> = new Set(["notEqual", "notIn"]);

/**
 * Conditions that a company with missing data would pass. In json-rules-engine (our reference),
 * "不等于 / 不属于", and "不满足" around a positive condition, are true when the fact is absent, so without a positive
 * condition on the same fact, a company whose data is missing qualifies; for 免申即享 that means
 * pushing a benefit nobody checked. Warnings, not errors: a rule may mean it.
 */
export function missingDataWarnings(rule: unknown): RuleProblem[] {
  const positive = new Set<string>();
  const negative: { fact: string; path: string }[] = [];
  const visit = (node: unknown, path: string, negated: boolean) => {
    if (!isObject(node)) return;
    const at = (suffix: string) => (path ? `${path}.${suffix}` : suffix);
    for (const kind of ["all", "any"] as const) {
      const children = node[kind];
      if (Array.isArray(children)) children.forEach((c, i) => visit(c, at(`${kind}[${i}]`), negated));
    }
    if ("not" in node) visit(node.not, at("not"), !negated);
    if (typeof node.fact === "string") {
      const isNegative = NEGATIVE.has(String(node.operator)) !== negated;
      if (isNegative) negative.push({ fact: node.fact, path });
      else positive.add(node.fact);
    }
  };
  visit(rule, "", false);
  return negative
    .filter((n) => !positive.has(n.fact) && !FACTS_BY_KEY.get(n.fact)?.alwaysKnown)
    .map((n) => ({
      path: n.path,
      message: `“${FACTS_BY_KEY.get(n.fact)?.label ?? n.fact}”缺失的企业也会满足这一否定条件；如不希望如此，请再加一个要求该指标有值的条件`,
    }));
}
