import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { audit } from "~/audit.server";
import { GRID_LEVEL_LABELS, type GridLevel } from "~/grids/levels";
import { gridTreeChanged } from "~/grids/tree-cache.server";
import { requestCompanyMatch } from "~/matching/triggers.server";

/** Which level may sit under which: the tree's shape. 专属 grids may hang anywhere. */
const CHILD_LEVEL: Partial<Record<GridLevel, GridLevel>> = {
  CITY: "DISTRICT",
  DISTRICT: "STREET",
  STREET: "COMMUNITY",
  COMMUNITY: "ESTATE",
};

export class GridEditError extends Error {
  name = "GridEditError";
}

function requireAdmin(actor: Actor) {
  if (actor.role !== "ADMIN") throw new Response("只有管理员可以调整网格。", { status: 403 });
}

/** Runs a tree edit in one transaction and, once committed, drops answers cached from the old tree. */
async function editTree<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  const result = await prisma.$transaction(work);
  gridTreeChanged();
  return result;
}

/** Children of a node (or the roots), with how many children and companies each has. */
export async function listGridChildren({ actor, parentId }: { actor: Actor; parentId: string | null }) {
  requireAdmin(actor);
  const nodes = await prisma.gridNode.findMany({
    where: { parentId },
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
    select: { id: true, code: true, name: true, level: true, kind: true, path: true, _count: { select: { children: true, companies: true, parkCompanies: true } } },
  });
  return nodes.map(({ _count, ...n }) => ({ ...n, childCount: _count.children, companyCount: _count.companies + _count.parkCompanies }));
}

export async function getGridDetail({ actor, id }: { actor: Actor; id: string }) {
  requireAdmin(actor);
  const node = await prisma.gridNode.findUnique({ where: { id }, include: { parent: { select: { id: true, name: true, code: true } }, assignments: { include: { user: { select: { displayName: true, username: true } } } } } });
  if (!node) return null;
  const [subtreeCompanies, subtreeNodes, history] = await Promise.all([
    prisma.company.count({ where: { OR: [{ grid: { path: { startsWith: node.path } } }, { parkGrid: { path: { startsWith: node.path } } }] } }),
    prisma.gridNode.count({ where: { path: { startsWith: node.path }, NOT: { id } } }),
    prisma.auditLog.findMany({ where: { entityType: "GridNode", entityId: id }, orderBy: { id: "desc" }, take: 20 }),
  ]);
  return { node, subtreeCompanies, subtreeNodes, history };
}

export const AddGridForm = z.object({
  parentId: z.string().min(1),
  name: z.string().trim().min(2, "名称至少 2 个字").max(60, "名称最多 60 个字"),
  kind: z.enum(["ESTATE", "PARK", "BUILDING", "MARKET", "CAMPUS"], { errorMap: () => ({ message: "请选择网格类型" }) }),
});

/** Adds a 三级 grid under a community, or a 专属 grid (park, building…) under any node. */
export async function addGridNode({ actor, input }: { actor: Actor; input: z.infer<typeof AddGridForm> }) {
  requireAdmin(actor);
  return editTree(async (tx) => {
    const parent = await tx.gridNode.findUnique({ where: { id: input.parentId } });
    if (!parent) throw new GridEditError("上级网格不存在。");
    const level: GridLevel = input.kind === "ESTATE" ? "ESTATE" : "DEDICATED";
    if (level === "ESTATE" && parent.level !== "COMMUNITY") throw new GridEditError("三级网格（小区/楼院）只能建在社区/村下。");
    if (await tx.gridNode.count({ where: { parentId: parent.id, name: input.name } })) throw new GridEditError(`“${parent.name}”下已有同名网格。`);
    const prefix = level === "ESTATE" ? "E" : "P";
    const siblings = await tx.gridNode.count({ where: { parentId: parent.id, level } });
    const code = await freeCode(tx, `${prefix}${parent.code}-`, siblings + 1);
    const id = crypto.randomUUID();
    const node = await tx.gridNode.create({
      data: { id, code, name: input.name, level, kind: level === "DEDICATED" ? input.kind : null, parentId: parent.id, path: `${parent.path}${id}/`, depth: parent.depth + 1 },
    });
    await audit({ actorId: actor.id, action: "grid.add", entityType: "GridNode", entityId: id, detail: { name: input.name, parent: parent.name, level: GRID_LEVEL_LABELS[level], kind: input.kind } }, tx);
    return node;
  });
}

