import type { RuleGroupType, RuleType } from "react-querybuilder";
import { FACTS_BY_KEY, type FactDefinition } from "~/companies/facts";
import type { Condition, ConditionValue, FactCondition, Operator, TopCondition } from "./conditions";
import { validateConditions, type RuleProblem } from "./validate";

/**
 * json-rules-engine conditions ⇄ react-querybuilder queries, for the visual rule editor.
 * Pure and browser-safe (type-only import of react-querybuilder). The mapping round-trips:
 * `fromQuery(toQuery(rule))` deep-equals `rule` for every condition tree json-rules-engine accepts
 * in our subset (app/rules/conditions.ts).
 *
 *   { all: [...] } / { any: [...] }   ⇄  group, combinator "and" / "or"
 *   { not: { all|any: [...] } }       ⇄  group with `not: true` (its combinator and children)
 *   { not: <condition> }              ⇄  group with `not: true` holding that one condition
 *   { fact, operator, value }         ⇄  rule { field: fact, operator, value }
 *   value: { fact: "x" }              ⇄  rule { valueSource: "field", value: "x" }
 *
 * A `not` around an all/any group of exactly one child would read back as a bare `not` around
 * that child; such groups are marked `keepGroup` so the JSON comes back exactly as written.
 *
 * Values typed into the builder may arrive as strings ("5", "true", "a,b"); `fromQuery` converts
 * them by the fact's type so the JSON has json-rules-engine's shape (5, true, ["a", "b"]).
 * Whatever cannot be converted is left as typed, for `validateConditions` to name.
 */

/** A query group as the editor stores it. `keepGroup`: see above. */
export type QueryGroup = RuleGroupType & { keepGroup?: boolean };

const LIST_OPERATORS: ReadonlySet<string> = new Set(["in", "notIn"]);

export function isListOperator(operator: string): boolean {
  return LIST_OPERATORS.has(operator);
}

/** Rule → query. Ids follow the position ("q", "q-0", "q-0-1", …) so server and browser agree. */
export function toQuery(rule: TopCondition): QueryGroup {
  const kind = "all" in rule ? "all" : "any";
  return group(kind, (rule as Record<string, Condition[]>)[kind], "q");
}

function group(kind: "all" | "any", children: Condition[], id: string, extra: Partial<QueryGroup> = {}): QueryGroup {
  return {
    id,
    combinator: kind === "all" ? "and" : "or",
    ...extra,
    rules: (Array.isArray(children) ? children : []).map((c, i) => node(c, `${id}-${i}`)),
  };
}

function node(c: Condition, id: string): QueryGroup | RuleType {
  if ("all" in c || "any" in c) {
    const kind = "all" in c ? "all" : "any";
    return group(kind, (c as Record<string, Condition[]>)[kind], id);
  }
  if ("not" in c) {
    const inner = c.not;
    if (inner && ("all" in inner || "any" in inner)) {
      const kind = "all" in inner ? "all" : "any";
      const children = (inner as Record<string, Condition[]>)[kind];
      return group(kind, children, id, Array.isArray(children) && children.length === 1 ? { not: true, keepGroup: true } : { not: true });
    }
    return { id, combinator: "and", not: true, rules: [node(inner, `${id}-0`)] } as QueryGroup;
  }
  return factRule(c, id);
}

function factRule(c: FactCondition, id: string): RuleType {
  const v = c.value;
  if (typeof v === "object" && v !== null && !Array.isArray(v)) {
    return { id, field: c.fact, operator: c.operator, valueSource: "field", value: v.fact };
  }
  return { id, field: c.fact, operator: c.operator, value: Array.isArray(v) ? [...v] : v };
}

/** Query → rule (the top level is always an all/any group). */
export function fromQuery(q: RuleGroupType, onNode?: (id: string | undefined, path: string) => void): TopCondition {
  const kind = q.combinator === "or" ? "any" : "all";
  onNode?.(q.id, "");
  const children = (q.rules ?? []).map((r, i) => fromNode(r, `${kind}[${i}]`, onNode));
  // The editor hides the "不满足" switch at the top; should one arrive anyway, keep its meaning.
  if (q.not) return { all: [{ not: { [kind]: children } as Condition }] };
  return { [kind]: children } as TopCondition;
}

function fromNode(n: RuleGroupType | RuleType | string, path: string, onNode?: (id: string | undefined, path: string) => void): Condition {
  if (typeof n === "string") return { all: [] }; // independent-combinator queries are not used here
  if ("rules" in n) {
    const g = n as QueryGroup;
    const kind = g.combinator === "or" ? "any" : "all";
    const rules = g.rules ?? [];
    onNode?.(g.id, path);
    if (g.not) {
      if (rules.length === 1 && !g.keepGroup) return { not: fromNode(rules[0], `${path}.not`, onNode) };
      return { not: { [kind]: rules.map((r, i) => fromNode(r, `${path}.not.${kind}[${i}]`, onNode)) } as Condition };
    }
    return { [kind]: rules.map((r, i) => fromNode(r, `${path}.${kind}[${i}]`, onNode)) } as Condition;
  }
  onNode?.(n.id, path);
  return fromRule(n as RuleType);
}

