/**
 * Eligibility conditions in json-rules-engine's own format (the reference semantics), limited to
 * what the fact catalogue and the rule editor offer. Pure: shared by the editor, the validator,
 * the Chinese renderer and the matcher.
 */
export type Operator =
  | "equal" | "notEqual"
  | "lessThan" | "lessThanInclusive" | "greaterThan" | "greaterThanInclusive"
  | "in" | "notIn" | "contains" | "doesNotContain";

export type ConditionValue = number | string | boolean | (number | string)[] | { fact: string };

export interface FactCondition {
  fact: string;
  operator: Operator;
  value: ConditionValue;
}

export type Condition = FactCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition };
export type TopCondition = { all: Condition[] } | { any: Condition[] };

export function isGroup(c: Condition): c is { all: Condition[] } | { any: Condition[] } {
  return "all" in c || "any" in c;
}

export const OPERATOR_LABELS: Record<Operator, string> = {
  equal: "等于",
  notEqual: "不等于",
  lessThan: "低于",
  lessThanInclusive: "不高于",
  greaterThan: "高于",
  greaterThanInclusive: "不低于",
  in: "属于",
  notIn: "不属于",
  contains: "包含",
  doesNotContain: "不包含",
};
