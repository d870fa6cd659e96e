// The fast matcher against json-rules-engine itself, the reference semantics (both the per-company
// predicate and match runs' batch evaluation, batch-match.ts): random rules an
// officer could write (valid per validateConditions), a share of odd rules and of odd facts
// (values of the wrong type), and every clause of every policy in rules/*.yaml. Zero
// disagreements allowed; an evaluation the engine rejects must throw in the matcher too.
// Reproduce a run with MATCH_SEED=<seed> (printed); MATCH_PAIRS=<n> changes the size.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { inspect } from "node:util";
import { Engine } from "json-rules-engine";
import { describe, expect, it } from "vitest";
import { FACTS, type FactDefinition } from "~/companies/facts";
import { DISTRICT_NAMES } from "~/grids/districts";
import { conditionsOf, readPolicyFile } from "~/policies/policy-file";
import type { Condition, FactCondition, TopCondition } from "~/rules/conditions";
import { MAX_DEPTH, OPERATORS_BY_TYPE, validateConditions } from "~/rules/validate";
import { matchBatch } from "./batch-match";
import { seededRandom as random, type SeededRandom as Random } from "./seeded-random";
import { compileConditions, type Predicate } from "./compile";
import type { LiveClause } from "./match-company";
import { explainConditions, nearMisses, type Explanation, type LeafExplanation } from "./explain";

const SEED = Number(process.env.MATCH_SEED ?? 20250401);
const PAIRS = Number(process.env.MATCH_PAIRS ?? 500_000);

type Outcome = "T" | "F" | "E";
type Facts = Record<string, unknown>;

// ---------- value pools: rule thresholds and company values drawn from the same numbers ----------

const THRESHOLDS = [0, 1, 2, 3, 5, 10, 12, 30, 50, 60, 100, 200, 300, 500, 1000, 2000, 5000, 0.5, 2.5, -1, -5, 99.99];
const NUMBER_FACTS = FACTS.filter((f) => f.type === "number").map((f) => f.key);
const STRINGS: Record<string, string[]> = {
  districtCode: Object.keys(DISTRICT_NAMES),
  streetCode: ["410172001", "410172002", "410105001", "410105002", "410102003"],
  industryCode: ["6513", "6520", "7263", "3011", "3990", "5121", "6311", "7320", "1310"],
  industrySection: ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T"],
  industryDivision: ["01", "13", "30", "39", "51", "63", "65", "72", "73"],
};
const TAGS = ["重点企业", "上市后备", "严重失信", "经营异常", "专精特新培育"];
const ODD_VALUES: unknown[] = [
  "5", "12abc", "", " 7", "Infinity", "-3", "abc", "undefined", "1e3", "0x10", "410172", "HIGH_TECH", "LARGE", "true",
  NaN, Infinity, -Infinity, null, true, false, 0, -0, 410172, 5, -1, 1000,
  [5], [], ["5"], [1, 2], ["HIGH_TECH"], ["重点企业", 3], [null], {}, { a: 1 }, undefined,
];

function options(fact: FactDefinition): string[] {
  if (fact.values) return fact.values.map((v) => v.value);
  if (fact.key === "tags") return TAGS;
  return STRINGS[fact.key] ?? ["X"];
}

function numberValue(r: Random): number {
  const t = r.pick(THRESHOLDS);
  switch (r.int(6)) {
    case 0:
    case 1:
      return t; // exactly at a threshold
    case 2:
      return t + r.pick([0.01, -0.01, 1, -1]);
    case 3:
      return Math.round((r.next() * 10_200 - 200) * 100) / 100;
    case 4:
      return r.int(40) - 5;
    default:
      return r.pick([0, -0, t, -t]);
  }
}

function typedValue(r: Random, fact: FactDefinition): unknown {
  switch (fact.type) {
    case "number":
      return numberValue(r);
    case "boolean":
      return r.chance(0.5);
    case "set":
      return r.chance(0.2) ? [] : [...new Set(r.some(options(fact), 1, 3))];
    default:
      return r.chance(0.03) ? "" : r.pick(options(fact));
  }
}

