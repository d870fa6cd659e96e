import { describe, expect, it } from "vitest";
import { computeFacts, FACTS, type FactSource, type IndicatorYear } from "./facts";

const year = (y: number, over: Partial<IndicatorYear> = {}): IndicatorYear => ({
  year: y, revenue: null, rdExpense: null, taxPaid: null, totalAssets: null, highTechRevenue: null, employees: null,
  insuredStaff: null, scienceStaff: null, unemploymentInsurancePaid: null, insuranceMonthsPaid: null, layoffs: null, ...over,
});

const company = (over: Partial<FactSource> = {}): FactSource => ({
  registeredAt: new Date("2019-06-15"), registeredCapital: 500, districtCode: "410172", streetCode: "410172560",
  industryCode: "6511", sizeClass: "SMALL", parkGridId: null, tags: ["重点企业"], qualifications: [], indicators: [], ...over,
});

const on = new Date("2026-03-01");

describe("fact catalogue", () => {
  it("has unique keys, Chinese labels and a derivation for every fact", () => {
    expect(new Set(FACTS.map((f) => f.key)).size).toBe(FACTS.length);
    for (const f of FACTS) {
      expect(f.label).toMatch(/[\u4e00-\u9fa5]/);
      expect(f.derivation.length).toBeGreaterThan(4);
    }
  });

  it("reads last year's indicators and derives ratios in percent", () => {
    const facts = computeFacts(company({
      indicators: [
        year(2025, { revenue: 4000, rdExpense: 200, highTechRevenue: 2600, employees: 80, scienceStaff: 12, insuredStaff: 75, layoffs: 3 }),
        year(2024, { revenue: 3200 }),
      ],
    }), on);
    expect(facts.revenue).toBe(4000);
    expect(facts.rdRatio).toBe(5);
    expect(facts.highTechRevenueRatio).toBe(65);
    expect(facts.scienceStaffRatio).toBe(15);
    expect(facts.layoffRate).toBe(4);
    expect(facts.revenueGrowth).toBe(25);
  });

  it("leaves a fact out when its data is missing or would divide by zero", () => {
    const facts = computeFacts(company({ indicators: [year(2025, { revenue: 0, rdExpense: 10 })] }), on);
    expect(facts).not.toHaveProperty("rdRatio");
    expect(facts).not.toHaveProperty("employees");
    expect(facts).not.toHaveProperty("revenueGrowth");
    expect(computeFacts(company({ indicators: [year(2023, { revenue: 10 })] }), on)).not.toHaveProperty("revenue");
  });

  it("counts whole years since registration", () => {
    expect(computeFacts(company(), new Date("2026-06-14")).registeredYears).toBe(6);
    expect(computeFacts(company(), new Date("2026-06-15")).registeredYears).toBe(7);
  });

  it("lists only qualifications valid on the evaluation date", () => {
    const facts = computeFacts(company({
      qualifications: [
        { kind: "HIGH_TECH", issuedAt: new Date("2023-11-01"), expiresAt: new Date("2026-10-31") },
        { kind: "TECH_SME", issuedAt: new Date("2025-05-01"), expiresAt: new Date("2025-12-31") },
        { kind: "GAZELLE", issuedAt: new Date("2026-05-01"), expiresAt: null },
        { kind: "ABOVE_SCALE", issuedAt: new Date("2021-01-01"), expiresAt: null },
      ],
    }), on);
    expect(facts.qualifications).toEqual(["ABOVE_SCALE", "HIGH_TECH"]);
  });

  it("derives the industry section and division from the code", () => {
    const facts = computeFacts(company({ industryCode: "3841" }), on);
    expect(facts.industrySection).toBe("C");
    expect(facts.industryDivision).toBe("38");
    expect(computeFacts(company({ industryCode: "6511" }), on).industrySection).toBe("I");
    expect(computeFacts(company({ sizeClass: "LARGE" }), on).isSme).toBe(false);
  });
});
