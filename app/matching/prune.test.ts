// The candidate index (prune.ts) must only ever over-approximate: matchCompany with it returns
// exactly what evaluating every clause returns. Quirk by quirk below, then a differential run over
// the seed policies' clauses plus random rules on random companies (odd values included).
// Reproduce with PRUNE_SEED=<seed> (printed).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { FACTS, type FactDefinition } from "~/companies/facts";
import { DISTRICT_NAMES } from "~/grids/districts";
import { conditionsOf, readPolicyFile, type BenefitSpec } from "~/policies/policy-file";
import type { TopCondition } from "~/rules/conditions";
import { compileConditions, compileRule, RuleEvaluationError } from "./compile";
import { matchCompany, matchCompanyUnpruned, pruneIndexOf, type LiveClause, type Outcome } from "./match-company";
import { buildPruneIndex, candidates, keyLeaves } from "./prune";

type Facts = Record<string, unknown>;
const SEED = Number(process.env.PRUNE_SEED ?? 20261123);
const ON = "2026-06-30";

// ---------- unit: each quirk keeps the index a superset ----------

const leaf = (fact: string, operator: string, value: unknown) => ({ fact, operator, value });
const all = (...c: unknown[]) => ({ all: c });

/** Whether the clause is a candidate for these facts; fails if it holds without being one. */
function candidate(rule: unknown, facts: Facts): boolean {
  const index = buildPruneIndex([rule]);
  const found = candidates(index, facts).includes(0);
  let holds: boolean | "throws";
  try {
    holds = compileConditions(rule as TopCondition)(facts);
  } catch {
    holds = "throws";
  }
  if (holds !== false) expect(found, `${inspect(rule, { depth: null })} on ${inspect(facts)}: ${holds} but not a candidate`).toBe(true);
  return found;
}

