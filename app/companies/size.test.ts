import { describe, expect, it } from "vitest";
import { classifySize, SIZE_LABELS, sizeRuleCoverage, sizeSectorOf, type CompanySize, type SizeSector } from "./size";

type Figure = "employees" | "revenue" | "totalAssets";

/**
 * Article 4 of 工信部联企业〔2011〕300号, written out again from the text (not read from size.ts)
 * so a typo in either shows up: SME ceiling (或), medium floor (且), small floor (且).
 */
const SPEC: { sector: SizeSector; code: string; figures: Figure[]; ceiling: number[]; medium: number[]; small: number[] }[] = [
  { sector: "AGRICULTURE", code: "0111", figures: ["revenue"], ceiling: [20000], medium: [500], small: [50] },
  { sector: "INDUSTRY", code: "3841", figures: ["employees", "revenue"], ceiling: [1000, 40000], medium: [300, 2000], small: [20, 300] },
  { sector: "CONSTRUCTION", code: "4710", figures: ["revenue", "totalAssets"], ceiling: [80000, 80000], medium: [6000, 5000], small: [300, 300] },
  { sector: "WHOLESALE", code: "5111", figures: ["employees", "revenue"], ceiling: [200, 40000], medium: [20, 5000], small: [5, 1000] },
  { sector: "RETAIL", code: "5211", figures: ["employees", "revenue"], ceiling: [300, 20000], medium: [50, 500], small: [10, 100] },
  { sector: "TRANSPORT", code: "5411", figures: ["employees", "revenue"], ceiling: [1000, 30000], medium: [300, 3000], small: [20, 200] },
  { sector: "WAREHOUSING", code: "5920", figures: ["employees", "revenue"], ceiling: [200, 30000], medium: [100, 1000], small: [20, 100] },
  { sector: "POSTAL", code: "6020", figures: ["employees", "revenue"], ceiling: [1000, 30000], medium: [300, 2000], small: [20, 100] },
  { sector: "ACCOMMODATION", code: "6110", figures: ["employees", "revenue"], ceiling: [300, 10000], medium: [100, 2000], small: [10, 100] },
  { sector: "CATERING", code: "6210", figures: ["employees", "revenue"], ceiling: [300, 10000], medium: [100, 2000], small: [10, 100] },
  { sector: "INFO_TRANSMISSION", code: "6312", figures: ["employees", "revenue"], ceiling: [2000, 100000], medium: [100, 1000], small: [10, 100] },
  { sector: "SOFTWARE_IT", code: "6513", figures: ["employees", "revenue"], ceiling: [300, 10000], medium: [100, 1000], small: [10, 50] },
  { sector: "REAL_ESTATE_DEVELOPMENT", code: "7010", figures: ["revenue", "totalAssets"], ceiling: [200000, 10000], medium: [1000, 5000], small: [100, 2000] },
  { sector: "PROPERTY_MANAGEMENT", code: "7020", figures: ["employees", "revenue"], ceiling: [1000, 5000], medium: [300, 1000], small: [100, 500] },
  { sector: "LEASING_BUSINESS", code: "7212", figures: ["employees", "totalAssets"], ceiling: [300, 120000], medium: [100, 8000], small: [10, 100] },
  { sector: "OTHER", code: "7530", figures: ["employees"], ceiling: [300], medium: [100], small: [10] },
];

const size = (code: string, figures: Figure[], values: number[]) =>
  classifySize({ industryCode: code, ...Object.fromEntries(figures.map((f, i) => [f, values[i]])) });

describe.each(SPEC)("$sector (e.g. $code)", ({ sector, code, figures, ceiling, medium, small }) => {
  const expectSize = (values: number[], expected: CompanySize) => {
    const result = size(code, figures, values);
    expect(result.sector).toBe(sector);
    expect(result.size, `${figures.join("/")} = ${values.join("/")}`).toBe(expected);
  };
  const lower = (limits: number[], i: number) => limits.map((v, j) => (j === i ? v - 1 : v));

  it("maps the sample code to the sector", () => {
    expect(sizeSectorOf(code)).toBe(sector);
  });

  it("is large at the SME ceiling, and SME one below it", () => {
    expectSize(ceiling, "LARGE");
    figures.forEach((_, i) => expectSize(lower(ceiling, i), "MEDIUM"));
  });

  it("stays SME when only one figure reaches the ceiling (the ceiling is 或)", () => {
    if (figures.length === 1) return;
    expectSize([ceiling[0] * 10, ceiling[1] - 1], "MEDIUM");
    expectSize([ceiling[0] - 1, ceiling[1] * 10], "MEDIUM");
  });

  it("is medium exactly at the medium floor, small one below on any figure", () => {
    expectSize(medium, "MEDIUM");
    figures.forEach((_, i) => expectSize(lower(medium, i), "SMALL"));
  });

  it("is small exactly at the small floor, micro one below on any figure", () => {
    expectSize(small, "SMALL");
    figures.forEach((_, i) => expectSize(lower(small, i), "MICRO"));
    expectSize(figures.map(() => 0), "MICRO");
  });

  it("is micro when one figure is under the small floor however large the other", () => {
    if (figures.length === 1) return;
    expectSize([small[0] - 1, ceiling[1] * 10], "MICRO");
    expectSize([ceiling[0] * 10, small[1] - 1], "MICRO");
  });

  it("names each missing figure and gives no size", () => {
    const result = classifySize({ industryCode: code });
    expect(result.size).toBeNull();
    expect(result.sector).toBe(sector);
    expect(result.missing).toEqual(figures.map((f) => ({ employees: "从业人员", revenue: "营业收入", totalAssets: "资产总额" })[f]));
  });
});

