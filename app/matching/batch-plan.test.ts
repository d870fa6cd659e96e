import { describe, expect, it } from "vitest";
import { planBatch, type ActedRecord, type Evaluated } from "./batch-plan";
import type { LiveClause, Outcome } from "./match-company";
import { decodeOutcomes, encodeOutcomes, type StoredOutcome } from "./result-codec";
import { seededRandom } from "./seeded-random";

const clause = (id: string, delivery: "免申即享" | "申报"): LiveClause => ({
  id, key: id, name: `条款${id}`, delivery, group: null, policyId: `p-${id}`, policyTitle: `政策${id}`, versionId: "v", order: 0,
  conditions: { all: [] }, predicate: () => true, benefit: { kind: "fixed", parameters: {} } as never,
});
const A = clause("a", "免申即享"), B = clause("b", "申报"), C = clause("c", "免申即享");
const info = (id: string) => ({ a: { policyId: "p-a", instant: true }, b: { policyId: "p-b", instant: false }, c: { policyId: "p-c", instant: true } })[id];
const company = (outcomes: Outcome[]): Evaluated => ({ id: "co", facts: { x: 1 }, outcomes, digest: "d" });
const q = (c: LiveClause, amount: number | null = 10): Outcome => ({ clause: c, status: "QUALIFIED", amount, excludedBy: null });
const stored = (o: Partial<StoredOutcome> & { clauseId: string }): StoredOutcome => ({ status: "QUALIFIED", amount: 10, excludedBy: null, firstQualifiedAt: 1, notified: true, ...o });

function plan(now: Evaluated, before: StoredOutcome[] = [], acted: ActedRecord[] = [], kind: "FULL" | "COMPANY" | "CLAUSE" = "FULL", relevant = (_: string) => true) {
  return planBatch({ kind, batch: [now], changed: [now], stored: new Map(before.length ? [["co", before]] : []), acted, clauseInfo: info, relevant, now: 5000 });
}

describe("planBatch", () => {
  it("stores a new company's outcomes, tells it of its 免申即享 clauses once, and counts them", () => {
    const p = plan(company([q(A), q(B, null)]));
    expect(p.results).toHaveLength(1);
    expect(decodeOutcomes(p.results[0][1])).toEqual([
      { clauseId: "a", status: "QUALIFIED", amount: 10, excludedBy: null, firstQualifiedAt: 5000, notified: true },
      { clauseId: "b", status: "QUALIFIED", amount: null, excludedBy: null, firstQualifiedAt: 5000, notified: false },
    ]);
    expect(p.results[0][2]).toBe('{"x":1}');
    expect(p.notices).toEqual([{ companyId: "co", clauseIds: ["a"] }]);
    expect(p.pending).toEqual([{ companyId: "co", count: 1, amount: 10, since: 5000 }]);
    expect(p.stats.map((s) => `${s.clauseId} ${s.status} ${s.response} ${s.count} ${s.amount}`).sort()).toEqual(["a QUALIFIED PENDING 1 10", "b QUALIFIED  1 0"]);
    expect(p.digests).toEqual([["co", "d"]]);
  });

  it("writes nothing for outcomes that did not change", () => {
    const p = plan(company([q(A)]), [stored({ clauseId: "a" })]);
    expect([p.results, p.notices, p.stats, p.pending, p.updates]).toEqual([[], [], [], [], []]);
  });

  it("lapses what no longer qualifies (only the run's clauses), keeps its first time, and updates the record the company acted on", () => {
    const before = [stored({ clauseId: "a" }), stored({ clauseId: "c", amount: 7 })];
    const acted: ActedRecord[] = [{ id: "r", companyId: "co", clauseId: "a", status: "QUALIFIED", amount: 10, excludedBy: null, response: "CONFIRMED" }];
    const p = plan(company([]), before, acted, "CLAUSE", (id) => id === "a");
    expect(decodeOutcomes(p.results[0][1])).toEqual([{ ...before[0], status: "LAPSED" }, before[1]]);
    expect(p.updates).toEqual([{ id: "r", status: "LAPSED", amount: 10, excludedBy: null, reason: expect.stringContaining("不符合") }]);
    expect(p.stats.map((s) => `${s.status} ${s.response} ${s.count}`).sort()).toEqual(["LAPSED CONFIRMED 1", "QUALIFIED CONFIRMED -1"]);
    expect(p.pending).toEqual([{ companyId: "co", count: 1, amount: 7, since: 1 }]); // c still waits
    expect(p.forget).toEqual(["co"]);
  });

  it("does not tell again of a version it was told of, nor count an answered one as waiting", () => {
    const before = [stored({ clauseId: "a", status: "LAPSED" }), stored({ clauseId: "c", status: "EXCLUDED", notified: false, excludedBy: "a" })];
    const acted: ActedRecord[] = [{ id: "r", companyId: "co", clauseId: "a", status: "LAPSED", amount: 10, excludedBy: null, response: "DECLINED" }];
    const p = plan(company([q(A), q(C, 3)]), before, acted);
    expect(p.notices).toEqual([{ companyId: "co", clauseIds: ["c"] }]);
    expect(decodeOutcomes(p.results[0][1]).map((o) => [o.clauseId, o.status, o.firstQualifiedAt, o.notified])).toEqual([["a", "QUALIFIED", 1, true], ["c", "QUALIFIED", 1, true]]);
    expect(p.pending).toEqual([{ companyId: "co", count: 1, amount: 3, since: 1 }]);
    expect(p.updates.map((u) => [u.id, u.status])).toEqual([["r", "QUALIFIED"]]);
  });
});

describe("result codec", () => {
  it("writes exactly what JSON.stringify writes of the encoded arrays", () => {
    const { int, pick, chance } = seededRandom(20261124);
    const ids = ["a", "cmwumk3oi003gw47dv5atcsi0", "带\"引号\\与中文", "x\u2028y"];
    const amounts = [null, 0, -0, 1.5, 1e21, 5e-7, NaN, Infinity, -Infinity, 123456789.125];
    for (let n = 0; n < 2000; n++) {
      const outcomes = Array.from({ length: int(4) }, (): StoredOutcome => ({
        clauseId: pick(ids),
        status: pick(["QUALIFIED", "EXCLUDED", "LAPSED"] as const),
        amount: pick(amounts),
        excludedBy: chance(0.5) ? null : pick(ids),
        firstQualifiedAt: int(2e12),
        notified: chance(0.5),
      }));
      const expected = JSON.stringify(outcomes.map((o) => [o.clauseId, o.status[0], o.amount, o.excludedBy, o.firstQualifiedAt, o.notified ? 1 : 0]));
      expect(encodeOutcomes(outcomes)).toBe(expected);
    }
  });

  it("reads back what it writes, and refuses a status it does not know", () => {
    const outcomes = [stored({ clauseId: "a" }), stored({ clauseId: "b", status: "EXCLUDED", excludedBy: "a", amount: null, notified: false }), stored({ clauseId: "c", status: "LAPSED" })];
    expect(decodeOutcomes(encodeOutcomes(outcomes))).toEqual(outcomes);
    expect(() => decodeOutcomes('[["a","X",1,null,1,0]]')).toThrow("unknown status");
  });
});
