import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { registryFacts } from "~/matching/registry-facts.server";
import { qualifiesByReference } from "~/rules/reference.server";
import { factInstant } from "~/utils/dates";
import { computeImpact, explainCompany, findCompaniesForTest, impactPage } from "./impact.server";
import { conditionsOf, readPolicyFile } from "./policy-file";
import { runSituations } from "./situations";

// The shared demo database (read only): the named demo companies against the seeded policies.
const ON = "2026-06-30";

describe("impact before publishing", () => {
  it("counts exactly the companies json-rules-engine qualifies, for every seeded policy", async () => {
    const companies = [];
    for await (const batch of registryFacts(factInstant(ON))) companies.push(...batch);
    expect(companies.length).toBeGreaterThan(0);
    const versions = await prisma.policyVersion.findMany({ where: { status: "PUBLISHED" } });
    let qualifiedSomewhere = 0;
    for (const v of versions) {
      const policy = readPolicyFile(v.document).policy!;
      const impact = (await computeImpact(v.id, ON))!;
      expect(impact.evaluated).toBe(companies.length);
      for (const clause of policy.clauses) {
        let expected = 0;
        for (const c of companies) if (await qualifiesByReference(conditionsOf(clause), c.facts)) expected++;
        expect(impact.clauses.find((x) => x.key === clause.id)?.qualified, `${v.policyId}/${clause.id}`).toBe(expected);
        qualifiedSomewhere += expected;
      }
      expect(impact.bySize.reduce((n, s) => n + s.qualified, 0)).toBe(impact.qualified);
      expect(impact.byDistrict.reduce((n, s) => n + s.qualified, 0)).toBe(impact.qualified);
      expect(impactPage(impact, "all", 1).total).toBe(impact.qualified);
    }
    expect(qualifiedSomewhere).toBeGreaterThan(0); // the demo companies were written to qualify for some
  });

  it("explains one company clause by clause, in Chinese", async () => {
    const [found] = await findCompaniesForTest("郑州");
    expect(found).toBeDefined();
    const v = await prisma.policyVersion.findFirstOrThrow({ where: { policyId: "shiye-baoxian-wengang-fanhuan", status: "PUBLISHED" } });
    const explained = (await explainCompany(v.id, found.id, ON))!;
    expect(explained.clauses).toHaveLength(2);
    for (const c of explained.clauses) expect(c.lines.join("\n")).toMatch(/[✓✗] .*（实际/);
    expect(await findCompaniesForTest(found.uscc)).toEqual([found]);
  });

  it("runs a policy's own situations and says which failed", () => {
    const v = readPolicyFile(
      `id: t\ntitle: 测试政策一\ndocNumber: 测试\nissuer: 测试单位\nlevel: 市\nregion: "4101"\npublishedOn: 2026-01-01\neffectiveFrom: 2026-01-01\ntags: []\nindustries: []\nsummary: s\ntext: t\n` +
        `clauses:\n  - id: a\n    name: 条款甲\n    delivery: 免申即享\n    conditions:\n      all:\n        - fact: revenue\n          operator: greaterThanInclusive\n          value: 100\n` +
        `    benefit:\n      kind: fixed\n      unit: 万元\n      parameters:\n        amount:\n          - from: 2026-01-01\n            value: 5\n      description: 奖励5万元\n` +
        `situations:\n  - name: 营收一百万元符合\n    on: 2026-06-01\n    facts:\n      revenue: 100\n    expect:\n      a:\n        qualifies: true\n        amount: 5\n` +
        `  - name: 营收九十九万元预期错写成符合\n    on: 2026-06-01\n    facts:\n      revenue: 99\n    expect:\n      a:\n        qualifies: true\n`,
    ).policy!;
    const results = runSituations(v);
    expect(results.map((r) => r.passed)).toEqual([true, false]);
    expect(results[1].failures[0]).toBe("条款甲：预期符合，实际不符合");
  });
});