describe("classifySize", () => {
  it("explains the decision with the figures and the threshold met", () => {
    expect(classifySize({ industryCode: "3841", employees: 350, revenue: 5000 })).toEqual({
      size: "MEDIUM",
      sector: "INDUSTRY",
      reason: "工业：从业人员 350 人、营业收入 5,000 万元，达到中型标准（从业人员≥300人且营业收入≥2000万元）",
    });
    expect(classifySize({ industryCode: "3841", employees: 1200, revenue: 52000.5 }).reason).toBe(
      "工业：从业人员 1,200 人、营业收入 52,000.5 万元，超出中小微型企业上限（从业人员≥1000人且营业收入≥40000万元），为大型企业",
    );
    expect(classifySize({ industryCode: "6513", employees: 8, revenue: 3000 }).reason).toBe(
      "软件和信息技术服务业：从业人员 8 人、营业收入 3,000 万元，为微型企业（从业人员<10人或营业收入<50万元）",
    );
    expect(classifySize({ industryCode: "0111", revenue: 60 }).reason).toBe(
      "农、林、牧、渔业：营业收入 60 万元，达到小型标准（营业收入≥50万元）",
    );
  });

  it("uses only the figures the sector's rule names", () => {
    // 建筑业 is judged on revenue and assets; a head count alone neither helps nor is required.
    expect(classifySize({ industryCode: "4710", employees: 5000, revenue: 400, totalAssets: 400 }).size).toBe("SMALL");
    expect(classifySize({ industryCode: "7530", employees: 150, revenue: 0 }).size).toBe("MEDIUM");
  });

  it("lists only what is missing", () => {
    expect(classifySize({ industryCode: "3841", employees: 50 })).toEqual({
      size: null,
      sector: "INDUSTRY",
      reason: "工业：缺少营业收入，无法划型",
      missing: ["营业收入"],
    });
    expect(classifySize({ industryCode: "7010", totalAssets: 3000 }).missing).toEqual(["营业收入"]);
    expect(classifySize({ industryCode: "7212", revenue: 100 }).missing).toEqual(["从业人员", "资产总额"]);
  });

  it("refuses negative or non-numeric figures", () => {
    const result = classifySize({ industryCode: "3841", employees: -1, revenue: Number.NaN });
    expect(result.size).toBeNull();
    expect(result.reason).toBe("工业：从业人员、营业收入不是有效的非负数，无法划型");
  });

  it("works from a 大类 or 中类 code when it falls in one sector", () => {
    expect(classifySize({ industryCode: "38", employees: 25, revenue: 400 }).size).toBe("SMALL");
    expect(classifySize({ industryCode: "C", employees: 25, revenue: 400 }).size).toBe("SMALL");
  });

  it("gives no size, with the reason, where the rule does not apply", () => {
    expect(classifySize({ industryCode: "5311", employees: 10, revenue: 10 })).toEqual({
      size: null,
      sector: null,
      reason: "铁路运输业不适用《中小企业划型标准规定》",
    });
    expect(classifySize({ industryCode: "6621", employees: 10 }).reason).toBe("金融业企业按《金融业企业划型标准规定》划型，不适用本规定");
    expect(classifySize({ industryCode: "9100", employees: 10 }).reason).toBe("公共管理、社会保障和社会组织不属于企业划型范围");
    expect(classifySize({ industryCode: "59", employees: 10 }).reason).toBe("59 装卸搬运和仓储业跨多个划型行业，请具体到中类或小类");
    expect(classifySize({ industryCode: "9840", employees: 10 }).reason).toBe("“9840”不是 GB/T 4754-2017 行业代码");
  });
});

describe("sizeSectorOf", () => {
  it.each([
    ["0511", "AGRICULTURE"], // 农业专业及辅助性活动 is still 门类 A
    ["05", "AGRICULTURE"],
    ["0610", "INDUSTRY"],
    ["B", "INDUSTRY"],
    ["4411", "INDUSTRY"],
    ["D", "INDUSTRY"],
    ["E", "CONSTRUCTION"],
    ["51", "WHOLESALE"],
    ["52", "RETAIL"],
    ["5810", "TRANSPORT"],
    ["5910", "TRANSPORT"], // 装卸搬运: in 59 since 2017, still 交通运输业 for sizing
    ["5920", "WAREHOUSING"],
    ["599", "WAREHOUSING"],
    ["60", "POSTAL"],
    ["61", "ACCOMMODATION"],
    ["62", "CATERING"],
    ["63", "INFO_TRANSMISSION"],
    ["6432", "INFO_TRANSMISSION"], // 互联网 counts as 信息传输业
    ["65", "SOFTWARE_IT"],
    ["7030", "OTHER"],
    ["7040", "OTHER"],
    ["7090", "OTHER"],
    ["L", "LEASING_BUSINESS"],
    ["71", "LEASING_BUSINESS"],
    ["M", "OTHER"],
    ["8310", "OTHER"],
    ["8411", "OTHER"],
    ["R", "OTHER"],
  ])("%s → %s", (code, sector) => {
    expect(sizeSectorOf(code)).toBe(sector);
    expect(sizeRuleCoverage(code)).toBeNull();
  });

  it.each(["53", "5311", "J", "6621", "S", "9100", "T", "9700", "G", "59", "K", "70", "F", "I", "", "9840"])(
    "%s has no single sector",
    (code) => {
      expect(sizeSectorOf(code)).toBeNull();
      expect(sizeRuleCoverage(code)).toBeTruthy();
    },
  );
});

it("labels the sizes in Chinese", () => {
  expect(SIZE_LABELS).toEqual({ LARGE: "大型", MEDIUM: "中型", SMALL: "小型", MICRO: "微型" });
});