async function freeCode(tx: Prisma.TransactionClient, prefix: string, start: number) {
  for (let n = start; ; n++) {
    const code = `${prefix}${String(n).padStart(2, "0")}`;
    if (!(await tx.gridNode.count({ where: { code } }))) return code;
  }
}

export async function renameGridNode({ actor, id, name }: { actor: Actor; id: string; name: string }) {
  requireAdmin(actor);
  const clean = name.trim();
  if (clean.length < 2 || clean.length > 60) throw new GridEditError("名称应为 2–60 个字。");
  return editTree(async (tx) => {
    const node = await tx.gridNode.findUnique({ where: { id } });
    if (!node) throw new GridEditError("网格不存在。");
    if (node.name === clean) return node;
    await audit({ actorId: actor.id, action: "grid.rename", entityType: "GridNode", entityId: id, detail: { from: node.name, to: clean } }, tx);
    return tx.gridNode.update({ where: { id }, data: { name: clean } });
  });
}

/** Re-roots a node's subtree: every descendant's path follows. */
async function reparent(tx: Prisma.TransactionClient, node: { id: string; path: string; depth: number }, parent: { id: string; path: string; depth: number }) {
  const newPath = `${parent.path}${node.id}/`;
  const depthShift = parent.depth + 1 - node.depth;
  const subtree = await tx.gridNode.findMany({ where: { path: { startsWith: node.path } }, select: { id: true, path: true, depth: true } });
  for (const n of subtree) {
    await tx.gridNode.update({ where: { id: n.id }, data: { path: newPath + n.path.slice(node.path.length), depth: n.depth + depthShift } });
  }
  await tx.gridNode.update({ where: { id: node.id }, data: { parentId: parent.id } });
  return subtree.length;
}

function checkPlacement(node: { level: string; name: string }, parent: { level: string; name: string }) {
  if (node.level === "DEDICATED") return;
  if (CHILD_LEVEL[parent.level as GridLevel] !== node.level) {
    throw new GridEditError(`${GRID_LEVEL_LABELS[node.level as GridLevel]}“${node.name}”不能放在${GRID_LEVEL_LABELS[parent.level as GridLevel]}“${parent.name}”下。`);
  }
}

/** Moves a node (with its subtree and companies) under another parent. */
export async function moveGridNode({ actor, id, targetCode }: { actor: Actor; id: string; targetCode: string }) {
  requireAdmin(actor);
  return editTree(async (tx) => {
    const node = await tx.gridNode.findUnique({ where: { id }, include: { parent: true } });
    const target = await tx.gridNode.findUnique({ where: { code: targetCode.trim() } });
    if (!node) throw new GridEditError("网格不存在。");
    if (!target) throw new GridEditError(`没有编码为“${targetCode}”的网格。`);
    if (target.path.startsWith(node.path)) throw new GridEditError("不能把网格移到它自己或它的下级网格下。");
    if (node.parentId === target.id) throw new GridEditError("该网格已经在目标网格下。");
    checkPlacement(node, target);
    const moved = await reparent(tx, node, target);
    await audit({ actorId: actor.id, action: "grid.move", entityType: "GridNode", entityId: id, detail: { name: node.name, from: node.parent?.name ?? null, to: target.name, nodesMoved: moved } }, tx);
    return target;
  });
}

/**
 * Merges a node into another of the same level: its children move under the target, its
 * companies and assigned workers follow, and the node is removed. One transaction.
 */