/** A company's facts: typed, with missing ones; `odd` swaps some for values of the wrong type. */
function randomFacts(r: Random, odd: boolean): Facts {
  const facts: Facts = {};
  for (const fact of FACTS) {
    if (r.chance(0.15)) continue; // missing
    facts[fact.key] = odd && r.chance(0.3) ? r.pick(ODD_VALUES) : typedValue(r, fact);
  }
  if (odd && r.chance(0.2)) {
    // Own properties named like Object.prototype members (as JSON.parse makes them).
    const key = r.pick(["constructor", "toString", "__proto__", "hasOwnProperty"]);
    Object.defineProperty(facts, key, { value: r.pick(ODD_VALUES), enumerable: true, writable: true, configurable: true });
  }
  return facts;
}

// ---------- rules as an officer would write them (valid), and odd ones ----------

function randomLeaf(r: Random, odd: boolean): FactCondition {
  const fact = r.pick(FACTS);
  const operator = r.pick(OPERATORS_BY_TYPE[fact.type]);
  const list = operator === "in" || operator === "notIn";
  let value: FactCondition["value"];
  if (fact.type === "number" && r.chance(list ? 0.03 : 0.15)) value = { fact: r.pick(NUMBER_FACTS) };
  else if (list) {
    const one = () => (fact.type === "number" ? numberValue(r) : r.pick(options(fact)));
    value = Array.from({ length: 1 + (r.chance(0.3) ? 8 + r.int(10) : r.int(4)) }, one) as (string | number)[];
  } else value = typedValue(r, fact) as FactCondition["value"];
  if (fact.type === "set") value = r.pick(options(fact));
  if (fact.type === "string" && value === "") value = r.pick(options(fact));
  const leaf: FactCondition = { fact: fact.key, operator, value };
  if (odd && r.chance(0.25)) oddify(r, leaf);
  return leaf;
}

/** Things validateConditions would refuse but the engine still evaluates. */
function oddify(r: Random, leaf: FactCondition): void {
  const c = leaf as { fact: string; operator: string; value: unknown };
  switch (r.int(9)) {
    case 0:
      c.value = r.pick(ODD_VALUES.filter((v) => v !== undefined && !(typeof v === "object" && v !== null && !Array.isArray(v))));
      if ((c.operator === "in" || c.operator === "notIn") && !Array.isArray(c.value) && typeof c.value !== "string") c.value = [c.value];
      break;
    case 1:
      c.value = { fact: r.pick(FACTS).key }; // fact-to-fact with any kind of fact
      break;
    case 2:
      c.operator = r.pick(["in", "notIn"]);
      c.value = r.pick(["410172,410105", "HIGH_TECH", "xundefinedx", "5", ""]); // text instead of a list
      break;
    case 3:
      c.operator = r.pick(["in", "notIn"]);
      c.value = [...r.some(ODD_VALUES.filter((v) => v !== undefined), 5, 14), NaN]; // long mixed list with NaN
      break;
    case 4:
      c.fact = r.pick(["constructor", "toString", "__proto__", "hasOwnProperty", "profit"]);
      break;
    case 5:
      c.operator = r.pick(["contains", "doesNotContain", "lessThan", "greaterThanInclusive", "equal"]);
      break;
    case 6:
      c.value = String(c.value); // "5" instead of 5
      break;
    case 7:
      c.value = r.pick([null, 0, -0, "", []]);
      if ((c.operator === "in" || c.operator === "notIn") && !Array.isArray(c.value) && typeof c.value !== "string") c.value = [c.value];
      break;
    default:
      c.fact = r.pick(NUMBER_FACTS);
      c.operator = r.pick(["lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive"]);
      c.value = r.pick(["100", "abc", true, null, [5]]);
  }
}

