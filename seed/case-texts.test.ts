import { beforeAll, describe, expect, it } from "vitest";
import { LEAF_CATEGORIES, URGENCIES, findCategory } from "../app/cases/categories";
import { CASE_TEMPLATES, generateCaseTexts, type CaseText } from "./case-texts";

const N = 5000;
let texts: CaseText[] = [];
beforeAll(() => {
  texts = generateCaseTexts({ count: N, seed: 2026 });
});

const share = (predicate: (t: CaseText) => boolean) => texts.filter(predicate).length / texts.length;

describe("demo case texts", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = generateCaseTexts({ count: 200, seed: 7 });
    expect(generateCaseTexts({ count: 200, seed: 7 })).toEqual(a);
    expect(generateCaseTexts({ count: 200, seed: 8 })).not.toEqual(a);
    expect(texts.slice(0, 200)).toEqual(generateCaseTexts({ count: 200, seed: 2026 })); // a prefix
    expect(generateCaseTexts({ count: 0, seed: 1 })).toEqual([]);
  });

  it("has at least 12 templates for every leaf category, and well-formed alternates", () => {
    expect([...CASE_TEMPLATES.keys()].sort()).toEqual(LEAF_CATEGORIES.map((c) => c.code).sort());
    for (const [code, list] of CASE_TEMPLATES) {
      expect(list.length, code).toBeGreaterThanOrEqual(12);
      for (const t of list) {
        if (t.alt) {
          expect(findCategory(t.alt)?.leaf, `${code} → ${t.alt}`).toBe(true);
          expect(t.alt).not.toBe(code);
        }
        expect(`${t.title}${t.body}`).not.toMatch(/::|@|!/);
      }
    }
  });

  it("covers every leaf category from 500 texts on, whatever the seed", () => {
    const leaves = LEAF_CATEGORIES.map((c) => c.code).sort();
    for (const seed of [1, 2, 3, 42]) {
      expect([...new Set(generateCaseTexts({ count: 500, seed }).map((t) => t.category))].sort()).toEqual(leaves);
    }
  });

  it("keeps titles short and descriptions between 30 and 300 characters, with every slot filled", () => {
    for (const t of texts) {
      expect(t.title.length, t.title).toBeGreaterThan(1);
      expect(t.title.length, t.title).toBeLessThanOrEqual(30);
      expect(t.description.length, t.description).toBeGreaterThanOrEqual(30);
      expect(t.description.length, t.description).toBeLessThanOrEqual(300);
      expect(`${t.title}${t.description}`).not.toMatch(/[{}[\]]|undefined|::/);
      expect(findCategory(t.category)?.leaf).toBe(true);
      expect(URGENCIES).toContain(t.urgency);
    }
  });

  it("varies: almost every description is distinct", () => {
    const distinct = new Set(texts.map((t) => t.description)).size / texts.length;
    console.log(`demo case texts: ${pct(distinct)} of ${N} descriptions distinct`);
    expect(distinct).toBeGreaterThan(0.93);
  });

  it("is mostly 一般, some 紧急, few 特急, and 特急 means danger", () => {
    const normal = share((t) => t.urgency === "NORMAL");
    const urgent = share((t) => t.urgency === "URGENT");
    const critical = share((t) => t.urgency === "CRITICAL");
    expect(normal).toBeGreaterThan(0.75);
    expect(urgent).toBeGreaterThan(0.05);
    expect(urgent).toBeLessThan(0.2);
    expect(critical).toBeGreaterThan(0.005);
    expect(critical).toBeLessThan(0.05);
    const critTexts = texts.filter((t) => t.urgency === "CRITICAL").map((t) => t.description);
    expect(critTexts.every((d) => /泄漏|隐患|危|裂缝|起火|冒烟|中毒|堵死|脚手架|掉落|事故|充电|电线|头晕/.test(d))).toBe(true);
  });

  it("lets neighbouring categories share cases, so the classifier cannot be perfect", () => {
    // "消防验收没通过" is filed under 工程建设审批 and under 消防安全.
    const acceptance = texts.filter((t) => t.title.includes("联合验收消防没过"));
    expect(new Set(acceptance.map((t) => t.category))).toEqual(new Set(["SPBZ-02", "AQSC-01"]));
    expect(share((t) => t.category === "QTSX-01")).toBeLessThan(share((t) => t.category === "SDQN-01"));
  });

  it("holds no phone numbers or personal names", () => {
    for (const t of texts) {
      expect(t.description).not.toMatch(/1[3-9]\d{9}|\d{3,4}-\d{7,8}/);
      expect(t.description).not.toMatch(/[张王李赵刘陈杨黄][经总先女]|老[张王李赵刘]/);
    }
  });
});

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