function fromRule(r: RuleType): FactCondition {
  const fact = FACTS_BY_KEY.get(r.field);
  const operator = r.operator as Operator;
  if (r.valueSource === "field") return { fact: r.field, operator, value: { fact: String(r.value ?? "") } };
  return { fact: r.field, operator, value: coerceValue(fact, operator, r.value) };
}

/** A value as the builder holds it → the value json-rules-engine expects for this fact and operator. */
export function coerceValue(fact: FactDefinition | undefined, operator: string, value: unknown): ConditionValue {
  if (isListOperator(operator)) {
    const items = Array.isArray(value) ? value : typeof value === "string" ? splitList(value) : value == null ? [] : [value];
    return items.map((v) => coerceScalar(fact, v)) as (string | number)[];
  }
  // A single-value operator after a list operator: keep the first item rather than a list.
  if (Array.isArray(value)) return value.length ? (coerceScalar(fact, value[0]) as ConditionValue) : "";
  return coerceScalar(fact, value) as ConditionValue;
}

function splitList(text: string): string[] {
  return text.split(/[,，、;；\s]+/).map((s) => s.trim()).filter(Boolean);
}

function coerceScalar(fact: FactDefinition | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return "";
  switch (fact?.type) {
    case "number": {
      if (typeof value === "number") return value;
      if (typeof value === "string") {
        const text = value.trim().replace(/[,，]/g, "");
        if (text !== "" && Number.isFinite(Number(text))) return Number(text);
      }
      return value;
    }
    case "boolean":
      if (value === "true" || value === "是") return true;
      if (value === "false" || value === "否") return false;
      return value;
    default:
      return typeof value === "number" ? String(value) : value;
  }
}

/**
 * Text from the JSON view or a posted form field → a rule, or the problems in Chinese (a JSON
 * syntax error with its line and column, or what `validateConditions` finds).
 */
export function parseRuleJson(text: string): { rule: TopCondition | null; problems: RuleProblem[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { rule: null, problems: [{ path: "", message: jsonErrorMessage(text, error as Error) }] };
  }
  const problems = validateConditions(data);
  return { rule: problems.length ? null : (data as TopCondition), problems };
}

function jsonErrorMessage(text: string, error: Error): string {
  if (!text.trim()) return "内容为空，请填写规则的 JSON";
  // Engines differ in whether they say where (V8 often does not); find it ourselves.
  const match = /position (\d+)/.exec(error.message);
  const at = Math.min(match ? Number(match[1]) : jsonErrorOffset(text), text.length);
  const before = text.slice(0, at).split("\n");
  const where = at >= text.trimEnd().length ? "末尾" : `第 ${before.length} 行第 ${before[before.length - 1].length + 1} 列附近`;
  return `JSON 格式有误：${where}，请检查括号、引号和逗号是否成对、完整`;
}

/** Offset of the first syntax error in JSON text (a small recursive-descent reader). */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => { while (i < text.length && " \t\n\r".includes(text[i])) i++; };
  const fail = (): never => { throw i; };
  const literal = (word: string) => { if (text.startsWith(word, i)) i += word.length; else fail(); };
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] < " ") fail();
      if (text[i] === "\\") {
        i++;
        if (text[i] === "u") { if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail(); i += 4; }
        else if (!'"\\/bfnrt'.includes(text[i] ?? "x")) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++; ws();
      if (text[i] === "}") { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string(); ws();
        if (text[i] !== ":") fail();
        i++; value(); ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "}") { i++; return; }
        fail();
      }
    }
    if (c === "[") {
      i++; ws();
      if (text[i] === "]") { i++; return; }
      for (;;) {
        value(); ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "]") { i++; return; }
        fail();
      }
    }
    if (c === '"') return string();
    if (c === "t") return literal("true");
    if (c === "f") return literal("false");
    if (c === "n") return literal("null");
    if (c === "-" || (c >= "0" && c <= "9")) return number();
    fail();
  };
  try {
    value(); ws();
    return i < text.length ? i : text.length;
  } catch (at) {
    return typeof at === "number" ? at : 0;
  }
}

/**
 * "all[1].any[0].not" → "第 2 项 › 第 1 项 › 不满足": where a problem is, for people.
 * The top of the rule is "整条规则".
 */
export function readablePath(path: string): string {
  if (!path) return "整条规则";
  const parts: string[] = [];
  for (const segment of path.split(".")) {
    const item = /^(all|any)\[(\d+)\]$/.exec(segment);
    if (item) parts.push(`第 ${Number(item[2]) + 1} 项`);
    else if (segment === "not") parts.push("不满足");
    else if (segment === "all" || segment === "any") parts.push(segment === "all" ? "“全部满足”组" : "“满足其一”组");
  }
  return parts.join(" › ") || "整条规则";
}

/** The node of a rule at a validator path ("all[1].not"), or undefined. */
export function conditionAt(rule: unknown, path: string): unknown {
  let at: unknown = rule;
  if (!path) return at;
  for (const segment of path.split(".")) {
    if (typeof at !== "object" || at === null) return undefined;
    const item = /^(all|any)\[(\d+)\]$/.exec(segment);
    const record = at as Record<string, unknown>;
    if (item) {
      const list = record[item[1]];
      at = Array.isArray(list) ? list[Number(item[2])] : undefined;
    } else at = record[segment];
  }
  return at;
}
