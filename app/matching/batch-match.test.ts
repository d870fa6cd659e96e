// matchBatch (batch-match.ts) decides a batch of companies clause by clause, with lookups for
// equal/in/contains and conditions over columns of fact values; it must answer exactly as
// matchCompany (every clause's compiled predicate, one company at a time). Quirk by quirk below,
// then a differential run over the seed policies' clauses plus random rules on random companies
// (odd values included). Reproduce with BATCH_SEED=<seed> (printed).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { FACTS, type FactDefinition } from "~/companies/facts";
import { DISTRICT_NAMES } from "~/grids/districts";
import { conditionsOf, readPolicyFile, type BenefitSpec } from "~/policies/policy-file";
import type { TopCondition } from "~/rules/conditions";
import { matchBatch } from "./batch-match";
import { seededRandom as random, type SeededRandom as Random } from "./seeded-random";
import { compileConditions, compileRule, RuleEvaluationError } from "./compile";
import { matchCompany, type LiveClause, type Outcome } from "./match-company";

type Facts = Record<string, unknown>;
const SEED = Number(process.env.BATCH_SEED ?? 20261123);
const ON = "2026-06-30";

// ---------- unit: each quirk, in a batch, as the predicate decides it ----------

const leaf = (fact: string, operator: string, value: unknown) => ({ fact, operator, value });
const all = (...c: unknown[]) => ({ all: c });

// Companies around the one under test, so lookups and columns see other values too.
const NEIGHBOURS: Facts[] = [{}, { d: "410105", x: 1, q: ["TECH_SME"] }, { d: "410172", x: "a", q: [] }, { x: [0], d: null }];

/** Whether the rule holds for these facts in a batch (at every position); fails unless the predicate agrees. */
function holds(rule: unknown, facts: Facts): boolean {
  const clauses = [liveClause(0, rule)];
  const predicate = compileConditions(rule as TopCondition)(facts);
  for (let at = 0; at <= NEIGHBOURS.length; at++) {
    const batch = [...NEIGHBOURS.slice(0, at), facts, ...NEIGHBOURS.slice(at)];
    const decided = matchBatch(clauses, batch, ON);
    expect(decided[at].length === 1, `${inspect(rule, { depth: null })} on ${inspect(facts)} at ${at}`).toBe(predicate);
    // the neighbours too
    batch.forEach((f, i) => expect(decided[i].length === 1).toBe(compileConditions(rule as TopCondition)(f)));
  }
  return predicate;
}

