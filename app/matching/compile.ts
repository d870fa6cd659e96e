import type { Operator, TopCondition } from "~/rules/conditions";

/**
 * The fast matcher: a rule's conditions compiled once into a tree of closures (no eval, no
 * new Function) and evaluated synchronously. json-rules-engine 7 with `allowUndefinedFacts: true`
 * (app/rules/reference.server.ts) is the reference; the answer here is the engine's for every
 * fact set, including missing facts and values of the wrong type, and
 * app/matching/differential.test.ts checks that on hundreds of thousands of random cases.
 *
 * The engine's quirks kept on purpose (the engine decides, so the matcher must agree):
 * - A missing fact is `undefined`, so "notEqual" and "notIn" hold for it, while "doesNotContain"
 *   does not: contains/doesNotContain first require the fact to be an array.
 * - "lessThan" and the other numeric operators first check the fact with
 *   `parseFloat(fact).toString() !== "NaN"`, then compare with plain JS `<`: so "12" > 4 and
 *   [5] > 4 hold (strings and one-element arrays coerce), "12abc" > 4 does not ("12abc" passes
 *   the check but compares as NaN), and null, true, "" and NaN fail everything numeric.
 * - "in" is `list.indexOf(fact) > -1`: strict equality, never NaN; a string instead of a list
 *   is searched as text ("410172,410105" in-matches "0172", and a missing fact matches a
 *   list text containing "undefined"). A list value that is neither array nor text makes the
 *   engine throw on every run, so it is refused here at compile time.
 * - The engine deep-copies the rule's conditions for every evaluation, so an object or array
 *   written as a value (or inside an "in" list) is never === a fact's value, even the same object.
 * - An empty "all" AND an empty "any" both hold (the engine answers `true` before looking).
 * - `value: { fact: "x" }` compares with fact x's value, `undefined` when x is missing: so
 *   "equal" holds when BOTH facts are missing, "notEqual" when one is.
 * - "in"/"notIn" against another fact throws in the engine unless that fact's value is a list
 *   or a text (e.g. when it is a number or missing). The engine evaluates every leaf of the tree
 *   (Promise.all over each group, no short-circuit), so one throwing leaf anywhere fails the whole
 *   run; the compiled rule throws a RuleEvaluationError in exactly those cases.
 * - A node with both "any" and "all" is an "any" (the engine looks for "any" first); "not" may
 *   also be the root.
 * - Facts are looked up as the engine's for…in copy would: a fact named like an Object.prototype
 *   member ("constructor", "toString", "__proto__") is missing unless the facts object has it.
 *
 * Facts must be plain data (what computeFacts or JSON produce): the engine would call a function
 * value as a dynamic fact, and refuses a facts object with an empty-string key.
 * Not supported (refused with an Error at compile time): condition references, `path`
 * (JSONPath into a fact), decorated or custom operators. `priority` and `name` are ignored: they
 * only change the order in which the engine evaluates, not the answer.
 */

export type Facts = Readonly<Record<string, unknown>>;
export type Predicate = (facts: Facts) => boolean;
export type ValueTest = (value: unknown) => boolean;

export type CompiledNode =
  | { kind: "all" | "any"; path: string; children: CompiledNode[]; test: Predicate }
  | { kind: "not"; path: string; child: CompiledNode; test: Predicate }
  | {
      kind: "leaf";
      path: string;
      fact: string;
      operator: Operator;
      /** The condition's value as written (a literal, or `{ fact }` for fact-to-fact). */
      value: unknown;
      /** For fact-to-fact comparisons, the other fact. */
      otherFact?: string;
      /** Reads the fact as the engine sees it. */
      read: (facts: Facts) => unknown;
      /** For literal values: whether the leaf holds for a fact value (test = valueTest ∘ read). */
      valueTest: ValueTest | null;
      test: Predicate;
    };

export interface CompiledRule {
  root: CompiledNode;
  /**
   * Throws when the engine would throw for these facts ("in"/"notIn" against another fact whose
   * value is neither a list nor a text). Null when the rule has no such leaf.
   */
  guard: ((facts: Facts) => void) | null;
}

/** The engine would reject this evaluation (its run() promise rejects). */
export class RuleEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RuleEvaluationError";
  }
}

/** Compiles a rule into a fast synchronous predicate with json-rules-engine's semantics. */
export function compileConditions(rule: TopCondition): Predicate {
  const { root, guard } = compileRule(rule);
  const test = root.test;
  if (!guard) return test;
  return (facts) => {
    guard(facts);
    return test(facts);
  };
}

/** The compiled tree, for explanations: every node with its own predicate. */
export function compileRule(rule: unknown): CompiledRule {
  if (!isObject(rule) || !(hasOwn(rule, "all") || hasOwn(rule, "any") || hasOwn(rule, "not") || hasOwn(rule, "condition"))) {
    throw new Error('"conditions" root must contain a single instance of "all", "any", "not", or "condition"');
  }
  const risky: { other: (facts: Facts) => unknown; otherFact: string; path: string }[] = [];
  const root = compileNode(rule, "", risky);
  let guard: CompiledRule["guard"] = null;
  if (risky.length) {
    guard = (facts) => {
      for (const r of risky) {
        const list = r.other(facts);
        if (!hasIndexOf(list)) {
          throw new RuleEvaluationError(`${r.path || "(root)"}: 比较对象“${r.otherFact}”的值不是列表或文字，json-rules-engine 无法计算“in/notIn”`);
        }
      }
    };
  }
  return { root, guard };
}