function randomNode(r: Random, depth: number, odd: boolean): Condition {
  if (depth < MAX_DEPTH && r.chance(depth === 2 ? 0.35 : 0.25)) {
    const kind = r.pick(["all", "any", "not"] as const);
    if (kind === "not") return { not: randomNode(r, depth + 1, odd) };
    const n = odd && r.chance(0.1) ? 0 : 1 + r.int(4);
    const children = Array.from({ length: n }, () => randomNode(r, depth + 1, odd));
    if (odd && r.chance(0.05)) return { any: children, all: [randomNode(r, depth + 1, odd)] } as unknown as Condition;
    return kind === "all" ? { all: children } : { any: children };
  }
  return randomLeaf(r, odd);
}

function randomRule(r: Random, odd: boolean): TopCondition {
  for (;;) {
    if (odd && r.chance(0.03)) return { not: randomNode(r, 2, odd) } as unknown as TopCondition; // the engine accepts a "not" root
    const n = odd && r.chance(0.05) ? 0 : 1 + r.int(5);
    const children = Array.from({ length: n }, () => randomNode(r, 2, odd));
    const rule: TopCondition = r.chance(0.6) ? { all: children } : { any: children };
    if (odd || validateConditions(rule).length === 0) return rule;
  }
}

// ---------- json-rules-engine deciding, many rules per run ----------

/** in/notIn against another fact (or a non-list): the engine may reject the whole run. */
function mayReject(node: unknown): boolean {
  if (typeof node !== "object" || node === null) return false;
  const n = node as Record<string, unknown>;
  if (Array.isArray(n.all) && n.all.some(mayReject)) return true;
  if (Array.isArray(n.any) && n.any.some(mayReject)) return true;
  if (mayReject(n.not)) return true;
  return (n.operator === "in" || n.operator === "notIn") && !Array.isArray(n.value) && typeof n.value !== "string";
}

async function engineOutcomes(rules: unknown[], factSets: Facts[]): Promise<Outcome[][]> {
  const engineOf = (rs: unknown[]) => {
    const engine = new Engine([], { allowUndefinedFacts: true });
    rs.forEach((conditions, i) => engine.addRule({ conditions: conditions as never, event: { type: `r${i}` } }));
    return engine;
  };
  const single = new Map<number, Engine>();
  const one = async (i: number, facts: Facts): Promise<Outcome> => {
    if (!single.has(i)) single.set(i, engineOf([rules[i]]));
    try {
      const { events } = await single.get(i)!.run(facts);
      return events.length ? "T" : "F";
    } catch {
      return "E";
    }
  };
  const batch = engineOf(rules);
  const out: Outcome[][] = [];
  for (const facts of factSets) {
    try {
      const { events } = await batch.run(facts);
      const passed = new Set(events.map((e) => e.type));
      out.push(rules.map((_, i) => (passed.has(`r${i}`) ? "T" : "F")));
    } catch {
      // Some rule rejected the run: ask each rule on its own.
      const row: Outcome[] = [];
      for (let i = 0; i < rules.length; i++) row.push(await one(i, facts));
      out.push(row);
    }
  }
  return out;
}

function matcherOutcome(test: Predicate | Error, facts: Facts): Outcome {
  if (test instanceof Error) return "E";
  try {
    return test(facts) ? "T" : "F";
  } catch {
    return "E";
  }
}

function compileOrError(rule: TopCondition): Predicate | Error {
  try {
    return compileConditions(rule);
  } catch (error) {
    return error as Error;
  }
}

interface Disagreement {
  rule: unknown;
  facts: Facts;
  engine: Outcome;
  matcher: Outcome;
}

