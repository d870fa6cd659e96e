import { FACTS_BY_KEY, type FactDefinition } from "~/companies/facts";
import { OPERATOR_LABELS, type FactCondition, type Operator, type TopCondition } from "~/rules/conditions";
import { conditionSentence, requirementText, showValue } from "~/rules/render-zh";
import { compileRule, factReader, type CompiledNode, type CompiledRule, type Facts } from "./compile";

/**
 * Why a company does or does not meet a rule, condition by condition, in Chinese: for the
 * officer's impact list and the company's "还差一步" hints. Pure. Every `holds` comes from the same
 * compiled predicates as compileConditions, so the explanation never contradicts the matcher
 * (and throws the same RuleEvaluationError where json-rules-engine would fail).
 */

export interface LeafExplanation {
  kind: "leaf";
  /** Where in the rule, e.g. "all[1].any[0]" (as validateConditions reports). */
  path: string;
  fact: string;
  /** The fact's Chinese label from the catalogue ("研发费用占营业收入比例"). */
  label: string;
  operator: Operator;
  /** What the condition asks, without its subject: "不低于5%". */
  required: string;
  /** The company's value in Chinese ("6.2%", "高新技术企业、瞪羚企业", "无"), or "无数据". */
  actual: string;
  /** The company has no value for the fact (or, fact-to-fact, for the other one). */
  missing: boolean;
  holds: boolean;
  /** The condition as the rule's Chinese sentence says it. */
  sentence: string;
  /** Under an odd number of "not": the rule needs this condition to be false. */
  negated: boolean;
}

export interface GroupExplanation {
  kind: "all" | "any" | "not";
  path: string;
  holds: boolean;
  children: Explanation[];
}

export type Explanation = GroupExplanation | LeafExplanation;

/** The rule's tree with, at every node, whether it holds for these facts and why. */
export function explainConditions(rule: TopCondition, facts: Facts): GroupExplanation {
  const { root, guard } = compiledOf(rule);
  guard?.(facts);
  return explainNode(root, facts, false) as GroupExplanation;
}

// Compiled once per rule object: a company's 还差一步 looks at every clause in force (thousands),
// whose conditions objects clausesInForce keeps while no version changes.
const compiled = new WeakMap<object, CompiledRule>();
function compiledOf(rule: TopCondition): CompiledRule {
  let c = compiled.get(rule);
  if (!c) compiled.set(rule, (c = compileRule(rule)));
  return c;
}

function explainNode(node: CompiledNode, facts: Facts, negated: boolean): Explanation {
  switch (node.kind) {
    case "all":
    case "any": {
      const children = node.children.map((c) => explainNode(c, facts, negated));
      // Empty groups hold, "any" included (json-rules-engine).
      const holds = children.length === 0 || (node.kind === "all" ? children.every((c) => c.holds) : children.some((c) => c.holds));
      return { kind: node.kind, path: node.path, holds, children };
    }
    case "not": {
      const child = explainNode(node.child, facts, !negated);
      return { kind: "not", path: node.path, holds: !child.holds, children: [child] };
    }
    case "leaf":
      return explainLeaf(node, facts, negated);
  }
}

function explainLeaf(node: Extract<CompiledNode, { kind: "leaf" }>, facts: Facts, negated: boolean): LeafExplanation {
  const fact = FACTS_BY_KEY.get(node.fact);
  const condition = { fact: node.fact, operator: node.operator, value: node.value } as FactCondition;
  const value = lookup(facts, node.fact);
  let actual = display(fact, value);
  let missing = value === undefined;
  if (node.otherFact !== undefined) {
    const other = FACTS_BY_KEY.get(node.otherFact);
    const otherValue = lookup(facts, node.otherFact);
    missing ||= otherValue === undefined;
    actual += `（${other?.label ?? node.otherFact} ${display(other, otherValue)}）`;
  }
  return {
    kind: "leaf",
    path: node.path,
    fact: node.fact,
    label: fact?.label ?? node.fact,
    operator: node.operator,
    required: safely(() => requirementText(condition), `${OPERATOR_LABELS[node.operator]} ${odd(node.value)}`),
    actual,
    missing,
    holds: node.test(facts),
    sentence: safely(() => conditionSentence(condition), `${fact?.label ?? node.fact}${OPERATOR_LABELS[node.operator]}${odd(node.value)}`),
    negated,
  };
}

/**
 * When the rule fails: the leaves that alone decide it, i.e. flipping that one condition (meeting
 * it; or, for a condition under "not", no longer meeting it, see `negated`) makes the whole rule
 * pass. Empty when the rule passes or no single condition suffices.
 */
