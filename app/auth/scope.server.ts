import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { seesWholeCity } from "~/auth/scope";
import { cachedByTree } from "~/grids/tree-cache.server";

// A filter that matches nothing, for roles with no access to a kind of record.
const NOTHING = { id: { in: [] as string[] } };

/** Grid nodes the actor may see: their assigned subtrees. */
export function gridWhere(actor: Actor): Prisma.GridNodeWhereInput {
  if (seesWholeCity(actor)) return {};
  if ((actor.role === "GRID_WORKER" || actor.role === "SUPERVISOR") && actor.gridPaths.length > 0) {
    return { OR: actor.gridPaths.map((p) => ({ path: { startsWith: p } })) };
  }
  return NOTHING;
}

/** Ids of every grid node under the given materialised paths (the nodes themselves included). */
export function subtreeGridIds(paths: string[]): Promise<string[]> {
  if (!paths.length) return Promise.resolve([]);
  return cachedByTree(`subtree:${paths.join("|")}`, async () => {
    const nodes = await prisma.gridNode.findMany({ where: { OR: paths.map((p) => ({ path: { startsWith: p } })) }, select: { id: true } });
    return nodes.map((n) => n.id);
  });
}

/**
 * A grid subtree split by how companies point into it: community and estate grids (Company.gridId)
 * and dedicated grids such as parks (Company.parkGridId). Lists query the two separately, each
 * straight from a covering index, instead of one OR that reads every company row in the subtree.
 */
export interface GridScope {
  gridIds: string[];
  parkIds: string[];
}

export function subtreeScope(paths: string[]): Promise<GridScope> {
  if (!paths.length) return Promise.resolve({ gridIds: [], parkIds: [] });
  return cachedByTree(`scope:${paths.join("|")}`, async () => {
    const nodes = await prisma.gridNode.findMany({ where: { OR: paths.map((p) => ({ path: { startsWith: p } })) }, select: { id: true, level: true } });
    return {
      gridIds: nodes.filter((n) => n.level !== "DEDICATED").map((n) => n.id),
      parkIds: nodes.filter((n) => n.level === "DEDICATED").map((n) => n.id),
    };
  });
}

/** Companies placed (by grid or by park) in any of these grid nodes. */
export function companiesInGrids(gridIds: string[]): Prisma.CompanyWhereInput {
  // Plain id lists, so the gridId / parkGridId indexes answer; a path match per company row
  // would scan the whole registry (120,000 rows) for every count.
  return { OR: [{ gridId: { in: gridIds } }, { parkGridId: { in: gridIds } }] };
}

/** Companies the actor may see: their own (enterprise), their grids' or parks' (grid worker). */
export async function companyWhere(actor: Actor): Promise<Prisma.CompanyWhereInput> {
  if (seesWholeCity(actor)) return {};
  if (actor.role === "ENTERPRISE") return actor.companyId ? { id: actor.companyId } : NOTHING;
  if ((actor.role === "GRID_WORKER" || actor.role === "SUPERVISOR") && actor.gridPaths.length > 0) {
    return companiesInGrids(await subtreeGridIds(actor.gridPaths));
  }
  return NOTHING;
}