describe("prune: the index over-approximates every quirk", () => {
  it("equal and in find the company's value; other values are pruned", () => {
    expect(candidate(all(leaf("d", "equal", "410172")), { d: "410172" })).toBe(true);
    expect(candidate(all(leaf("d", "equal", "410172")), { d: "410105" })).toBe(false);
    expect(candidate(all(leaf("d", "in", ["410172", "410105"])), { d: "410105" })).toBe(true);
    expect(candidate(all(leaf("d", "in", ["410172", "410105"])), { d: 410105 })).toBe(false); // strict
    expect(candidate(all(leaf("d", "in", [])), { d: "x" })).toBe(false); // never holds
    // nested all-groups: any leaf of them is necessary
    expect(candidate(all(leaf("n", "greaterThan", 1), all(leaf("d", "equal", "a"))), { n: 5, d: "b" })).toBe(false);
    expect(candidate(all(leaf("n", "greaterThan", 1), all(leaf("d", "equal", "a"))), { n: 5, d: "a" })).toBe(true);
  });

  it("NaN: never === itself; a NaN key only adds candidates", () => {
    expect(candidate(all(leaf("x", "equal", NaN)), { x: NaN })).toBe(true); // candidate, predicate false
    expect(compileConditions(all(leaf("x", "equal", NaN)) as TopCondition)({ x: NaN })).toBe(false);
    expect(candidate(all(leaf("x", "in", [NaN, 5])), { x: 5 })).toBe(true);
    expect(candidate(all(leaf("x", "in", [NaN, 5])), { x: NaN })).toBe(true);
    expect(candidate(all(leaf("x", "contains", NaN)), { x: [NaN] })).toBe(true);
    expect(candidate(all(leaf("x", "equal", 5)), { x: NaN })).toBe(false);
  });

  it("-0 and +0 are one key, as === has them", () => {
    expect(candidate(all(leaf("x", "equal", -0)), { x: 0 })).toBe(true);
    expect(candidate(all(leaf("x", "equal", 0)), { x: -0 })).toBe(true);
    expect(candidate(all(leaf("x", "in", [-0, 7])), { x: 0 })).toBe(true);
    expect(candidate(all(leaf("x", "contains", 0)), { x: [1, -0] })).toBe(true);
  });

  it("a missing fact is looked up as undefined", () => {
    expect(candidate(all(leaf("x", "equal", undefined)), {})).toBe(true);
    expect(candidate(all(leaf("x", "in", ["a", undefined])), {})).toBe(true);
    expect(candidate(all(leaf("x", "in", ["a", null])), { x: null })).toBe(true);
    expect(candidate(all(leaf("x", "in", ["a", null])), {})).toBe(false); // undefined !== null
    expect(candidate(all(leaf("x", "equal", "a")), {})).toBe(false);
    // holes in a list are skipped (as indexOf does); holes in a company's array read undefined
    // eslint-disable-next-line no-sparse-arrays
    expect(candidate(all(leaf("x", "in", ["a", , "b"])), {})).toBe(false);
    // eslint-disable-next-line no-sparse-arrays
    expect(candidate(all(leaf("x", "contains", "a")), { x: [, "a"] })).toBe(true);
  });

  it("a text list is a substring search, never a key leaf", () => {
    const rule = all(leaf("d", "in", "410172,410105"));
    expect(keyLeaves(rule)).toEqual([]);
    expect(candidate(rule, { d: "0172" })).toBe(true); // holds: "0172" is in the text
    expect(candidate(all(leaf("d", "in", "xundefinedx")), {})).toBe(true); // a missing fact matches "undefined"
    // the text leaf is skipped; another leaf of the same rule can still be the key
    expect(candidate(all(leaf("d", "in", "410172,410105"), leaf("s", "equal", "LARGE")), { d: "0172", s: "SMALL" })).toBe(false);
  });

  it("contains needs an array fact; doesNotContain is never a key", () => {
    expect(candidate(all(leaf("q", "contains", "HIGH_TECH")), { q: ["TECH_SME", "HIGH_TECH"] })).toBe(true);
    expect(candidate(all(leaf("q", "contains", "HIGH_TECH")), { q: "HIGH_TECH" })).toBe(false); // text, not a list
    expect(candidate(all(leaf("q", "contains", "HIGH_TECH")), { q: { 0: "HIGH_TECH", length: 1 } })).toBe(false);
    expect(candidate(all(leaf("q", "contains", "HIGH_TECH")), {})).toBe(false);
    expect(candidate(all(leaf("q", "doesNotContain", "HIGH_TECH")), { q: [] })).toBe(true);
  });

  it("objects and arrays as values are never === a fact: not key leaves", () => {
    expect(keyLeaves(all(leaf("x", "equal", [1])))).toEqual([]);
    expect(keyLeaves(all(leaf("x", "contains", ["a"])))).toEqual([]);
    expect(keyLeaves(all(leaf("x", "in", [["a"], "b"])))).toEqual([{ fact: "x", mode: "value", keys: ["b"] }]);
    const shared = ["a"];
    expect(candidate(all(leaf("x", "in", [shared, "b"])), { x: shared })).toBe(false); // the engine copies the rule
  });

  it("fact-to-fact, any, not, and any+all nodes have no key leaf", () => {
    expect(keyLeaves(all(leaf("a", "equal", { fact: "b" })))).toEqual([]);
    expect(candidate(all(leaf("a", "equal", { fact: "b" })), {})).toBe(true); // both missing: holds
    expect(keyLeaves({ any: [leaf("a", "equal", 1)] })).toEqual([]);
    expect(keyLeaves({ not: leaf("a", "equal", 1) })).toEqual([]);
    expect(keyLeaves(all({ not: leaf("a", "equal", 1) }))).toEqual([]);
    // "any" wins over "all" in the same node (the engine's precedence)
    expect(keyLeaves({ any: [leaf("a", "equal", 1)], all: [leaf("b", "equal", 2)] })).toEqual([]);
    expect(candidate({ any: [leaf("a", "equal", 1)], all: [leaf("b", "equal", 2)] }, { a: 1 })).toBe(true);
    expect(candidate(all(), {})).toBe(true); // empty all holds
  });

  it("facts named like Object.prototype members are read as the predicate reads them", () => {
    expect(candidate(all(leaf("constructor", "equal", "x")), {})).toBe(false);
    const facts = JSON.parse('{"constructor":"x","__proto__":"y"}') as Facts;
    expect(candidate(all(leaf("constructor", "equal", "x")), facts)).toBe(true);
    expect(candidate(all(leaf("__proto__", "equal", "y")), facts)).toBe(true);
    expect(candidate(all(leaf("toString", "in", [undefined])), {})).toBe(true);
    expect(keyLeaves(all({ fact: 5, operator: "equal", value: 1 }))).toEqual([]); // a fact that is not a string
  });

  it("a clause with a guard is always a candidate, so its throw is never hidden", () => {
    const guarded = all(leaf("d", "equal", "410172"), leaf("n", "in", { fact: "revenue" }));
    expect(keyLeaves(guarded)).toHaveLength(1); // it has a key leaf, but the guard wins
    const index = buildPruneIndex([guarded]);
    expect(index.always).toEqual([0]);
    expect(() => compileConditions(guarded as TopCondition)({ d: "410105", revenue: 5 })).toThrow(RuleEvaluationError);
    const clauses = [liveClause(0, guarded)];
    expect(() => matchCompany(clauses, { d: "410105", revenue: 5 }, ON)).toThrow(RuleEvaluationError);
  });

  it("picks the most selective leaf and keeps the clauses' order", () => {
    const rules = [
      all(leaf("b", "equal", true), leaf("d", "in", ["1", "2"])),
      all(leaf("d", "in", ["3"])),
      { any: [] },
      all(leaf("d", "equal", "4"), leaf("d", "equal", "5")),
      all(leaf("d", "equal", "6")),
    ];
    const index = buildPruneIndex(rules);
    expect(index.buckets.map((b) => b.fact)).toEqual(["d"]); // d (2 of 6 values) beats b (1 of 2)
    expect(candidates(index, { b: false, d: "2" })).toEqual([0, 2]);
    expect(candidates(index, { d: "6" })).toEqual([2, 4]);
    expect(candidates(index, { d: "4" })).toEqual([2, 3]);
    // a measured share replaces the estimate
    const measured = buildPruneIndex(rules, (l) => (l.fact === "b" ? 0.01 : 0.5));
    expect(measured.buckets.map((b) => b.fact)).toEqual(["b", "d"]);
    expect(candidates(measured, { b: true, d: "9" })).toEqual([0, 2]);
  });
});

