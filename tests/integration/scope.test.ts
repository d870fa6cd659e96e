import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { getCompany, countCompanies } from "~/companies/company.server";
import { getGridNode, listAssignedGrids } from "~/grids/grid.server";
import { actorFor } from "../support/actors";
import { demoCompanyRows } from "../../seed/demo-companies";

const companyNamed = (name: string) => prisma.company.findFirstOrThrow({ where: { name } });

describe("data functions are scoped to the acting user", () => {
  it("the demo city has the real Zhengzhou tree", async () => {
    expect(await prisma.gridNode.count({ where: { level: "STREET" } })).toBe(208);
    expect(await prisma.gridNode.count({ where: { level: "COMMUNITY" } })).toBe(3306);
    const fengyang = await prisma.gridNode.findUniqueOrThrow({ where: { code: "410172560" }, include: { parent: true } });
    expect(fengyang.name).toBe("枫杨街道");
    expect(fengyang.parent?.name).toBe("郑州高新技术产业开发区");
  });

  it("places every named demo company in a community or estate grid", async () => {
    const demo = await prisma.company.findMany({ where: { uscc: { in: demoCompanyRows(2025).map((r) => r.统一社会信用代码!) } }, include: { grid: true } });
    expect(demo).toHaveLength(6);
    for (const c of demo) expect(["COMMUNITY", "ESTATE"], c.name).toContain(c.grid?.level);
  });

  it("a grid worker sees companies in their street's subtree only", async () => {
    const wangge = await actorFor("wangge");
    const inside = await companyNamed("郑州云帆智能科技有限公司"); // in a 三级 grid under 枫杨街道
    const outside = await companyNamed("郑州金水区鑫达商贸有限公司"); // 金水区
    expect(await getCompany({ actor: wangge, id: inside.id })).not.toBeNull();
    expect(await getCompany({ actor: wangge, id: outside.id })).toBeNull();
    expect(await countCompanies({ actor: wangge })).toBe(3);
  });

  it("a park operator sees the park's companies, wherever their community grid is", async () => {
    const yuanqu = await actorFor("yuanqu");
    const names = (await prisma.company.findMany({ where: { parkGrid: { code: "P410172-01" } } })).map((c) => c.name);
    expect(names.sort()).toEqual(["河南中科芯联电子有限公司", "郑州云帆智能科技有限公司"]);
    expect(await countCompanies({ actor: yuanqu })).toBe(2);
    const elsewhere = await companyNamed("河南绿源新材料科技有限公司");
    expect(await getCompany({ actor: yuanqu, id: elsewhere.id })).toBeNull();
  });

  it("enterprise staff see only their own company", async () => {
    const qiye = await actorFor("qiye");
    const own = await companyNamed("郑州云帆智能科技有限公司");
    const other = await companyNamed("河南中科芯联电子有限公司");
    expect((await getCompany({ actor: qiye, id: own.id }))?.name).toBe("郑州云帆智能科技有限公司");
    expect(await getCompany({ actor: qiye, id: other.id })).toBeNull();
    expect(await countCompanies({ actor: qiye })).toBe(1);
  });

  it("department handlers see no company registry by default", async () => {
    const bumen = await actorFor("bumen");
    expect(await countCompanies({ actor: bumen })).toBe(0);
  });

  it("grid nodes outside the subtree are not found", async () => {
    const wangge = await actorFor("wangge");
    const community = await prisma.gridNode.findUniqueOrThrow({ where: { code: "410172560001" } });
    const otherStreet = await prisma.gridNode.findUniqueOrThrow({ where: { code: "410172561" } });
    expect(await getGridNode({ actor: wangge, id: community.id })).not.toBeNull();
    expect(await getGridNode({ actor: wangge, id: otherStreet.id })).toBeNull();
    const [assigned] = await listAssignedGrids({ actor: wangge });
    expect(assigned.name).toBe("枫杨街道");
    // 18 communities + 3 demo estates + 2 dedicated grids (a park, a building) under 枫杨街道
    expect(assigned.descendantCount).toBe(23);
  });

  it("city-wide roles see every company", async () => {
    const total = await prisma.company.count();
    for (const username of ["admin", "zhengce", "shenhe"]) {
      expect(await countCompanies({ actor: await actorFor(username) })).toBe(total);
    }
  });
});