describe("matchBatch: every quirk as the predicate has it", () => {
  it("equal and in find the company's value; other values do not hold", () => {
    expect(holds(all(leaf("d", "equal", "410172")), { d: "410172" })).toBe(true);
    expect(holds(all(leaf("d", "equal", "410172")), { d: "410105" })).toBe(false);
    expect(holds(all(leaf("d", "in", ["410172", "410105"])), { d: "410105" })).toBe(true);
    expect(holds(all(leaf("d", "in", ["410172", "410105"])), { d: 410105 })).toBe(false); // strict
    expect(holds(all(leaf("d", "in", [])), { d: "x" })).toBe(false); // never holds
    // nested all-groups, lookups taken first whatever their place
    expect(holds(all(leaf("n", "greaterThan", 1), all(leaf("d", "equal", "a"))), { n: 5, d: "b" })).toBe(false);
    expect(holds(all(leaf("n", "greaterThan", 1), all(leaf("d", "equal", "a"))), { n: 5, d: "a" })).toBe(true);
    expect(holds(all(leaf("n", "greaterThan", 1), leaf("d", "equal", "a")), { n: 0, d: "a" })).toBe(false);
  });

  it("NaN: never === itself", () => {
    expect(holds(all(leaf("x", "equal", NaN)), { x: NaN })).toBe(false);
    expect(holds(all(leaf("x", "in", [NaN, 5])), { x: 5 })).toBe(true);
    expect(holds(all(leaf("x", "in", [NaN, 5])), { x: NaN })).toBe(false);
    expect(holds(all(leaf("x", "contains", NaN)), { x: [NaN] })).toBe(false);
    expect(holds(all(leaf("x", "equal", 5)), { x: NaN })).toBe(false);
    expect(holds(all(leaf("x", "greaterThan", 1)), { x: NaN })).toBe(false);
  });

  it("-0 and +0 are one value, as === has them", () => {
    expect(holds(all(leaf("x", "equal", -0)), { x: 0 })).toBe(true);
    expect(holds(all(leaf("x", "equal", 0)), { x: -0 })).toBe(true);
    expect(holds(all(leaf("x", "in", [-0, 7])), { x: 0 })).toBe(true);
    expect(holds(all(leaf("x", "contains", 0)), { x: [1, -0] })).toBe(true);
  });

  it("a missing fact is undefined", () => {
    expect(holds(all(leaf("x", "equal", undefined)), {})).toBe(true);
    expect(holds(all(leaf("x", "in", ["a", undefined])), {})).toBe(true);
    expect(holds(all(leaf("x", "in", ["a", null])), { x: null })).toBe(true);
    expect(holds(all(leaf("x", "in", ["a", null])), {})).toBe(false); // undefined !== null
    expect(holds(all(leaf("x", "equal", "a")), {})).toBe(false);
    // holes in a list are skipped (as indexOf does), and so are holes in a company's array
    // eslint-disable-next-line no-sparse-arrays
    expect(holds(all(leaf("x", "in", ["a", , "b"])), {})).toBe(false);
    // eslint-disable-next-line no-sparse-arrays
    expect(holds(all(leaf("x", "contains", "a")), { x: [, "a"] })).toBe(true);
    // eslint-disable-next-line no-sparse-arrays
    expect(holds(all(leaf("x", "contains", undefined)), { x: [, "a"] })).toBe(false);
    expect(holds(all(leaf("x", "contains", undefined)), { x: [undefined] })).toBe(true);
  });

  it("a text list is a substring search", () => {
    expect(holds(all(leaf("d", "in", "410172,410105")), { d: "0172" })).toBe(true); // "0172" is in the text
    expect(holds(all(leaf("d", "in", "xundefinedx")), {})).toBe(true); // a missing fact matches "undefined"
    expect(holds(all(leaf("d", "in", "410172,410105"), leaf("s", "equal", "LARGE")), { d: "0172", s: "SMALL" })).toBe(false);
  });

  it("contains needs an array fact; doesNotContain too", () => {
    expect(holds(all(leaf("q", "contains", "HIGH_TECH")), { q: ["TECH_SME", "HIGH_TECH"] })).toBe(true);
    expect(holds(all(leaf("q", "contains", "HIGH_TECH")), { q: "HIGH_TECH" })).toBe(false); // text, not a list
    expect(holds(all(leaf("q", "contains", "HIGH_TECH")), { q: { 0: "HIGH_TECH", length: 1 } })).toBe(false);
    expect(holds(all(leaf("q", "contains", "HIGH_TECH")), {})).toBe(false);
    expect(holds(all(leaf("q", "doesNotContain", "HIGH_TECH")), { q: [] })).toBe(true);
    expect(holds(all(leaf("q", "doesNotContain", "HIGH_TECH")), {})).toBe(false);
  });

  it("objects and arrays as values are never === a fact (the engine copies the rule)", () => {
    const shared = ["a"];
    expect(holds(all(leaf("x", "in", [shared, "b"])), { x: shared })).toBe(false);
    expect(holds(all(leaf("x", "in", [shared, "b"])), { x: "b" })).toBe(true);
    expect(holds(all(leaf("x", "equal", shared)), { x: shared })).toBe(false);
    expect(holds(all(leaf("x", "notEqual", shared)), { x: shared })).toBe(true);
    expect(holds(all(leaf("x", "contains", shared)), { x: [shared] })).toBe(false);
  });

  it("fact-to-fact, any, not, and any+all nodes", () => {
    expect(holds(all(leaf("a", "equal", { fact: "b" })), {})).toBe(true); // both missing: holds
    expect(holds(all(leaf("a", "equal", { fact: "b" })), { a: 1 })).toBe(false);
    expect(holds({ any: [leaf("a", "equal", 1), leaf("b", "equal", 2)] }, { b: 2 })).toBe(true);
    expect(holds({ any: [leaf("a", "equal", 1), { any: [leaf("c", "equal", 3), leaf("b", "equal", 2)] }] }, { b: 2 })).toBe(true);
    expect(holds({ not: leaf("a", "equal", 1) }, { a: 1 })).toBe(false);
    expect(holds(all({ not: { any: [leaf("a", "equal", 1), { not: leaf("b", "equal", 2) }] } }), { b: 2 })).toBe(true);
    // "any" wins over "all" in the same node (the engine's precedence)
    expect(holds({ any: [leaf("a", "equal", 1)], all: [leaf("b", "equal", 2)] }, { a: 1 })).toBe(true);
    expect(holds(all(), {})).toBe(true); // empty all holds
    expect(holds({ any: [] }, {})).toBe(true); // and so does an empty any
  });

  it("facts named like Object.prototype members are read as the predicate reads them", () => {
    expect(holds(all(leaf("constructor", "equal", "x")), {})).toBe(false);
    const facts = JSON.parse('{"constructor":"x","__proto__":"y"}') as Facts;
    expect(holds(all(leaf("constructor", "equal", "x")), facts)).toBe(true);
    expect(holds(all(leaf("__proto__", "equal", "y")), facts)).toBe(true);
    expect(holds(all(leaf("toString", "in", [undefined])), {})).toBe(true);
    expect(holds(all({ fact: 5, operator: "equal", value: undefined }), { 5: 1 })).toBe(true); // a fact that is not a string is never read
  });

  it("numbers compare inline, anything else as the engine coerces it", () => {
    for (const x of [5, 1, "12", "12abc", [5], [], null, true, "", undefined, -0]) {
      for (const operator of ["lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive"]) holds(all(leaf("x", operator, 5)), { x });
    }
    expect(holds(all(leaf("x", "greaterThan", 4)), { x: "12" })).toBe(true);
    expect(holds(all(leaf("x", "greaterThan", 4)), { x: "12abc" })).toBe(false);
  });

  it("a clause with a guard throws as matchCompany does, wherever the company is in the batch", () => {
    const guarded = all(leaf("d", "equal", "410172"), leaf("n", "in", { fact: "revenue" }));
    expect(() => compileConditions(guarded as TopCondition)({ d: "410105", revenue: 5 })).toThrow(RuleEvaluationError);
    const clauses = [liveClause(0, guarded)];
    expect(() => matchCompany(clauses, { d: "410105", revenue: 5 }, ON)).toThrow(RuleEvaluationError);
    expect(() => matchBatch(clauses, [{ revenue: [] }, { d: "410105", revenue: 5 }], ON)).toThrow(RuleEvaluationError);
    expect(matchBatch(clauses, [{ revenue: [] }, { d: "410172", n: 1, revenue: [1] }], ON).map((o) => o.length)).toEqual([0, 1]);
  });

  it("tells lookups apart whatever their values' text", () => {
    const rules = [all(leaf("d", "in", ["a", "b"])), all(leaf("d", "equal", "a\u0000string:b")), all(leaf("d", "in", [1, "1"])), all(leaf("d", "equal", "1"))];
    const clauses = rules.map((r, i) => liveClause(i, r));
    const batch: Facts[] = [{ d: "a" }, { d: "a\u0000string:b" }, { d: 1 }, { d: "1" }];
    expect(matchBatch(clauses, batch, ON).map(key)).toEqual(batch.map((f) => key(matchCompany(clauses, f, ON))));
    expect(matchBatch(clauses, batch, ON).map((o) => o.map((x) => x.clause.id))).toEqual([["c0"], ["c1"], ["c2"], ["c2", "c3"]]);
  });

  it("keeps the clauses' order and applies exclusivity as matchCompany does", () => {
    const rules = [all(leaf("d", "in", ["1", "2"])), all(leaf("d", "equal", "2")), { any: [] }, all(leaf("q", "contains", "A"))];
    const clauses = rules.map((r, i) => liveClause(i, r, { group: i < 2 ? "g" : null, benefit: { kind: "fixed", parameters: { amount: [{ from: "2020-01-01", value: 10 - i }] } } as unknown as BenefitSpec }));
    const batch: Facts[] = [{ d: "2", q: ["A"] }, { d: "1" }, {}];
    expect(matchBatch(clauses, batch, ON).map(key)).toEqual(batch.map((f) => key(matchCompany(clauses, f, ON))));
    expect(key(matchBatch(clauses, batch, ON)[0])).toBe("c0:QUALIFIED:10:- c1:EXCLUDED:9:c0 c2:QUALIFIED:8:- c3:QUALIFIED:7:-");
    expect(matchBatch(clauses, [], ON)).toEqual([]);
    expect(matchBatch([], batch, ON)).toEqual([[], [], []]);
  });
});

