import { beforeAll, describe, expect, it, vi } from "vitest";

// These tests reshape the tree, so they get a database of their own (set before db.server loads).
vi.hoisted(() => {
  process.env.DATABASE_URL = `file:${process.env.QQ_TEST_DIR}/grid-admin.db`;
});

import { prisma } from "~/db.server";
import { migrateDatabase } from "../../scripts/db/migrate";
import { seedDemo } from "../../seed/demo";
import { addGridNode, GridEditError, mergeGridNodes, moveGridNode, reassignCompany, renameGridNode } from "~/grids/grid-admin.server";
import { actorFor } from "../support/actors";

const node = (code: string) => prisma.gridNode.findUniqueOrThrow({ where: { code } });

/** Every node's path is its parent's path plus its own id, and depth matches. */
async function treeIsConsistent(): Promise<boolean> {
  const nodes = await prisma.gridNode.findMany({ select: { id: true, parentId: true, path: true, depth: true } });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return nodes.every((n) => {
    const parent = n.parentId ? byId.get(n.parentId) : null;
    return parent ? n.path === `${parent.path}${n.id}/` && n.depth === parent.depth + 1 : n.path === `/${n.id}/` && n.depth === 0;
  });
}

beforeAll(async () => {
  await migrateDatabase(process.env.DATABASE_URL!);
  await seedDemo();
});

describe("grid tree editing (admin)", () => {
  it("refuses everyone but administrators", async () => {
    const wangge = await actorFor("wangge");
    const street = await node("410172562");
    await expect(renameGridNode({ actor: wangge, id: street.id, name: "改名" })).rejects.toMatchObject({ status: 403 });
  });

  it("adds an estate under a community and a park anywhere, with a recorded change", async () => {
    const admin = await actorFor("admin");
    const community = await node("410172562002");
    const estate = await addGridNode({ actor: admin, input: { parentId: community.id, name: "芙蓉小区", kind: "ESTATE" } });
    expect(estate).toMatchObject({ level: "ESTATE", parentId: community.id, depth: community.depth + 1, path: `${community.path}${estate.id}/` });
    const park = await addGridNode({ actor: admin, input: { parentId: (await node("410172562")).id, name: "双桥智造园", kind: "PARK" } });
    expect(park).toMatchObject({ level: "DEDICATED", kind: "PARK" });
    await expect(addGridNode({ actor: admin, input: { parentId: (await node("410172562")).id, name: "错层小区", kind: "ESTATE" } })).rejects.toThrow(GridEditError);
    const log = await prisma.auditLog.findFirst({ where: { action: "grid.add", entityId: estate.id } });
    expect(log?.actorId).toBe(admin.id);
  });

  it("moves a community with its estates to another street; the whole subtree follows", async () => {
    const admin = await actorFor("admin");
    const community = await node("410172562002"); // has the estate added above
    await moveGridNode({ actor: admin, id: community.id, targetCode: "410105001" });
    const moved = await node("410172562002");
    const target = await node("410105001");
    expect(moved.parentId).toBe(target.id);
    const estates = await prisma.gridNode.findMany({ where: { parentId: moved.id } });
    expect(estates.length).toBe(1);
    expect(estates[0].path.startsWith(moved.path)).toBe(true);
    expect(await treeIsConsistent()).toBe(true);
    // Moving under its own subtree, or to a wrong level, is refused.
    await expect(moveGridNode({ actor: admin, id: target.id, targetCode: "410172562002" })).rejects.toThrow("不能把网格移到它自己或它的下级网格下");
    await expect(moveGridNode({ actor: admin, id: moved.id, targetCode: "410105" })).rejects.toThrow(/不能放在/);
    await moveGridNode({ actor: admin, id: moved.id, targetCode: "410172562" }); // put it back
    expect(await treeIsConsistent()).toBe(true);
  });

  it("merges a community into another: children, companies and workers follow, the source is gone", async () => {
    const admin = await actorFor("admin");
    const source = await node("410172562002");
    const target = await node("410172562001");
    const company = await prisma.company.create({ data: { uscc: "91410172TEST000001", name: "合并测试企业", gridId: source.id } });
    const worker = await prisma.user.findUniqueOrThrow({ where: { username: "bumen" } });
    await prisma.userGrid.create({ data: { userId: worker.id, gridId: source.id } });

    const result = await mergeGridNodes({ actor: admin, id: source.id, targetCode: target.code });
    expect(result).toMatchObject({ children: 1, companies: 1, workers: 1 });
    expect(await prisma.gridNode.findUnique({ where: { id: source.id } })).toBeNull();
    expect((await prisma.company.findUniqueOrThrow({ where: { id: company.id } })).gridId).toBe(target.id);
    expect(await prisma.gridNode.count({ where: { parentId: target.id, name: "芙蓉小区" } })).toBe(1);
    expect(await prisma.userGrid.count({ where: { userId: worker.id, gridId: target.id } })).toBe(1);
    expect(await treeIsConsistent()).toBe(true);
    await expect(mergeGridNodes({ actor: admin, id: target.id, targetCode: "410172562" })).rejects.toThrow("只能合并同一级别的网格");
  });

  it("reassigns a company with who and why", async () => {
    const admin = await actorFor("admin");
    const company = await prisma.company.findFirstOrThrow({ where: { name: "河南绿源新材料科技有限公司" } });
    await reassignCompany({ actor: admin, companyId: company.id, input: { targetCode: "410105001003", reason: "企业搬迁至金水区" } });
    const after = await prisma.company.findUniqueOrThrow({ where: { id: company.id }, include: { grid: true } });
    expect(after.grid?.code).toBe("410105001003");
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "company.reassign", entityId: company.id } });
    expect(JSON.parse(log.detail!)).toMatchObject({ reason: "企业搬迁至金水区" });
    await expect(reassignCompany({ actor: admin, companyId: company.id, input: { targetCode: "410105001", reason: "测试" } })).rejects.toThrow(/二级/);
  });
});
