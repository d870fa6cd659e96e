import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readPolicyFile } from "~/policies/policy-file";
import { anyOf, buildFilter, buildQueries, filterValue } from "./meili-query";
import { amountBand, clauseMaxAmount, statusOf, toSearchDocument } from "./policy-document";
import { queryTerms } from "./query-terms";
import { MAX_PAGE, parseSearchParams, searchHref } from "./search-params";

const parse = (query: string) => parseSearchParams(new URLSearchParams(query));

describe("the search URL, read strictly", () => {
  it("keeps known values and says what it left out", () => {
    const { input, notices } = parse("q=%20高企%20%20奖励%20&level=市&level=乡镇&status=有效&mode=免申即享&sort=newest&page=3&mine=1");
    expect(input).toEqual({
      q: "高企 奖励",
      filters: { level: ["市"], issuers: [], industries: [], deliveries: ["免申即享"], status: ["有效"], amountBands: [] },
      sort: "newest", page: 3, mine: true,
    });
    expect(notices).toEqual(["已忽略无法识别的筛选条件：“乡镇”。"]);
  });

  it("shortens long queries, and takes any page or sort it does not know as the first and relevance", () => {
    const long = parse(`q=${"研发".repeat(80)}`);
    expect([...long.input.q]).toHaveLength(100);
    expect(long.notices[0]).toContain("只按前 100 个字");
    for (const page of ["abc", "-1", "0", "1e3", "2.5", ""]) expect(parse(`page=${page}`).input.page).toBe(1);
    expect(parse("page=99999999").input.page).toBe(MAX_PAGE);
    expect(parse("sort=__proto__").input.sort).toBe("relevance");
    expect(parse("q=%00%1F高企").input.q).toBe("高企");
  });

  it("builds links that toggle a facet value, clear filters and reset the page", () => {
    const current = new URLSearchParams("q=高企&level=市&page=4");
    expect(decodeURIComponent(searchHref(current, { toggle: ["level", "省"] }))).toBe("?q=高企&level=市&level=省");
    expect(decodeURIComponent(searchHref(current, { toggle: ["level", "市"] }))).toBe("?q=高企");
    expect(decodeURIComponent(searchHref(current, { clearFilters: true }))).toBe("?q=高企");
    expect(decodeURIComponent(searchHref(current, { page: 2 }))).toBe("?q=高企&level=市&page=2");
    expect(searchHref(new URLSearchParams("mine=1"), { set: { mine: null } })).toBe("?");
  });
});

describe("Meilisearch filters from user input", () => {
  it("quotes every value; quotes and backslashes cannot end the string", () => {
    expect(filterValue('a"b')).toBe('"a\\"b"');
    expect(filterValue("c\\")).toBe('"c\\\\"');
    expect(anyOf("issuers", ['x" OR issuers EXISTS OR issuers = "y'])).toBe('issuers IN ["x\\" OR issuers EXISTS OR issuers = \\"y"]');
  });

  it("ANDs facets, ORs values, leaves a facet out for its own counts, keeps only id-shaped ids", () => {
    const { input } = parse("level=市&level=省&mode=申报");
    expect(buildFilter(input)).toEqual(['level IN ["市", "省"]', 'deliveries IN ["申报"]']);
    expect(buildFilter(input, { except: "level" })).toEqual(['deliveries IN ["申报"]']);
    expect(buildFilter(parse("").input, { onlyIds: ["gaoqi-houbei", 'x"]', "ok-2"] })).toEqual(['id IN ["gaoqi-houbei", "ok-2"]']);
    expect(buildFilter(parse("").input, { onlyIds: [] })).toEqual(["id IN []"]);
    const { facetQueries, main } = buildQueries("idx", input);
    expect(main.facets).toEqual(["issuers", "industries", "status", "amountBands"]);
    expect(facetQueries.map((q) => q.facets)).toEqual([["level"], ["deliveries"]]);
  });
});

describe("query terms for the database fallback", () => {
  it("cuts known words out of a run of Chinese, drops question words, adds synonyms", () => {
    expect(queryTerms("高企奖励")).toEqual([["高企", "高新技术企业"], ["奖励", "奖补", "补贴", "补助", "资助"]]);
    expect(queryTerms("上市奖励多少钱").map((t) => t[0])).toEqual(["上市", "奖励"]);
    expect(queryTerms("有没有稳岗返还吗").map((t) => t[0])).toEqual(["稳岗返还"]);
    expect(queryTerms("  ")).toEqual([]);
    expect(queryTerms("constructor __proto__")).toEqual([["constructor"], ["proto"]]); // punctuation splits; no prototype lookups
  });
});

describe("search documents", () => {
  const file = (name: string) => readPolicyFile(readFileSync(path.resolve(__dirname, "../../rules", `${name}.yaml`), "utf8")).policy!;

  it("status follows the dates and retirement", () => {
    const v = { versionStatus: "PUBLISHED", effectiveFrom: "2024-01-01", expiresOn: "2025-12-31" };
    expect(statusOf(v, "2023-12-31")).toBe("未生效");
    expect(statusOf(v, "2025-12-31")).toBe("有效");
    expect(statusOf(v, "2026-01-01")).toBe("已过期");
    expect(statusOf({ ...v, versionStatus: "RETIRED" }, "2025-01-01")).toBe("已废止");
  });

  it("amount bands come from the parameters in force that day; formulas without a cap are 按实际核算", () => {
    const p = file("keji-qiye-yanfa-feiyong-houbuzhu");
    expect(p.clauses.map((c) => clauseMaxAmount(c.benefit, "2026-11-23"))).toEqual([50, 100]);
    expect(amountBand(50)).toBe("10–50 万元");
    expect(amountBand(100.5)).toBe("100 万元以上");
    expect(amountBand(null)).toBe("按实际核算");
    expect(amountBand("none")).toBe("非资金支持");
    // kind "none" is 非资金 only when the file says so; a subsidy per new hire is money not known in advance.
    expect(clauseMaxAmount(file("gaoqi-houbei-peiyu-ruku").clauses[0].benefit, "2026-11-23", file("gaoqi-houbei-peiyu-ruku").tags)).toBe("none");
    expect(clauseMaxAmount(file("yicixing-kuogang-buzhu").clauses[0].benefit, "2026-11-23", file("yicixing-kuogang-buzhu").tags)).toBeNull();
    const doc = toSearchDocument({ policyId: p.id, versionId: "v", versionStatus: "PUBLISHED", policy: p }, "2026-11-23");
    expect(doc).toMatchObject({ maxAmount: 100, amountText: "最高 100 万元", amountBands: ["10–50 万元", "50–100 万元"], industries: ["不限行业"], asOfNum: 20261123 });
    expect(doc.clauseConditions[0]).toContain("科技型中小企业");
  });

  it("keeps the highlight markers out of documents", () => {
    const p = file("yicixing-kuogang-buzhu");
    p.title = "一次性\u0001扩岗\u0002补助";
    expect(toSearchDocument({ policyId: p.id, versionId: "v", versionStatus: "PUBLISHED", policy: p }, "2026-11-23").title).toBe("一次性扩岗补助");
  });
});