/**
 * A fact's value as the engine sees it: runtime facts are copied with for…in, so only enumerable
 * properties count; a key that is not a string never matches one of them.
 */
export function factReader(key: unknown): (facts: Facts) => unknown {
  if (typeof key !== "string") return readNothing;
  // One reader per name, so a reader identifies the fact (batch-match.ts reads each into one column).
  let read = readers.get(key);
  if (read) return read;
  if (key in Object.prototype) {
    // "constructor", "__proto__"…: reading facts[key] would find Object.prototype's member.
    read = (facts) => {
      for (const k in facts) if (k === key) return facts[k];
      return undefined;
    };
  } else read = (facts) => facts[key];
  readers.set(key, read);
  return read;
}

const readNothing = () => undefined;
const readers = new Map<string, (facts: Facts) => unknown>();

const NUMERIC: ReadonlySet<string> = new Set(["lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive"]);
const KNOWN: ReadonlySet<string> = new Set(["equal", "notEqual", "in", "notIn", "contains", "doesNotContain", ...NUMERIC]);

/** Above this many entries an "in" list is looked up in a Set (identical answers, see below). */
const SET_THRESHOLD = 8;

function compileNode(node: unknown, path: string, risky: { other: (facts: Facts) => unknown; otherFact: string; path: string }[]): CompiledNode {
  const at = (suffix: string) => (path ? `${path}.${suffix}` : suffix);
  if (!isObject(node)) throw new Error(`${path || "(root)"}: condition must be an object`);
  // Same precedence as json-rules-engine's Condition.booleanOperator: any, then all, then not.
  const kind = hasOwn(node, "any") ? "any" : hasOwn(node, "all") ? "all" : hasOwn(node, "not") ? "not" : null;
  if (kind === "any" || kind === "all") {
    const list = node[kind];
    if (!Array.isArray(list)) throw new Error(`${at(kind)}: "${kind}" must be an array`);
    const children = list.map((c, i) => compileNode(c, at(`${kind}[${i}]`), risky));
    return { kind, path, children, test: kind === "all" ? allOf(children.map((c) => c.test)) : anyOf(children.map((c) => c.test)) };
  }
  if (kind === "not") {
    if (Array.isArray(node.not)) throw new Error(`${at("not")}: "not" cannot be an array`);
    const child = compileNode(node.not, at("not"), risky);
    const inner = child.test;
    return { kind, path, child, test: (facts) => !inner(facts) };
  }
  if (hasOwn(node, "condition")) throw new Error(`${path || "(root)"}: condition references are not supported`);
  for (const k of ["fact", "operator", "value"]) {
    if (!hasOwn(node, k)) throw new Error(`${path || "(root)"}: Condition: constructor "${k}" property required`);
  }
  if (node.path) throw new Error(`${path || "(root)"}: "path" is not supported`);
  const operator = node.operator;
  if (typeof operator !== "string" || !KNOWN.has(operator)) {
    // The engine evaluates every leaf on every run, so an unknown operator fails every run.
    throw new Error(`${path || "(root)"}: Unknown operator: ${String(operator)}`);
  }
  const value = node.value;
  const read = factReader(node.fact);
  const isRef = value != null && typeof value === "object" && hasOwn(value, "fact");
  if (isRef && (value as Record<string, unknown>).path) throw new Error(`${path || "(root)"}: "path" is not supported`);
  const otherFact = isRef ? (value as { fact: unknown }).fact : undefined;
  const valueTest = isRef ? null : compareLiteral(operator as Operator, value, path);
  const test: Predicate = valueTest ? (facts) => valueTest(read(facts)) : compareFacts(operator as Operator, read, factReader(otherFact));
  if (isRef && (operator === "in" || operator === "notIn")) risky.push({ other: factReader(otherFact), otherFact: String(otherFact), path });
  return { kind: "leaf", path, fact: String(node.fact), operator: operator as Operator, value, otherFact: isRef ? String(otherFact) : undefined, read, valueTest, test };
}

function allOf(tests: Predicate[]): Predicate {
  // Empty "all" holds; a single child is the child itself (so does the engine).
  switch (tests.length) {
    case 0:
      return () => true;
    case 1:
      return tests[0];
    case 2: {
      const [a, b] = tests;
      return (f) => a(f) && b(f);
    }
    case 3: {
      const [a, b, c] = tests;
      return (f) => a(f) && b(f) && c(f);
    }
    default:
      return (f) => {
        for (let i = 0; i < tests.length; i++) if (!tests[i](f)) return false;
        return true;
      };
  }
}

