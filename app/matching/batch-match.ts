import { benefitAmount } from "~/rules/benefit";
import { compileRule, type CompiledNode, type Facts, type ValueTest } from "./compile";
import { outcomesOf, type LiveClause, type Outcome } from "./match-company";

/**
 * A batch of companies against the clauses, clause by clause: a match run's inner loop. For each
 * clause, its conditions are evaluated over the companies still in play, one condition at a time
 * over a column of that fact's values (read once per batch), instead of one company's whole tree
 * at a time. The answer is matchCompany's for every company (batch-match.test.ts compares them on
 * random rules and odd values), because each condition is decided by the very test the per-company
 * predicate calls (compile.ts's valueTest); only the order of work differs:
 *   - one loop calls one test thousands of times, where the per-company tree made a call through
 *     a different closure at every node (measured: the tree walk was most of a full run's deciding);
 *   - an "all" evaluates its conditions on the companies its earlier ones kept, lookups (equal,
 *     in, contains) first. Conditions without a guard never throw, so order cannot change a result.
 * A clause with a guard (in/notIn against another fact, which can throw as the engine does) and
 * fact-to-fact conditions are decided by their per-company predicate, in the companies' order.
 */
type Step =
  | { kind: "all" | "any"; children: Step[] }
  | { kind: "not"; child: Step }
  | {
      kind: "column";
      column: number;
      test: ValueTest;
      /** Numeric comparisons: the operator and literal, compared inline for numbers (the test's own first branch). */
      compare: Compare | null;
      /** Lookups (equal, in, contains a literal): the values under which the companies it holds for are filed. */
      keys: KeySet | null;
    }
  | { kind: "each"; test: (facts: Facts) => boolean };

/** A lookup's keys, one object for all conditions of a clause list that look up the same. */
interface KeySet {
  /** Index into a batch's cached lookups. */
  id: number;
  column: number;
  mode: "value" | "contains";
  values: unknown[];
}

interface Plan {
  root: Step;
  /** Facts read by column steps, by column number. */
  readers: ((facts: Facts) => unknown)[];
  /** Number of distinct key sets. */
  keySets: number;
}

const plans = new WeakMap<readonly LiveClause[], Plan[]>();

function plansOf(clauses: readonly LiveClause[]): Plan[] {
  let list = plans.get(clauses);
  if (!list || list.length !== clauses.length) {
    // Columns are shared by every clause of the list: one per fact.
    const columns = new Map<(facts: Facts) => unknown, number>();
    const readers: ((facts: Facts) => unknown)[] = [];
    const keySets = new Map<string, KeySet>();
    const context: Context = {
      // compile.ts's factReader gives one reader per fact: it names the column.
      columnOf: (read) => {
        let n = columns.get(read);
        if (n === undefined) columns.set(read, (n = readers.push(read) - 1));
        return n;
      },
      keysOf: (column, operator, value) => {
        const keys = keysOf(operator, value);
        if (!keys) return null;
        // Keys are primitives: type and text tell them apart (+0 and -0 are one key, as in a Map);
        // JSON keeps any text from reading as two keys.
        const name = JSON.stringify([column, keys.mode, keys.values.map((k) => [typeof k, String(k)]).sort()]);
        let set = keySets.get(name);
        if (!set) keySets.set(name, (set = { id: keySets.size, column, ...keys }));
        return set;
      },
    };
    const roots = clauses.map((c): Step => {
      const { root, guard } = compileRule(c.conditions);
      return guard ? { kind: "each", test: c.predicate } : stepOf(root, context);
    });
    list = roots.map((root) => ({ root, readers, keySets: keySets.size }));
    plans.set(clauses, list);
  }
  return list;
}

type Compare = { op: "lessThan" | "lessThanInclusive" | "greaterThan" | "greaterThanInclusive"; v: number };
const NUMERIC: ReadonlySet<string> = new Set(["lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive"]);

/** Lookups first in an "all": they keep the fewest companies. */
const LOOKUP: ReadonlySet<string> = new Set(["equal", "in", "contains"]);

interface Context {
  columnOf: (read: (facts: Facts) => unknown) => number;
  keysOf: (column: number, operator: string, value: unknown) => KeySet | null;
}