/** Compares every rule with every fact set; returns pairs compared and disagreements. */
async function compare(rules: TopCondition[], factSets: Facts[], r: Random | null, explainShare = 0) {
  const compiled = rules.map(compileOrError);
  const disagreements: Disagreement[] = [];
  const safe: number[] = [];
  const risky: number[] = [];
  rules.forEach((rule, i) => (mayReject(rule) || compiled[i] instanceof Error ? risky : safe).push(i));
  let pairs = 0;
  for (const group of [safe, ...risky.map((i) => [i])]) {
    if (!group.length) continue;
    const outcomes = await engineOutcomes(group.map((i) => rules[i]), factSets);
    // Match runs decide the same rules for all fact sets at once (batch-match.ts): that answer too.
    const batch = group === safe ? batchOutcomes(group.map((i) => rules[i]), factSets) : null;
    factSets.forEach((facts, f) => {
      group.forEach((ruleIndex, g) => {
        pairs++;
        const mine = matcherOutcome(compiled[ruleIndex], facts);
        const theirs = outcomes[f][g];
        if (mine !== theirs) disagreements.push({ rule: rules[ruleIndex], facts, engine: theirs, matcher: mine });
        if (batch && batch[f][g] !== theirs) disagreements.push({ rule: rules[ruleIndex], facts, engine: theirs, matcher: `batch:${batch[f][g]}` as Outcome });
        if (r && explainShare && mine !== "E" && r.chance(explainShare)) {
          const tree = explainConditions(rules[ruleIndex], facts);
          const holds = tree.holds ? "T" : "F";
          if (holds !== mine) disagreements.push({ rule: rules[ruleIndex], facts, engine: theirs, matcher: `explain:${holds}` as Outcome });
          // 还差一步 (decided first without explanations) names the leaves the full explanation does.
          const near = nearMisses(rules[ruleIndex], facts).map((l) => l.path).join(" ");
          const expected = referenceNearMisses(tree).join(" ");
          if (near !== expected) disagreements.push({ rule: rules[ruleIndex], facts, engine: theirs, matcher: `nearMisses:[${near}] expected [${expected}]` as Outcome });
        }
      });
    });
  }
  return { pairs, disagreements };
}

/** matchBatch's answers ("T"/"F") per fact set and rule, for rules that compile and never throw. */
function batchOutcomes(rules: TopCondition[], factSets: Facts[]): Outcome[][] {
  const clauses: LiveClause[] = rules.map((conditions, i) => ({
    id: `r${i}`, key: `r${i}`, name: `r${i}`, delivery: "免申即享", group: null, policyId: "p", policyTitle: "p", versionId: "v", order: i,
    conditions, predicate: compileConditions(conditions), benefit: { kind: "none" } as LiveClause["benefit"],
  }));
  return matchBatch(clauses, factSets, "2026-06-30").map((outcomes) => {
    const holds = new Set(outcomes.map((o) => o.clause.order));
    return rules.map((_, i) => (holds.has(i) ? "T" : "F"));
  });
}

/** 还差一步 from the full explanation: the leaves whose flip alone makes the failing rule hold. */
function referenceNearMisses(tree: Explanation): string[] {
  if (tree.holds) return [];
  const leaves: LeafExplanation[] = [];
  const collect = (e: Explanation) => (e.kind === "leaf" ? leaves.push(e) : e.children.forEach(collect));
  collect(tree);
  const withFlip = (e: Explanation, leaf: LeafExplanation): boolean => {
    if (e.kind === "leaf") return e === leaf ? !e.holds : e.holds;
    if (e.kind === "not") return !withFlip(e.children[0], leaf);
    if (!e.children.length) return true;
    return e.kind === "all" ? e.children.every((c) => withFlip(c, leaf)) : e.children.some((c) => withFlip(c, leaf));
  };
  return leaves.filter((leaf) => withFlip(tree, leaf)).map((leaf) => leaf.path);
}

/** What the generated rules exercised, so a generator change cannot quietly lose coverage. */
function tally(rule: unknown, seen: Set<string>, depth = 1): void {
  if (typeof rule !== "object" || rule === null) return;
  const n = rule as Record<string, unknown>;
  seen.add(`depth:${depth}`);
  for (const kind of ["all", "any"]) {
    const children = n[kind];
    if (Array.isArray(children)) {
      seen.add(children.length ? kind : `empty-${kind}`);
      children.forEach((c) => tally(c, seen, depth + 1));
    }
  }
  if ("not" in n) (seen.add("not"), tally(n.not, seen, depth + 1));
  if (typeof n.operator === "string") {
    seen.add(n.operator);
    const v = n.value;
    if (typeof v === "object" && v !== null && !Array.isArray(v)) seen.add(`${n.operator}:fact`);
    if (Array.isArray(v) && v.length > 8) seen.add("long-list");
    if (typeof v === "string" && (n.operator === "in" || n.operator === "notIn")) seen.add("text-list");
  }
}

