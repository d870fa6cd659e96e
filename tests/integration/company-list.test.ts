import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { listCompanies } from "~/companies/company.server";
import { parseCompanyFilters } from "~/companies/filters";
import { actorFor } from "../support/actors";

const names = async (username: string, query: string) => {
  const { rows, total } = await listCompanies({ actor: await actorFor(username), filters: parseCompanyFilters(new URLSearchParams(query)) });
  expect(rows.length).toBe(Math.min(total, 20));
  return rows.map((r) => r.name).sort();
};

describe("company list filters", () => {
  it("filters by industry section and division as code ranges", async () => {
    expect(await names("admin", "industry=I")).toEqual(["郑州云帆智能科技有限公司", "郑州数智通软件股份有限公司"]);
    expect(await names("admin", "industry=C")).toEqual(["河南中科芯联电子有限公司", "河南绿源新材料科技有限公司", "郑州汉威精密传感器有限公司"]);
    expect(await names("admin", "industry=39")).toEqual(["河南中科芯联电子有限公司", "郑州汉威精密传感器有限公司"]);
    expect(await names("admin", "industry=52")).toEqual(["郑州金水区鑫达商贸有限公司"]);
  });

  it("filters by a grid's whole subtree, within the actor's scope only", async () => {
    const wutong = await prisma.gridNode.findUniqueOrThrow({ where: { code: "410172561" } });
    const fengyang = await prisma.gridNode.findUniqueOrThrow({ where: { code: "410172560" } });
    expect(await names("admin", `gridId=${wutong.id}`)).toEqual(["郑州汉威精密传感器有限公司"]);
    expect((await names("wangge", `gridId=${fengyang.id}`)).length).toBe(3);
    // A grid outside a worker's scope narrows to nothing; it never widens the scope.
    expect(await names("wangge", `gridId=${wutong.id}`)).toEqual([]);
  });

  it("counts only qualifications valid today", async () => {
    // 云帆's and 汉威's 高新技术企业 certificates have expired; 中科芯联's runs to 2027.
    const now = new Date();
    const valid = await prisma.companyQualification.findMany({ where: { kind: "HIGH_TECH", issuedAt: { lte: now }, OR: [{ expiresAt: null }, { expiresAt: { gte: now } }] }, include: { company: true } });
    expect(await names("admin", "qualification=HIGH_TECH")).toEqual(valid.map((q) => q.company.name).sort());
  });

  it("filters by size and by companies not visited for 90 days", async () => {
    expect(await names("admin", "size=LARGE")).toEqual(["郑州汉威精密传感器有限公司"]);
    const all = await names("admin", "");
    expect(await names("admin", "noVisitDays=90")).toEqual(all); // nobody has been visited yet
  });

  it("ignores malformed parameters instead of failing", async () => {
    const filters = parseCompanyFilters(new URLSearchParams("page=-3&pageSize=7&size=HUGE&industry=Z9&sort=evil&noVisitDays=abc"));
    expect(filters).toMatchObject({ page: 1, pageSize: 20, sort: "name", order: "asc" });
    expect(filters.size).toBeUndefined();
    expect(filters.industry).toBeUndefined();
  });
});
