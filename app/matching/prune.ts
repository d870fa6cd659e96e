import { compileRule, factReader, type Facts } from "./compile";

/**
 * Candidate pruning for matching many companies against many clauses: most clauses target a
 * district, a qualification, a size or an industry, so a company can only meet the few whose
 * target it has. For each clause whose root is an "all" group (nested "all" groups included) one
 * necessary leaf that can be looked up is chosen, its "key leaf":
 *   - `equal` a literal value other than an object: holds only when fact === value;
 *   - `in` a literal array: holds only when the fact === one of the array's entries;
 *   - `contains` a literal value other than an object: holds only when the fact is an array
 *     with an element === value.
 * The index maps each such fact to (value → clauses). A company's candidates are the clauses
 * without a key leaf plus those found under its own value of each indexed fact (or, for
 * `contains`, under each element of its array). The compiled predicate still decides every
 * candidate, so the index only has to over-approximate: whatever it adds is decided false by
 * the predicate, and it never leaves out a clause whose key leaf holds. Why that is so, quirk by
 * quirk (see compile.ts; the compiled predicate, not the engine, is what must be covered):
 *   - Map keys use SameValueZero: +0 and -0 are one key (=== agrees), NaN finds NaN (=== never
 *     does, so a NaN entry only adds candidates the predicate rejects).
 *   - A missing fact reads as `undefined` and is looked up as such: `equal undefined` or an "in"
 *     list holding undefined finds it. Facts are read with compile.ts's own factReader, so a fact
 *     named "constructor" or "__proto__" is read exactly as the predicate reads it.
 *   - An "in" written as a text ("410172,410105") is a substring search, not membership: never
 *     a key leaf. Objects and arrays inside a list, or as an equal/contains value, are never ===
 *     a fact (the engine copies the rule), so they are left out of the keys / not key leaves.
 *   - `contains` on a fact that is not an array never holds: such a company finds nothing under
 *     that fact. Holes in a company's array read as undefined: at worst an extra candidate.
 *   - Fact-to-fact comparisons (`value: { fact }`), "any", "not", and a node with both "any" and
 *     "all" (an "any", as in the engine) have no key leaf; an empty "all" holds, so a rule with
 *     no leaf at all is always a candidate.
 *   - A clause whose compiled rule has a guard (in/notIn against another fact) can throw, and
 *     the engine evaluates every leaf: pruning it would hide the throw, so it is always a
 *     candidate. No other leaf throws on plain data (what computeFacts and JSON produce).
 * Candidates keep the clauses' original order (exclusivity ties depend on it).
 */

export type KeyMode = "value" | "contains";

export interface KeyLeaf {
  fact: string;
  /** "value": the fact itself is looked up (equal, in); "contains": each element of the fact. */
  mode: KeyMode;
  /** Values under which the clause is filed (a superset of those that can make the leaf hold). */
  keys: unknown[];
}

interface Bucket {
  fact: string;
  mode: KeyMode;
  read: (facts: Facts) => unknown;
  map: Map<unknown, number[]>;
}

export interface PruneIndex {
  /** Number of clauses indexed; candidates are indices into the same list. */
  readonly size: number;
  /** Clauses evaluated for every company (no key leaf, a guard, or an "any"/"not" root). */
  readonly always: readonly number[];
  readonly buckets: readonly Bucket[];
  /** Scratch marks (one per clause), reused across calls: candidates() is synchronous. */
  readonly marks: Uint8Array;
}

/** Key leaf candidates of a rule: the necessary leaves that can be looked up (none for any/not roots). */
export function keyLeaves(rule: unknown): KeyLeaf[] {
  const out: KeyLeaf[] = [];
  collect(rule, out);
  return out;
}