function report(disagreements: Disagreement[]): string {
  if (!disagreements.length) return "";
  const d = disagreements[0];
  return `${disagreements.length} disagreements (seed ${SEED}); first: engine ${d.engine}, matcher ${d.matcher}\nrule: ${inspect(d.rule, { depth: null, breakLength: 160 })}\nfacts: ${inspect(d.facts, { depth: null, breakLength: 160 })}`;
}

describe("compileConditions agrees with json-rules-engine", () => {
  it(`on ${PAIRS.toLocaleString()} random (rule, facts) pairs`, { timeout: 240_000 }, async () => {
    const r = random(SEED);
    const RULES_PER_BATCH = 25;
    const FACTS_PER_BATCH = 40;
    let pairs = 0;
    let oddRules = 0;
    const disagreements: Disagreement[] = [];
    const outcomes = { T: 0, F: 0, E: 0 };
    const seen = new Set<string>();
    const started = Date.now();
    while (pairs < PAIRS) {
      const rules = Array.from({ length: RULES_PER_BATCH }, () => {
        const odd = r.chance(0.15);
        if (odd) oddRules++;
        return randomRule(r, odd);
      });
      const factSets = Array.from({ length: FACTS_PER_BATCH }, () => randomFacts(r, r.chance(0.25)));
      const result = await compare(rules, factSets, r, 0.02);
      pairs += result.pairs;
      disagreements.push(...result.disagreements);
      for (const rule of rules) {
        tally(rule, seen);
        const test = compileOrError(rule);
        for (const facts of factSets.slice(0, 4)) outcomes[matcherOutcome(test, facts)]++;
      }
      if (disagreements.length) break;
    }
    console.log(
      `differential: seed ${SEED}, ${pairs.toLocaleString()} pairs compared (${oddRules} odd rules), ` +
        `sample outcomes ${JSON.stringify(outcomes)}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(report(disagreements)).toBe("");
    expect(pairs).toBeGreaterThanOrEqual(100_000);
    // The generator must reach both answers and the engine's failures, not only one outcome.
    expect(outcomes.T).toBeGreaterThan(100);
    expect(outcomes.F).toBeGreaterThan(100);
    expect(outcomes.E).toBeGreaterThan(0);
    const wanted = ["equal", "notEqual", "lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive", "in", "notIn", "contains", "doesNotContain"];
    for (const op of wanted) expect(seen, op).toContain(op);
    for (const x of ["all", "any", "not", "empty-all", "empty-any", `depth:${MAX_DEPTH}`, "greaterThan:fact", "equal:fact", "in:fact", "long-list", "text-list"]) expect(seen, x).toContain(x);
  });

  it("on every clause of every policy in rules/", { timeout: 120_000 }, async () => {
    const dir = path.resolve(__dirname, "../../rules");
    const rules: TopCondition[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
      const { policy } = readPolicyFile(readFileSync(path.join(dir, file), "utf8"));
      expect(policy, file).not.toBeNull();
      for (const clause of policy!.clauses) rules.push(conditionsOf(clause));
    }
    const r = random(SEED + 1);
    const factSets = Array.from({ length: 3000 }, () => randomFacts(r, r.chance(0.25)));
    // Facts near the policies' own thresholds: reuse each rule's numbers as company values.
    const numbers = JSON.stringify(rules).match(/-?\d+(\.\d+)?/g)!.map(Number);
    for (const facts of factSets.slice(0, 1500)) {
      for (const key of NUMBER_FACTS) if (typeof facts[key] === "number" && r.chance(0.5)) facts[key] = r.pick(numbers);
    }
    const { pairs, disagreements } = await compare(rules, factSets, r, 0.05);
    console.log(`differential (rules/*.yaml): seed ${SEED + 1}, ${rules.length} clauses × ${factSets.length} fact sets = ${pairs.toLocaleString()} pairs`);
    expect(report(disagreements)).toBe("");
    expect(rules.length).toBeGreaterThan(10);
  });
});