export async function mergeGridNodes({ actor, id, targetCode }: { actor: Actor; id: string; targetCode: string }) {
  requireAdmin(actor);
  return editTree(async (tx) => {
    const source = await tx.gridNode.findUnique({ where: { id } });
    const target = await tx.gridNode.findUnique({ where: { code: targetCode.trim() } });
    if (!source) throw new GridEditError("网格不存在。");
    if (!target) throw new GridEditError(`没有编码为“${targetCode}”的网格。`);
    if (source.id === target.id) throw new GridEditError("不能与自身合并。");
    if (source.level !== target.level) throw new GridEditError("只能合并同一级别的网格。");
    if (target.path.startsWith(source.path)) throw new GridEditError("不能合并到自己的下级网格。");
    const children = await tx.gridNode.findMany({ where: { parentId: source.id } });
    for (const child of children) await reparent(tx, child, target);
    const companies = await tx.company.updateMany({ where: { gridId: source.id }, data: { gridId: target.id } });
    const parkCompanies = await tx.company.updateMany({ where: { parkGridId: source.id }, data: { parkGridId: target.id } });
    const assignments = await tx.userGrid.findMany({ where: { gridId: source.id } });
    for (const a of assignments) {
      const already = await tx.userGrid.count({ where: { userId: a.userId, gridId: target.id } });
      if (!already) await tx.userGrid.create({ data: { userId: a.userId, gridId: target.id } });
    }
    await tx.userGrid.deleteMany({ where: { gridId: source.id } });
    await tx.gridNode.delete({ where: { id: source.id } });
    const detail = { from: source.name, fromCode: source.code, into: target.name, children: children.length, companies: companies.count + parkCompanies.count, workers: assignments.length };
    await audit({ actorId: actor.id, action: "grid.merge", entityType: "GridNode", entityId: target.id, detail }, tx);
    await audit({ actorId: actor.id, action: "grid.merged-away", entityType: "GridNode", entityId: source.id, detail }, tx);
    return { target, ...detail };
  });
}

export const ReassignForm = z.object({
  targetCode: z.string().trim().min(1, "请填写目标网格编码"),
  reason: z.string().trim().min(2, "请填写调整原因").max(200, "原因最多 200 字"),
});

/** Puts a company in another 二级/三级 grid (or clears the queue entry), recording who and why. */
export async function reassignCompany({ actor, companyId, input }: { actor: Actor; companyId: string; input: z.infer<typeof ReassignForm> }) {
  requireAdmin(actor);
  return prisma.$transaction(async (tx) => {
    const company = await tx.company.findUnique({ where: { id: companyId }, include: { grid: true } });
    const target = await tx.gridNode.findUnique({ where: { code: input.targetCode } });
    if (!company) throw new GridEditError("企业不存在。");
    if (!target) throw new GridEditError(`没有编码为“${input.targetCode}”的网格。`);
    if (target.level === "DEDICATED") {
      await tx.company.update({ where: { id: companyId }, data: { parkGridId: target.id } });
      await audit({ actorId: actor.id, action: "company.reassign", entityType: "Company", entityId: companyId, detail: { changes: { parkGridId: [company.parkGridId, target.id] }, reason: input.reason } }, tx);
      await requestCompanyMatch(tx, companyId, `reassign:${Date.now()}`); // 入驻园区 is a fact
      return target;
    }
    if (target.level !== "COMMUNITY" && target.level !== "ESTATE") throw new GridEditError("企业只能归入二级（社区/村）或三级（小区/楼院）网格，或专属网格。");
    await tx.company.update({ where: { id: companyId }, data: { gridId: target.id } });
    await audit({ actorId: actor.id, action: "company.reassign", entityType: "Company", entityId: companyId, detail: { changes: { gridId: [company.gridId, target.id] }, reason: input.reason } }, tx);
    return target;
  });
}

