import { describe, expect, it } from "vitest";
import { NaiveBayes, softmax, type NbSample } from "./naive-bayes";

// Three documents small enough to work the posterior out by hand (alpha = 1, vocabulary a b c d):
// P(X) = 2/3, P(a|X) = (2+1)/(4+4) = 3/8, P(d|X) = 1/8; P(Y) = 1/3, P(a|Y) = 1/5, P(d|Y) = 2/5.
const TINY: NbSample[] = [
  { tokens: ["a", "b"], label: "X" },
  { tokens: ["a", "c"], label: "X" },
  { tokens: ["d"], label: "Y" },
];

describe("naive Bayes", () => {
  it("gives the posterior worked out by hand", () => {
    const nb = new NaiveBayes({ alpha: 1 }).train(TINY);
    // X: 2/3·3/8 = 1/4, Y: 1/3·1/5 = 1/15 → P(X|a) = 15/19
    expect(nb.predict(["a"], 2)).toEqual([
      { label: "X", score: expect.closeTo(15 / 19, 12) },
      { label: "Y", score: expect.closeTo(4 / 19, 12) },
    ]);
    // The unknown "z" carries no evidence. X: 1/4·1/8 = 1/32, Y: 1/15·2/5 = 2/75 → P(X) = 75/139
    expect(nb.predict(["a", "d", "z"], 1)).toEqual([{ label: "X", score: expect.closeTo(75 / 139, 12) }]);
    // Two "d"s tip it to Y: X: 2/3·(1/8)² = 1/96, Y: 1/3·(2/5)² = 4/75
    expect(nb.predict(["d", "d"], 1)[0]).toEqual({ label: "Y", score: expect.closeTo(4 / 75 / (4 / 75 + 1 / 96), 12) });
  });

  it("applies alpha to every count and to the vocabulary in the denominator", () => {
    // alpha = 0.5: P(a|X) = 2.5/(4+0.5·4) = 5/12, P(a|Y) = 0.5/(1+0.5·4) = 1/6 → X: 5/18, Y: 1/18
    expect(new NaiveBayes({ alpha: 0.5 }).train(TINY).predict(["a"], 1)[0].score).toBeCloseTo(5 / 6, 12);
  });

  it("counts a repeated token once in binary mode", () => {
    const nb = new NaiveBayes({ alpha: 1, binary: true }).train(TINY);
    expect(nb.predict(["d", "d"], 1)[0].score).toBeCloseTo(nb.predict(["d"], 1)[0].score, 12);
    const counted = new NaiveBayes({ alpha: 1, binary: true }).train([{ tokens: ["a", "a", "a"], label: "X" }, { tokens: ["b"], label: "Y" }]);
    const once = new NaiveBayes({ alpha: 1, binary: true }).train([{ tokens: ["a"], label: "X" }, { tokens: ["b"], label: "Y" }]);
    expect(counted.toJSON()).toEqual(once.toJSON());
  });

  it("smooths: a token never seen with a label does not rule it out, and alpha decides how much it counts", () => {
    const strong = new NaiveBayes({ alpha: 0.01 }).train(TINY).predict(["b"], 2);
    const weak = new NaiveBayes({ alpha: 10 }).train(TINY).predict(["b"], 2);
    expect(strong[1]).toMatchObject({ label: "Y" });
    expect(strong[1].score).toBeGreaterThan(0);
    expect(strong[0].score).toBeGreaterThan(weak[0].score);
  });

  it("returns k labels best first with probabilities summing to 1, and nothing it cannot judge", () => {
    const nb = new NaiveBayes().train([...TINY, { tokens: ["e"], label: "Z" }]);
    const all = nb.predict(["a"], 10);
    expect(all.map((p) => p.label)).toEqual(["X", "Y", "Z"]);
    expect(all.reduce((s, p) => s + p.score, 0)).toBeCloseTo(1, 12);
    expect(nb.predict(["a"], 1)).toHaveLength(1);
    expect(nb.predict(["unknown"], 3)).toEqual([]);
    expect(nb.predict([], 3)).toEqual([]);
    expect(new NaiveBayes().predict(["a"], 3)).toEqual([]);
  });

  it("softens scores with a temperature without changing the order", () => {
    const nb = new NaiveBayes().train(TINY);
    const sharp = nb.predict(["a", "b", "c"], 2);
    const soft = nb.predict(["a", "b", "c"], 2, { temperature: 3 });
    expect(soft.map((p) => p.label)).toEqual(sharp.map((p) => p.label));
    expect(soft[0].score).toBeLessThan(sharp[0].score);
    expect(soft[0].score).toBeGreaterThan(0.5);
  });

  it("trains incrementally to the same model as in one go", () => {
    const once = new NaiveBayes().train(TINY);
    const twice = new NaiveBayes().train(TINY.slice(0, 1)).train(TINY.slice(1));
    expect(twice.predict(["a", "d"], 2)).toEqual(once.predict(["a", "d"], 2));
  });

  it("survives a JSON round trip exactly", () => {
    const nb = new NaiveBayes({ alpha: 0.5, binary: true }).train(TINY);
    const copy = NaiveBayes.fromJSON(JSON.parse(JSON.stringify(nb)));
    expect(copy.alpha).toBe(0.5);
    expect(copy.binary).toBe(true);
    for (const tokens of [["a"], ["d", "z"], ["b", "c", "d"]]) expect(copy.predict(tokens, 2)).toEqual(nb.predict(tokens, 2));
    expect(() => NaiveBayes.fromJSON({ ...nb.toJSON(), version: 2 as 1 })).toThrow(/version/);
  });

  it("rejects a non-positive alpha", () => {
    expect(() => new NaiveBayes({ alpha: 0 })).toThrow();
  });
});

describe("softmax", () => {
  it("is stable for very negative log-probabilities", () => {
    const p = softmax([-1000, -1001, -2000]);
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
    expect(p[2]).toBe(0);
    expect([...p].every(Number.isFinite)).toBe(true);
  });
});
