import { describe, expect, it } from "vitest";
import { industryByCode, industryLabel, industryPath, isValidIndustryCode, normalizeIndustryCode } from "./industry";
import { DIVISIONS } from "./industry-divisions";
import { SECTIONS } from "./industry-sections";

describe("GB/T 4754-2017 codes", () => {
  it("has all 20 门类 and 97 大类, each division inside its section's range", () => {
    expect(SECTIONS).toHaveLength(20);
    expect(Object.keys(DIVISIONS)).toHaveLength(97);
    for (const s of SECTIONS) {
      for (let d = s.from; d <= s.to; d++) expect(DIVISIONS[String(d).padStart(2, "0")], `${s.code} ${d}`).toBeTruthy();
    }
  });

  it("looks up every level", () => {
    expect(industryByCode("C")).toMatchObject({ level: "section", name: "制造业" });
    expect(industryByCode("38")).toMatchObject({ level: "division", name: "电气机械和器材制造业", section: { code: "C" } });
    expect(industryByCode("3841")).toMatchObject({ level: "class", name: "锂离子电池制造", named: true, division: { code: "38" } });
    expect(industryByCode("6511")).toMatchObject({ name: "基础软件开发", section: { code: "I" } });
    expect(industryByCode("7530")?.name).toBe("科技中介服务");
  });

  it("accepts a class it cannot name under its division, and says so", () => {
    expect(industryByCode("3899")).toMatchObject({ level: "class", named: false, division: { code: "38" } });
    expect(industryLabel("3899")).toBe("3899（电气机械和器材制造业）");
    expect(industryLabel("3841")).toBe("3841 锂离子电池制造");
  });

  it("refuses what is not a code", () => {
    for (const bad of ["", "U", "00", "98", "9999", "C3841", "38410", "abcd", "6-51"]) {
      expect(isValidIndustryCode(bad), bad).toBe(false);
    }
  });

  it("normalises what people type", () => {
    expect(normalizeIndustryCode(" c3841 ")).toBe("3841");
    expect(normalizeIndustryCode("i")).toBe("I");
    expect(normalizeIndustryCode("软件")).toBeNull();
  });

  it("gives the path from section down", () => {
    expect(industryPath("3841")).toEqual(["C 制造业", "38 电气机械和器材制造业", "3841 锂离子电池制造"]);
    expect(industryPath("xx")).toEqual([]);
  });
});
