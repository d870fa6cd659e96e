import { FACTS_BY_KEY, type FactDefinition } from "~/companies/facts";
import { industryLabel } from "~/companies/industry";
import { SECTIONS } from "~/companies/industry-sections";
import { DISTRICT_NAMES } from "~/grids/districts";
import type { Condition, ConditionValue, FactCondition, TopCondition } from "./conditions";

/**
 * A rule as one Chinese sentence, for officers and companies:
 * "注册地区县为郑州高新技术产业开发区，且上年度研发费用占营业收入比例不低于5%，且持有有效的高新技术企业资质".
 */
export function conditionsToChinese(rule: TopCondition): string {
  return group(rule, true);
}

function group(c: Condition, top = false, inAny = false): string {
  if ("all" in c) {
    const text = c.all.map((x) => group(x)).join("，且");
    // Inside an alternative, a conjunction needs brackets: "（A，且B），或C", not "A，且B，或C".
    return inAny && c.all.length > 1 ? `（${text}）` : text;
  }
  if ("any" in c) {
    const parts = c.any.map((x) => group(x, false, true));
    return parts.length === 1 ? parts[0] : top ? `满足以下任一条件：${parts.join("；或")}` : `（${parts.join("，或")}）`;
  }
  if ("not" in c) return `不满足“${group(c.not)}”`;
  return sentence(c);
}

function sentence(c: FactCondition): string {
  const fact = FACTS_BY_KEY.get(c.fact);
  if (!fact) return `${c.fact} ${c.operator} ${JSON.stringify(c.value)}`;
  const subject = label(fact);
  if (typeof c.value === "object" && c.value !== null && !Array.isArray(c.value)) {
    const other = FACTS_BY_KEY.get(c.value.fact);
    return `${subject}${NUMERIC[c.operator] ?? c.operator}${other ? label(other) : c.value.fact}`;
  }
  switch (fact.type) {
    case "boolean": {
      const yes = (c.value === true) === (c.operator === "equal");
      const phrases = fact.phrases ?? { yes: `${fact.label}为是`, no: `${fact.label}为否` };
      return yes ? phrases.yes : phrases.no;
    }
    case "set": {
      const name = show(fact, c.value);
      if (fact.key === "qualifications") return c.operator === "contains" ? `持有有效的${name}资质` : `未持有有效的${name}资质`;
      return c.operator === "contains" ? `${fact.label}包含“${name}”` : `${fact.label}不包含“${name}”`;
    }
    default: {
      if (c.operator === "in") return `${subject}为${show(fact, c.value)}`;
      if (c.operator === "notIn") return `${subject}不是${show(fact, c.value)}`;
      const op = fact.type === "number" ? NUMERIC[c.operator] : c.operator === "equal" ? "为" : "不为";
      return `${subject}${op}${show(fact, c.value)}`;
    }
  }
}

const NUMERIC: Record<string, string> = {
  equal: "为", notEqual: "不为", lessThan: "低于", lessThanInclusive: "不高于", greaterThan: "高于", greaterThanInclusive: "不低于",
};

/** Yearly figures read as last year's, as policy texts say ("上年度营业收入"). */
function label(fact: FactDefinition): string {
  return fact.group === "上年度指标" || fact.group === "派生指标" ? `上年度${fact.label}` : fact.label;
}

function show(fact: FactDefinition, value: ConditionValue): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => show(fact, v));
    return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join("、")}或${items[items.length - 1]}`;
  }
  const v = String(value);
  const option = fact.values?.find((o) => o.value === v);
  if (option) return option.label;
  if (fact.key === "districtCode") return DISTRICT_NAMES[v] ?? v;
  if (fact.key === "industrySection") return SECTIONS.find((s) => s.code === v)?.name ?? v;
  if (fact.key === "industryCode" || fact.key === "industryDivision") return industryLabel(v);
  if (typeof value === "number") return `${value.toLocaleString("zh-CN")}${fact.unit ?? ""}`;
  return v;
}

// For explanations (app/matching/explain.ts): the parts of the sentences above, unchanged.

/** One fact condition as its sentence, e.g. "上年度研发费用占营业收入比例不低于5%". */
export const conditionSentence: (c: FactCondition) => string = sentence;
/** How a fact is named in sentences ("上年度营业收入"). */
export const factSubject: (fact: FactDefinition) => string = label;
/** A condition value as sentences show it (option labels, district names, "5%", "A、B或C"). */
export const showValue: (fact: FactDefinition, value: ConditionValue) => string = show;

/** What a condition requires, without its subject: "不低于5%", "为小型或微型", "包含“高新技术企业”". */
export function requirementText(c: FactCondition): string {
  const fact = FACTS_BY_KEY.get(c.fact);
  if (typeof c.value === "object" && c.value !== null && !Array.isArray(c.value)) {
    const other = FACTS_BY_KEY.get(c.value.fact);
    return `${NUMERIC[c.operator] ?? c.operator}${other ? label(other) : c.value.fact}`;
  }
  if (!fact) return `${c.operator} ${JSON.stringify(c.value)}`;
  switch (fact.type) {
    case "boolean":
      return (c.value === true) === (c.operator === "equal") ? "是" : "否";
    case "set":
      return `${c.operator === "contains" ? "包含" : "不包含"}“${show(fact, c.value)}”`;
    default:
      if (c.operator === "in") return `为${show(fact, c.value)}`;
      if (c.operator === "notIn") return `不是${show(fact, c.value)}`;
      return `${fact.type === "number" ? NUMERIC[c.operator] : c.operator === "equal" ? "为" : "不为"}${show(fact, c.value)}`;
  }
}