function stepOf(node: CompiledNode, context: Context): Step {
  switch (node.kind) {
    case "all": {
      const rank = (n: CompiledNode) => (n.kind !== "leaf" ? 2 : LOOKUP.has(n.operator) && n.valueTest ? 0 : 1);
      const children = [...node.children].sort((a, b) => rank(a) - rank(b)); // stable: the rule's order otherwise
      return { kind: "all", children: children.map((c) => stepOf(c, context)) };
    }
    case "any":
      return { kind: "any", children: node.children.map((c) => stepOf(c, context)) };
    case "not":
      return { kind: "not", child: stepOf(node.child, context) };
    case "leaf":
      // A fact is read once per company and batch, into its column.
      if (node.valueTest) {
        const column = context.columnOf(node.read);
        return {
          kind: "column", column, test: node.valueTest,
          compare: NUMERIC.has(node.operator) && typeof node.value === "number" ? { op: node.operator as Compare["op"], v: node.value } : null,
          keys: context.keysOf(column, node.operator, node.value),
        };
      }
      return { kind: "each", test: node.test };
  }
}

/**
 * The keys of a lookup: the values it can hold for. Objects are left out (never === a fact's value:
 * the engine copies the rule) and so is NaN (never === itself); for the other values a Map
 * (SameValueZero) finds exactly what === finds, so a lookup is the test's answer. A list written as
 * text ("in" as a substring search) is not a lookup.
 */
function keysOf(operator: string, value: unknown): Pick<KeySet, "mode" | "values"> | null {
  const plain = (x: unknown) => (typeof x !== "object" || x === null) && x === x;
  if (operator === "equal" && plain(value)) return { mode: "value", values: [value] };
  if (operator === "in" && Array.isArray(value)) return { mode: "value", values: [...new Set(value.filter(plain))] };
  if (operator === "contains" && plain(value)) return { mode: "contains", values: [value] };
  return null;
}

/**
 * Each company's outcomes (as matchCompany gives them), in the batch's order. Throws when
 * matchCompany would throw for one of the companies.
 */
export function matchBatch(clauses: readonly LiveClause[], facts: readonly Facts[], on: string): Outcome[][] {
  const list = plansOf(clauses);
  const n = facts.length;
  const qualifiedBy: number[][] = Array.from({ length: n }, () => []);
  if (list.length) {
    const readers = list[0].readers;
    const batch: Batch = {
      facts,
      everyone: Array.from({ length: n }, (_, i) => i),
      columns: readers.map((read) => facts.map((f) => read(f))),
      lookups: readers.map(() => ({})),
      found: new Array(list[0].keySets),
      marks: new Uint8Array(n),
    };
    for (let c = 0; c < list.length; c++) {
      const holds = evaluate(list[c].root, batch.everyone, batch);
      for (let k = 0; k < holds.length; k++) qualifiedBy[holds[k]].push(c);
    }
  }
  return qualifiedBy.map((indices, i) =>
    outcomesOf(indices.map((c) => ({ clause: clauses[c], amount: benefitAmount(clauses[c].benefit, facts[i] as Record<string, unknown>, on) }))),
  );
}

interface Batch {
  facts: readonly Facts[];
  /** 0 … n-1: the companies before any condition. */
  everyone: number[];
  /** Each column's values, one per company. */
  columns: unknown[][];
  /** Per column, built when first needed: value → companies holding it (or, for "contains", an element of it). */
  lookups: { value?: Map<unknown, number[]>; contains?: Map<unknown, number[]> }[];
  /** Per key set, built when first needed: the companies filed under its keys, ascending. */
  found: (number[] | undefined)[];
  /** Scratch marks for "any", "not" and lookups, cleared after use. */
  marks: Uint8Array;
}

type Column = Extract<Step, { kind: "column" }>;

/** The companies a lookup holds for, ascending: those filed under its keys. */
function lookup(keys: KeySet, batch: Batch): number[] {
  const cached = batch.found[keys.id];
  if (cached) return cached;
  const cache = batch.lookups[keys.column];
  let map = cache[keys.mode];
  if (!map) {
    map = cache[keys.mode] = new Map();
    const values = batch.columns[keys.column];
    for (let i = 0; i < values.length; i++) {
      const a = values[i];
      if (keys.mode === "value") file(map, a, i);
      // contains is Array.isArray(a) && a.indexOf(key) > -1: indexOf skips holes.
      else if (Array.isArray(a)) for (let e = 0; e < a.length; e++) if (e in a) file(map, a[e], i);
    }
  }
  let out: number[];
  if (keys.values.length === 1) out = map.get(keys.values[0]) ?? [];
  else {
    // Marked, then collected in order (lists of different keys never overlap in "value" mode, but
    // marks need no such argument).
    const marks = batch.marks;
    for (const k of keys.values) {
      const list = map.get(k);
      if (list) for (let j = 0; j < list.length; j++) marks[list[j]] = 1;
    }
    out = [];
    for (let i = 0; i < marks.length; i++) if (marks[i]) (out.push(i), (marks[i] = 0));
  }
  batch.found[keys.id] = out;
  return out;
}