// ---------- differential: pruned matchCompany = unpruned, on seed clauses and random rules ----------

function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Random = ReturnType<typeof random>;

interface SeedClause {
  conditions: TopCondition;
  benefit: BenefitSpec;
  group: string | null;
  delivery: string;
}

function seedClauses(): SeedClause[] {
  const dir = path.resolve(__dirname, "../../rules");
  const out: SeedClause[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
    const { policy } = readPolicyFile(readFileSync(path.join(dir, file), "utf8"));
    for (const c of policy!.clauses) out.push({ conditions: conditionsOf(c), benefit: c.benefit, group: c.exclusiveGroup ?? null, delivery: c.delivery });
  }
  return out;
}

function liveClause(order: number, conditions: unknown, extra: Partial<SeedClause> = {}): LiveClause {
  const c = conditions as TopCondition;
  return {
    id: `c${order}`, key: `k${order}`, name: `条款 ${order}`, delivery: extra.delivery ?? "免申即享", group: extra.group ?? null,
    policyId: `p${Math.floor(order / 10)}`, policyTitle: `政策 ${Math.floor(order / 10)}`, versionId: `v${Math.floor(order / 10)}`, order,
    conditions: c, predicate: compileConditions(c), benefit: extra.benefit ?? { kind: "none" } as BenefitSpec,
  };
}

/** Values per fact: the catalogue's options, what the seed rules compare with, and odd ones. */
function pools(seeds: SeedClause[]): Map<string, unknown[]> {
  const byFact = new Map<string, unknown[]>();
  const add = (fact: string, v: unknown) => (byFact.get(fact) ?? byFact.set(fact, []).get(fact)!).push(v);
  const walk = (n: unknown) => {
    if (!n || typeof n !== "object") return;
    const o = n as Record<string, unknown>;
    for (const k of ["all", "any"]) if (Array.isArray(o[k])) (o[k] as unknown[]).forEach(walk);
    if (o.not) walk(o.not);
    if (typeof o.fact === "string") for (const v of Array.isArray(o.value) ? o.value : [o.value]) if (typeof v !== "object" || v === null) add(o.fact, v);
  };
  seeds.forEach((s) => walk(s.conditions));
  for (const f of FACTS) {
    for (const v of f.values?.map((x) => x.value) ?? []) add(f.key, v);
    if (f.key === "districtCode") for (const d of Object.keys(DISTRICT_NAMES)) add(f.key, d);
    if (f.type === "boolean") (add(f.key, true), add(f.key, false));
    if (f.type === "number") for (const n of [0, -0, 1, 5, 50, 100, 1000, -3, 2.5]) add(f.key, n);
  }
  return byFact;
}

const ODD: unknown[] = [NaN, -0, 0, null, "", "undefined", "5", 5, [5], [], ["HIGH_TECH"], [NaN], { a: 1 }, true, false, undefined];