// ---------- differential: matchBatch = matchCompany, on seed clauses and random rules ----------


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

describe("matchBatch answers exactly as matchCompany, company by company", () => {
  it("on the seed policies' clauses and random rules, ≥ 100,000 company × clause pairs", () => {
    const r = random(SEED);
    const seeds = seedClauses();
    const pool = pools(seeds);
    const lookups = FACTS.filter((f) => f.type !== "number");
    const specs: { conditions: unknown; extra: Partial<SeedClause> }[] = [];
    for (let i = 0; i < 400; i++) {
      // seeds as they are, and random rules carrying a seed's benefit and a shared group
      if (i < seeds.length) specs.push({ conditions: seeds[i].conditions, extra: seeds[i] });
      else {
        let conditions = randomRule(r, pool, r.chance(0.7) ? lookups : FACTS);
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
      liveClause(0, all(leaf(r.pick(lookups).key, r.pick(["in", "notIn"]), { fact: other }), leaf("districtCode", "in", pool.get("districtCode")!.slice(i, i + 4))), r.pick(seeds)),
    );
    const withGuards = [...plain.slice(0, 40), ...guarded, ...plain.slice(40, 60)].map((c, order) => ({ ...c, id: `w${order}`, order }));
    const companies = Array.from({ length: 400 }, () => randomFacts(r, pool, r.chance(0.3)));
    const mismatches: string[] = [];
    let pairs = 0;
    let qualified = 0;
    let excluded = 0;
    // The whole sample as one batch, and in batches of every size up to 9 (lookups over few companies).
    const batches = [companies];
    for (let at = 0, size = 1; at < companies.length; at += size, size = (size % 9) + 1) batches.push(companies.slice(at, at + size));
    for (const batch of batches) {
      const decided = matchBatch(plain, batch, ON);
      batch.forEach((facts, i) => {
        const one = matchCompany(plain, facts, ON);
        pairs += plain.length;
        qualified += one.length;
        excluded += one.filter((o) => o.status === "EXCLUDED").length;
        if (key(decided[i]) !== key(one) && mismatches.length < 3) mismatches.push(`${inspect(facts, { breakLength: 200 })}\n batch:   ${key(decided[i])}\n company: ${key(one)}`);
      });
    }
    // With guards: a batch throws exactly when one of its companies does; otherwise the same answers.
    let throwing = 0;
    let deciding = 0;
    for (let at = 0; at < companies.length; at += 2) {
      const batch = companies.slice(at, at + 2);
      const each = batch.map((f) => outcomeOf(() => matchCompany(withGuards, f, ON)));
      let whole: string[] | string;
      try {
        whole = matchBatch(withGuards, batch, ON).map(key);
      } catch (error) {
        whole = `throws ${(error as Error).name}`;
      }
      pairs += batch.length * withGuards.length;
      if (each.some((e) => e.startsWith("throws"))) {
        throwing++;
        if (whole !== "throws RuleEvaluationError" && mismatches.length < 3) mismatches.push(`guarded batch at ${at}: ${inspect(whole)} where a company throws`);
      } else {
        deciding++;
        if (inspect(whole) !== inspect(each) && mismatches.length < 3) mismatches.push(`guarded batch at ${at}:\n batch:   ${inspect(whole)}\n company: ${inspect(each)}`);
      }
    }
    console.log(
      `batch differential: seed ${SEED}, ${plain.length} clauses + ${guarded.length} guarded, ${pairs.toLocaleString()} pairs in ${batches.length} batches, ` +
        `${qualified} qualified (${excluded} excluded), guarded batches ${throwing} throwing / ${deciding} deciding`,
    );
    expect(mismatches.join("\n\n")).toBe("");
    expect(pairs).toBeGreaterThanOrEqual(100_000);
    // Not vacuous: companies qualify, groups exclude, guards throw and also decide.
    expect(qualified).toBeGreaterThan(800);
    expect(excluded).toBeGreaterThan(40);
    expect(throwing).toBeGreaterThan(0);
    expect(deciding).toBeGreaterThan(0);
  });
});