export function nearMisses(rule: TopCondition, facts: Facts): LeafExplanation[] {
  // Most clauses a company fails miss by more than one condition: decide that from the compiled
  // tests alone, and write the Chinese sentences only for the clauses that are a near miss.
  const { root, guard } = compiledOf(rule);
  guard?.(facts);
  const truth = truthOf(root, facts);
  if (truth.holds || !leavesOf(truth).some((leaf) => holdsWith(truth, leaf))) return [];
  const tree = explainConditions(rule, facts);
  return leavesOf<Explanation>(tree).filter((leaf) => holdsWith(tree, leaf)) as LeafExplanation[];
}

/** A tree of verdicts: an explanation, or truthOf's bare values. */
interface Verdict {
  kind: string;
  holds: boolean;
  children?: Verdict[];
}

/** Every node's value, without explanations (what nearMisses needs to rule a clause out). */
function truthOf(node: CompiledNode, facts: Facts): Verdict {
  if (node.kind === "leaf") return { kind: "leaf", holds: node.test(facts) };
  const children = node.kind === "not" ? [truthOf(node.child, facts)] : node.children.map((c) => truthOf(c, facts));
  const holds = node.kind === "not" ? !children[0].holds
    : children.length === 0 || (node.kind === "all" ? children.every((c) => c.holds) : children.some((c) => c.holds));
  return { kind: node.kind, holds, children };
}

function leavesOf<T extends Verdict>(tree: T): T[] {
  const leaves: T[] = [];
  const collect = (v: T) => (v.kind === "leaf" ? leaves.push(v) : (v.children as T[] | undefined)?.forEach(collect));
  collect(tree);
  return leaves;
}

/** The tree's value with one leaf flipped. */
function holdsWith(v: Verdict, flipped: Verdict): boolean {
  if (v.kind === "leaf") return v === flipped ? !v.holds : v.holds;
  const children = v.children ?? [];
  if (v.kind === "not") return !holdsWith(children[0], flipped);
  if (children.length === 0) return true;
  return v.kind === "all" ? children.every((c) => holdsWith(c, flipped)) : children.some((c) => holdsWith(c, flipped));
}

const GROUP_TITLES = { all: "同时满足以下条件", any: "满足以下任一条件", not: "不满足以下条件" } as const;

/**
 * Short lines for an impact list, nested groups indented:
 * "✓ 上年度研发费用占营业收入比例不低于5%（实际 6.2%）", "✗ 持有有效的高新技术企业资质（实际：无）".
 * The top group's own line is left out (the rule's verdict is shown elsewhere).
 */
export function explanationToChinese(tree: Explanation): string[] {
  const lines: string[] = [];
  const visit = (e: Explanation, depth: number) => {
    const indent = "  ".repeat(depth);
    const mark = e.holds ? "✓" : "✗";
    if (e.kind === "leaf") {
      const separator = /^[-\d]/.test(e.actual) ? " " : "：";
      lines.push(`${indent}${mark} ${e.sentence}（实际${separator}${e.actual}）`);
      return;
    }
    lines.push(`${indent}${mark} ${GROUP_TITLES[e.kind]}${e.children.length ? "：" : "（无条件）"}`);
    for (const c of e.children) visit(c, depth + 1);
  };
  if (tree.kind === "leaf") visit(tree, 0);
  else if (tree.kind === "not") visit(tree, 0);
  else if (tree.kind === "any" && tree.children.length > 1) {
    lines.push(`${tree.holds ? "✓" : "✗"} ${GROUP_TITLES.any}：`);
    for (const c of tree.children) visit(c, 1);
  } else for (const c of tree.children) visit(c, 0);
  return lines;
}

/** The company's value of a fact, read as the matcher reads it. */
function lookup(facts: Facts, key: string): unknown {
  return factReader(key)(facts);
}

/** A company's value in Chinese; values of the wrong type are shown as they are. */
function display(fact: FactDefinition | undefined, v: unknown): string {
  if (v === undefined) return "无数据";
  if (fact) {
    switch (fact.type) {
      case "boolean":
        if (typeof v === "boolean") return v ? "是" : "否";
        break;
      case "set":
        if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v.length ? v.map((x) => showValue(fact, x)).join("、") : "无";
        break;
      case "number":
        if (typeof v === "number") return Number.isFinite(v) ? showValue(fact, v) : String(v);
        break;
      default:
        if (typeof v === "string") return v === "" ? "（空）" : showValue(fact, v);
    }
  }
  return odd(v);
}

function odd(v: unknown): string {
  if (typeof v === "string") return `“${v}”`;
  if (typeof v === "number" || typeof v === "boolean" || v === null || v === undefined) return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function safely(f: () => string, fallback: string): string {
  try {
    return f();
  } catch {
    return fallback;
  }
}