function randomFacts(r: Random, pool: Map<string, unknown[]>, odd: boolean): Facts {
  const facts: Facts = {};
  for (const f of FACTS) {
    if (r.chance(0.12)) continue; // missing
    const values = pool.get(f.key) ?? ["X"];
    let v: unknown;
    if (odd && r.chance(0.2)) v = r.pick(ODD);
    else if (f.type === "set") v = [...new Set(Array.from({ length: r.int(4) }, () => r.pick(values)))];
    else if (f.type === "number") v = r.chance(0.5) ? r.pick(values) : Math.round(r.next() * 2000 * 100) / 100;
    else v = r.pick(values);
    facts[f.key] = v;
  }
  if (odd && r.chance(0.1)) Object.defineProperty(facts, "constructor", { value: r.pick(["x", 5, NaN]), enumerable: true, writable: true, configurable: true });
  return facts;
}

/** Rules mostly shaped like programmes (an all-group with targets), with every quirk mixed in. */
function randomRule(r: Random, pool: Map<string, unknown[]>, facts: FactDefinition[]): unknown {
  const value = (f: FactDefinition) => r.pick(pool.get(f.key) ?? ["X"]);
  const leafOf = (): unknown => {
    const f = r.pick(facts);
    if (r.chance(0.08)) return leaf(r.chance(0.5) ? f.key : r.pick(["constructor", "toString", "x"]), r.pick(["equal", "in", "contains"]), r.pick(ODD));
    switch (r.int(9)) {
      case 0:
      case 1:
        return leaf(f.key, "equal", r.chance(0.9) ? value(f) : r.pick([NaN, -0, undefined, null, [value(f)]]));
      case 2:
      case 3:
        return leaf(f.key, "in", r.chance(0.1) ? String(value(f)) + ",410105,undefined" : Array.from({ length: 1 + r.int(r.chance(0.2) ? 12 : 3) }, () => (r.chance(0.92) ? value(f) : r.pick(ODD))));
      case 4:
        return leaf(f.key, "contains", r.chance(0.9) ? value(f) : r.pick(ODD));
      case 5:
      {
        const operator = r.pick(["notEqual", "notIn", "doesNotContain"]);
        return leaf(f.key, operator, operator === "notIn" ? [value(f)] : value(f));
      }
      case 6:
        return leaf(f.key, r.pick(["equal", "greaterThan", "contains", "in", "notIn"]), { fact: r.pick(FACTS).key });
      default:
        return leaf(f.key, r.pick(["lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive"]), r.pick([0, 5, 50, 100, 1000, "100", NaN]));
    }
  };
  const node = (depth: number): unknown => {
    if (depth < 4 && r.chance(0.25)) {
      const children = Array.from({ length: r.int(4) }, () => node(depth + 1));
      const kind = r.pick(["all", "all", "any", "not", "both"]);
      if (kind === "not") return { not: node(depth + 1) };
      if (kind === "both") return { any: children, all: [node(depth + 1)] };
      return { [kind]: children };
    }
    return leafOf();
  };
  const children = Array.from({ length: 1 + r.int(4) }, () => node(2));
  if (r.chance(0.05)) return { not: node(2) };
  return r.chance(0.8) ? { all: children } : { any: children };
}

const key = (outcomes: Outcome[]) => outcomes.map((o) => `${o.clause.id}:${o.status}:${o.amount}:${o.excludedBy?.id ?? "-"}`).join(" ");

function outcomeOf(run: () => Outcome[]): string {
  try {
    return key(run());
  } catch (error) {
    return `throws ${(error as Error).name}: ${(error as Error).message}`;
  }
}