function anyOf(tests: Predicate[]): Predicate {
  switch (tests.length) {
    case 0:
      return () => true; // json-rules-engine: an empty "any" holds, like an empty "all"
    case 1:
      return tests[0];
    case 2: {
      const [a, b] = tests;
      return (f) => a(f) || b(f);
    }
    case 3: {
      const [a, b, c] = tests;
      return (f) => a(f) || b(f) || c(f);
    }
    default:
      return (f) => {
        for (let i = 0; i < tests.length; i++) if (tests[i](f)) return true;
        return false;
      };
  }
}

/** json-rules-engine's numberValidator, verbatim; numbers take the fast path (valid unless NaN). */
function numeric(a: unknown): boolean {
  return Number.parseFloat(a as string).toString() !== "NaN";
}

// `any` below: the engine compares raw values with JS operators, coercion included.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * A literal comparison as a test of the fact's value (what the leaf holds for, given the value
 * read): the per-company predicate reads the fact and calls it; batch-match.ts calls it on a
 * column of values, so both decide with the same code.
 */
function compareLiteral(operator: Operator, v: any, path: string): ValueTest {
  // The engine deep-copies a rule's conditions on every evaluation, so an object or array written
  // in the rule is never the very object a fact holds: === with it is always false.
  const copied = typeof v === "object" && v !== null;
  switch (operator) {
    case "equal":
      return copied ? () => false : (a) => a === v;
    case "notEqual":
      return copied ? () => true : (a) => a !== v;
    // For a number a, the validator passes unless a is NaN, and NaN compares false anyway.
    case "lessThan":
      return (a: any) => (typeof a === "number" ? a < v : a !== undefined && numeric(a) && a < v);
    case "lessThanInclusive":
      return (a: any) => (typeof a === "number" ? a <= v : a !== undefined && numeric(a) && a <= v);
    case "greaterThan":
      return (a: any) => (typeof a === "number" ? a > v : a !== undefined && numeric(a) && a > v);
    case "greaterThanInclusive":
      return (a: any) => (typeof a === "number" ? a >= v : a !== undefined && numeric(a) && a >= v);
    case "in":
    case "notIn": {
      const has = membership(v, path);
      return operator === "in" ? has : (a) => !has(a);
    }
    case "contains":
      if (copied) return () => false;
      return (a) => Array.isArray(a) && a.indexOf(v) > -1;
    case "doesNotContain":
      if (copied) return (a) => Array.isArray(a);
      return (a) => Array.isArray(a) && a.indexOf(v) === -1;
  }
}

/** `list.indexOf(x) > -1` for a literal list, precomputed. */
function membership(list: any, path: string): (x: unknown) => boolean {
  if (typeof list === "string") return (x) => list.indexOf(x as string) > -1; // text search, coercing x
  if (!Array.isArray(list)) throw new Error(`${path || "(root)"}: "in"/"notIn" needs a list (json-rules-engine: b.indexOf is not a function)`);
  // Entries indexOf can find: not NaN (never === itself), not objects (the engine's copy of the
  // rule is never === a fact's value, see compareLiteral); filter skips holes, as indexOf does.
  const items = list.filter((x) => x === x && (typeof x !== "object" || x === null));
  if (items.length <= SET_THRESHOLD) return (x) => items.indexOf(x) > -1;
  // A Set finds what indexOf finds (SameValueZero = strict equality once NaN is gone; +0 = -0).
  const set = new Set<unknown>(items);
  return (x) => set.has(x);
}

function compareFacts(operator: Operator, read: (f: Facts) => unknown, other: (f: Facts) => unknown): Predicate {
  switch (operator) {
    case "equal":
      return (f) => read(f) === other(f);
    case "notEqual":
      return (f) => read(f) !== other(f);
    case "lessThan":
      return (f) => {
        const a: any = read(f);
        return (typeof a === "number" || (a !== undefined && numeric(a))) && a < (other(f) as any);
      };
    case "lessThanInclusive":
      return (f) => {
        const a: any = read(f);
        return (typeof a === "number" || (a !== undefined && numeric(a))) && a <= (other(f) as any);
      };
    case "greaterThan":
      return (f) => {
        const a: any = read(f);
        return (typeof a === "number" || (a !== undefined && numeric(a))) && a > (other(f) as any);
      };
    case "greaterThanInclusive":
      return (f) => {
        const a: any = read(f);
        return (typeof a === "number" || (a !== undefined && numeric(a))) && a >= (other(f) as any);
      };
    case "in":
    case "notIn":
      return (f) => {
        const list: any = other(f);
        if (!hasIndexOf(list)) throw new RuleEvaluationError("json-rules-engine: b.indexOf is not a function");
        const found = list.indexOf(read(f)) > -1;
        return operator === "in" ? found : !found;
      };
    case "contains":
      return (f) => {
        const a = read(f);
        return Array.isArray(a) && a.indexOf(other(f)) > -1;
      };
    case "doesNotContain":
      return (f) => {
        const a = read(f);
        return Array.isArray(a) && a.indexOf(other(f)) === -1;
      };
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Whether `x.indexOf(…)` can be called (the engine's "in" calls it on the list). */
function hasIndexOf(x: unknown): boolean {
  return x != null && typeof (x as { indexOf?: unknown }).indexOf === "function";
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}