function collect(node: unknown, out: KeyLeaf[]): void {
  if (!isObject(node)) return;
  // compile.ts's precedence: any, then all, then not. Only "all" children are each necessary.
  if (hasOwn(node, "any")) return;
  if (hasOwn(node, "all")) {
    const list = node.all;
    if (Array.isArray(list)) for (const child of list) collect(child, out);
    return;
  }
  if (hasOwn(node, "not") || hasOwn(node, "condition")) return;
  const fact = node.fact;
  if (typeof fact !== "string" || node.path) return; // a fact that is not a string is never read
  const value = node.value;
  if (isObject(value) && (!Array.isArray(value) || hasOwn(value, "fact"))) return; // fact-to-fact, or an object never ===
  switch (node.operator) {
    case "equal":
      if (Array.isArray(value)) return; // copied by the engine: never === a fact
      out.push({ fact, mode: "value", keys: [value] });
      return;
    case "in":
      // A text is searched as text (never a key leaf); an array's objects are never found.
      if (!Array.isArray(value)) return;
      out.push({ fact, mode: "value", keys: dedupe(value.filter((x) => !isObject(x))) });
      return;
    case "contains":
      if (Array.isArray(value)) return;
      out.push({ fact, mode: "contains", keys: [value] });
      return;
  }
}

function dedupe(values: unknown[]): unknown[] {
  return [...new Set(values)];
}

/**
 * Chooses each clause's key leaf and builds the index. `rules` are the clauses' conditions, in
 * the clauses' order. The most selective leaf is the one whose keys cover the smallest share
 * of companies; without data that share is estimated from the clause set itself: a leaf's keys
 * out of the distinct values all clauses look up on that fact (two at least, as for booleans).
 * `share`, when given (e.g. measured on a sample of companies), replaces the estimate.
 */
export function buildPruneIndex(rules: readonly unknown[], share?: (leaf: KeyLeaf) => number): PruneIndex {
  const leavesOf: (KeyLeaf[] | null)[] = rules.map((rule) => {
    try {
      if (compileRule(rule).guard) return null; // may throw: always evaluated
    } catch {
      return null; // refused at compile time: leave the decision (and the error) to the predicate
    }
    const leaves = keyLeaves(rule);
    return leaves.length ? leaves : null;
  });
  const distinct = new Map<string, Set<unknown>>();
  for (const leaves of leavesOf) {
    for (const l of leaves ?? []) {
      const id = `${l.mode}:${l.fact}`;
      const set = distinct.get(id) ?? distinct.set(id, new Set()).get(id)!;
      for (const k of l.keys) set.add(k);
    }
  }
  const estimate = share ?? ((l: KeyLeaf) => l.keys.length / Math.max(2, distinct.get(`${l.mode}:${l.fact}`)!.size));

  const always: number[] = [];
  const buckets = new Map<string, Bucket>();
  leavesOf.forEach((leaves, i) => {
    if (!leaves) return void always.push(i);
    let best = leaves[0];
    let bestShare = estimate(best);
    for (let j = 1; j < leaves.length; j++) {
      const s = estimate(leaves[j]);
      if (s < bestShare) (best = leaves[j]), (bestShare = s);
    }
    const id = `${best.mode}:${best.fact}`;
    const bucket = buckets.get(id) ?? buckets.set(id, { fact: best.fact, mode: best.mode, read: factReader(best.fact), map: new Map() }).get(id)!;
    for (const k of best.keys) {
      const list = bucket.map.get(k) ?? bucket.map.set(k, []).get(k)!;
      if (list[list.length - 1] !== i) list.push(i);
    }
  });
  return { size: rules.length, always, buckets: [...buckets.values()], marks: new Uint8Array(rules.length) };
}

/** Indices (ascending, i.e. in the clauses' order) of the clauses that can hold for these facts. */
export function candidates(index: PruneIndex, facts: Facts): number[] {
  const { marks, buckets, always } = index;
  for (let i = 0; i < always.length; i++) marks[always[i]] = 1;
  for (let b = 0; b < buckets.length; b++) {
    const bucket = buckets[b];
    const value = bucket.read(facts);
    if (bucket.mode === "value") mark(marks, bucket.map.get(value));
    else if (Array.isArray(value)) for (let e = 0; e < value.length; e++) mark(marks, bucket.map.get(value[e]));
  }
  const out: number[] = [];
  for (let i = 0; i < marks.length; i++) {
    if (marks[i]) {
      out.push(i);
      marks[i] = 0;
    }
  }
  return out;
}

function mark(marks: Uint8Array, list: number[] | undefined): void {
  if (list) for (let i = 0; i < list.length; i++) marks[list[i]] = 1;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}