describe("prune: matchCompany with the index answers exactly as without", () => {
  it("on the seed policies' clauses and random rules, ≥ 100,000 company × clause pairs", () => {
    const r = random(SEED);
    const seeds = seedClauses();
    const pool = pools(seeds);
    const indexable = FACTS.filter((f) => f.type !== "number");
    const specs: { conditions: unknown; extra: Partial<SeedClause> }[] = [];
    for (let i = 0; i < 400; i++) {
      // seeds as they are, and random rules carrying a seed's benefit and a shared group
      if (i < seeds.length) specs.push({ conditions: seeds[i].conditions, extra: seeds[i] });
      else {
        let conditions = randomRule(r, pool, r.chance(0.7) ? indexable : FACTS);
        try {
          compileConditions(conditions as TopCondition);
        } catch {
          conditions = { all: [leaf("districtCode", "in", [r.pick(pool.get("districtCode")!)])] }; // the engine refuses it anyway
        }
        const s = r.pick(seeds);
        specs.push({ conditions, extra: { benefit: s.benefit, delivery: s.delivery, group: r.chance(0.3) ? `g${r.int(12)}` : s.group } });
      }
    }
    const clauses = specs.map((s, i) => liveClause(i, s.conditions, s.extra));
    // Guarded clauses (in/notIn against another fact) throw when that fact is neither a list nor
    // a text: against tags or a district code, only for companies missing it or with odd values.
    const plain = clauses.filter((c) => !compileRule(c.conditions).guard).map((c, order) => ({ ...c, order }));
    const guarded = ["tags", "qualifications", "districtCode", "industrySection", "tags"].map((other, i) =>
      liveClause(0, all(leaf(r.pick(indexable).key, r.pick(["in", "notIn"]), { fact: other }), leaf("districtCode", "in", pool.get("districtCode")!.slice(i, i + 4))), r.pick(seeds)),
    );
    const withGuards = [...plain.slice(0, 40), ...guarded, ...plain.slice(40, 60)].map((c, order) => ({ ...c, id: `w${order}`, order }));
    let pairs = 0;
    let candidateCount = 0;
    let qualified = 0;
    let excluded = 0;
    let throwing = 0;
    const mismatches: string[] = [];
    const index = pruneIndexOf(plain);
    for (let n = 0; n < 400; n++) {
      const facts = randomFacts(r, pool, r.chance(0.3));
      for (const list of [plain, withGuards]) {
        const pruned = outcomeOf(() => matchCompany(list, facts, ON));
        const full = outcomeOf(() => matchCompanyUnpruned(list, facts, ON));
        pairs += list.length;
        if (pruned.startsWith("throws")) throwing++;
        if (pruned !== full && mismatches.length < 3) mismatches.push(`${inspect(facts, { breakLength: 200 })}\n pruned: ${pruned}\n full:   ${full}`);
      }
      candidateCount += candidates(index, facts).length;
      const outcomes = matchCompanyUnpruned(plain, facts, ON);
      qualified += outcomes.length;
      excluded += outcomes.filter((o) => o.status === "EXCLUDED").length;
    }
    const avg = candidateCount / 400;
    console.log(
      `prune differential: seed ${SEED}, ${plain.length} clauses (${index.always.length} always evaluated) + ${guarded.length} guarded, ${pairs.toLocaleString()} pairs, ` +
        `${avg.toFixed(1)} candidates per company, ${qualified} qualified (${excluded} excluded), ${throwing} runs throwing`,
    );
    expect(mismatches.join("\n\n")).toBe("");
    expect(pairs).toBeGreaterThanOrEqual(100_000);
    // Not vacuous: the index prunes, companies qualify, groups exclude, guards throw.
    expect(avg).toBeLessThan(plain.length * 0.6);
    expect(qualified).toBeGreaterThan(400);
    expect(excluded).toBeGreaterThan(20);
    expect(throwing).toBeGreaterThan(0);
    expect(throwing).toBeLessThan(300); // most runs with guards still decide
  });

  it("per clause: every clause that holds is a candidate (random rules, many companies)", () => {
    const r = random(SEED + 1);
    const seeds = seedClauses();
    const pool = pools(seeds);
    const rules: unknown[] = seeds.map((s) => s.conditions);
    while (rules.length < 600) {
      const rule = randomRule(r, pool, r.chance(0.8) ? FACTS.filter((f) => f.type !== "number") : FACTS);
      try {
        compileConditions(rule as TopCondition);
        rules.push(rule);
      } catch {
        // refused at compile time: never a clause in force
      }
    }
    const predicates = rules.map((rule) => compileConditions(rule as TopCondition));
    const index = buildPruneIndex(rules);
    let holds = 0;
    let missed = "";
    for (let n = 0; n < 300 && !missed; n++) {
      const facts = randomFacts(r, pool, r.chance(0.3));
      const found = new Set(candidates(index, facts));
      predicates.forEach((p, i) => {
        let ok: boolean;
        try {
          ok = p(facts);
        } catch {
          ok = true; // a throw must be seen: the clause must be a candidate
        }
        if (ok) holds++;
        if (ok && !found.has(i) && !missed) missed = `${inspect(rules[i], { depth: null })} on ${inspect(facts)}`;
      });
    }
    expect(missed).toBe("");
    expect(holds).toBeGreaterThan(1000);
  });
});
