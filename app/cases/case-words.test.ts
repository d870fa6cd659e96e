import { describe, expect, it } from "vitest";
import { candidateQuery, caseDocument, caseKey, pairTokens, scopeToken, scopeTokens } from "./case-words";

const hex = (s: string) => Buffer.from(s).toString("hex");

describe("the case word index's tokens", () => {
  it("are the adjacent pairs of each text, never across two texts", () => {
    expect(pairTokens("建设银行")).toEqual(["建设", "设银", "银行"].map(hex));
    expect(pairTokens("停电", "郑州")).toEqual(["停电", "郑州"].map(hex)); // no 电郑
    expect(pairTokens("电", null, undefined, "")).toEqual([]);
    expect(pairTokens("哈哈哈")).toEqual([hex("哈哈")]);
  });

  it("step by character, as LIKE does, even outside the basic plane", () => {
    expect(pairTokens("𠀋山")).toEqual([hex("𠀋山")]);
  });

  it("fold ASCII letters only, as SQLite's LIKE does", () => {
    expect(pairTokens("ERP系统")).toEqual(pairTokens("erp系统"));
    expect(pairTokens("ÉA")).not.toEqual(pairTokens("éa"));
    expect(pairTokens("ＡＢ")).not.toEqual(pairTokens("ａｂ"));
  });

  it("keep a case's district, street and department apart from its pairs", () => {
    const doc = caseDocument({ title: "停电", companyName: null, districtId: "d1", streetId: "s1", assigneeDeptId: "p1" }).split(" ");
    expect(doc).toEqual([hex("停电"), scopeToken("districtId", "d1"), scopeToken("streetId", "s1"), scopeToken("assigneeDeptId", "p1")]);
    expect(doc.every((t) => /^[0-9a-z]+$/.test(t))).toBe(true); // one token each for FTS5's ascii tokenizer
    expect(new Set(["districtId", "streetId", "assigneeDeptId"].map((k) => scopeToken(k as "streetId", "d1"))).size).toBe(3);
    expect(caseDocument({ title: "停电", companyName: null, districtId: null, streetId: null, assigneeDeptId: null })).toBe(hex("停电"));
  });

  it("key a case by its number, which must be a number", () => {
    expect(caseKey("2026112300012")).toBe(2026112300012n);
    expect(() => caseKey("0123")).toThrow(/不是数字/);
    expect(() => caseKey("A-1")).toThrow(/不是数字/);
  });
});

describe("a search's candidate query", () => {
  it("asks for every pair of the words", () => {
    expect(candidateQuery("建设银", {})).toBe(`"${hex("建设")}" AND "${hex("设银")}"`);
  });

  it("adds the district or street every case in scope must have, through ANDs only", () => {
    const where = { AND: [{ districtId: "d1" }, { AND: [{ open: true, streetId: "s1" }] }] };
    expect(scopeTokens(where)).toEqual([scopeToken("districtId", "d1"), scopeToken("streetId", "s1")]);
    // An OR, a list or a filter object could let other cases in: no token for them.
    expect(scopeTokens({ OR: [{ districtId: "d1" }, { districtId: "d2" }] })).toEqual([]);
    expect(scopeTokens({ districtId: { in: ["d1", "d2"] } })).toEqual([]);
    expect(scopeTokens({ NOT: { districtId: "d1" } })).toEqual([]);
    expect(scopeTokens({ AND: [{ assigneeDeptId: "p1" }, { status: "DISPATCHED" }] })).toEqual([scopeToken("assigneeDeptId", "p1")]);
    expect(candidateQuery("停电", { AND: [{ districtId: "d1" }] })).toBe(`"${hex("停电")}" AND "${scopeToken("districtId", "d1")}"`);
  });

  it("is none for what pairs cannot narrow: one character, LIKE's wildcards", () => {
    expect(candidateQuery("电", {})).toBeNull();
    expect(candidateQuery("停%电", {})).toBeNull();
    expect(candidateQuery("停_电", {})).toBeNull();
  });
});