function file(map: Map<unknown, number[]>, key: unknown, i: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
}

/** The companies of `among` (ascending) for which the step holds, ascending. */
function evaluate(step: Step, among: number[], batch: Batch): number[] {
  switch (step.kind) {
    case "column": {
      // Over the whole batch a lookup finds exactly the companies the test would keep.
      return step.keys && among === batch.everyone ? lookup(step.keys, batch) : filterColumn(step, batch.columns[step.column], among);
    }
    case "each": {
      const test = step.test;
      const out: number[] = [];
      for (let k = 0; k < among.length; k++) if (test(batch.facts[among[k]])) out.push(among[k]);
      return out;
    }
    case "all": {
      // An empty "all" holds (as in the engine). Over the whole batch, the lookup that finds the
      // fewest companies goes first.
      const children = among === batch.everyone ? narrowestFirst(step.children, batch) : step.children;
      let kept = among;
      for (let j = 0; j < children.length && kept.length; j++) kept = evaluate(children[j], kept, batch);
      return kept;
    }
    case "any": {
      if (!step.children.length) return among; // an empty "any" holds too
      // Each child decides only the companies no earlier child has found; marks are cleared on the way out.
      const marks = batch.marks;
      let open = among;
      const found: number[] = [];
      for (let j = 0; j < step.children.length && open.length; j++) {
        const hits = evaluate(step.children[j], open, batch);
        if (!hits.length) continue;
        for (let k = 0; k < hits.length; k++) (marks[hits[k]] = 1), found.push(hits[k]);
        open = open.filter((i) => !marks[i]);
      }
      for (let k = 0; k < found.length; k++) marks[found[k]] = 0;
      return found.sort((a, b) => a - b);
    }
    case "not": {
      const hits = evaluate(step.child, among, batch);
      if (!hits.length) return among;
      const marks = batch.marks;
      for (let k = 0; k < hits.length; k++) marks[hits[k]] = 1;
      const out = among.filter((i) => !marks[i]);
      for (let k = 0; k < hits.length; k++) marks[hits[k]] = 0;
      return out;
    }
  }
}

function narrowestFirst(children: Step[], batch: Batch): Step[] {
  let best = -1;
  let size = Infinity;
  for (let j = 0; j < children.length; j++) {
    const c = children[j];
    if (c.kind !== "column" || !c.keys) continue;
    const found = lookup(c.keys, batch).length;
    if (found < size) (best = j), (size = found);
  }
  return best <= 0 ? children : [children[best], ...children.slice(0, best), ...children.slice(best + 1)];
}

/**
 * The companies of `among` whose value passes the test. Numbers meet numeric comparisons inline
 * (the test's own first branch, without a call); every other value goes through the test.
 */
function filterColumn(step: Column, values: unknown[], among: number[]): number[] {
  const test = step.test;
  const out: number[] = [];
  const compare = step.compare;
  if (!compare) {
    for (let k = 0; k < among.length; k++) if (test(values[among[k]])) out.push(among[k]);
    return out;
  }
  const v = compare.v;
  switch (compare.op) {
    case "lessThan":
      for (let k = 0; k < among.length; k++) {
        const a = values[among[k]];
        if (typeof a === "number" ? a < v : test(a)) out.push(among[k]);
      }
      break;
    case "lessThanInclusive":
      for (let k = 0; k < among.length; k++) {
        const a = values[among[k]];
        if (typeof a === "number" ? a <= v : test(a)) out.push(among[k]);
      }
      break;
    case "greaterThan":
      for (let k = 0; k < among.length; k++) {
        const a = values[among[k]];
        if (typeof a === "number" ? a > v : test(a)) out.push(among[k]);
      }
      break;
    case "greaterThanInclusive":
      for (let k = 0; k < among.length; k++) {
        const a = values[among[k]];
        if (typeof a === "number" ? a >= v : test(a)) out.push(among[k]);
      }
      break;
  }
  return out;
}
