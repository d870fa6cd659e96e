import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { gridWhere } from "~/auth/scope.server";
import { seesWholeCity } from "~/auth/scope";
import { cachedByTree } from "~/grids/tree-cache.server";

/** The grid nodes an actor is assigned to, with how much lies beneath each. */
export async function listAssignedGrids({ actor }: { actor: Actor }) {
  const roots = await prisma.gridNode.findMany({
    where: { assignments: { some: { userId: actor.id } } },
    select: { id: true, name: true, level: true, kind: true, path: true },
    orderBy: { code: "asc" },
  });
  return Promise.all(
    roots.map(async (root) => ({
      ...root,
      descendantCount: await prisma.gridNode.count({ where: { path: { startsWith: root.path }, NOT: { id: root.id } } }),
    })),
  );
}

/** One grid node, if the actor may see it; null otherwise (callers answer 404). */
export function getGridNode({ actor, id }: { actor: Actor; id: string }) {
  return prisma.gridNode.findFirst({ where: { AND: [{ id }, gridWhere(actor)] } });
}

/** Counts of visible grid nodes by level, for dashboards and home pages. */
export async function countGridsByLevel({ actor }: { actor: Actor }) {
  const rows = await prisma.gridNode.groupBy({ by: ["level"], where: gridWhere(actor), _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.level, r._count._all])) as Record<string, number>;
}

export interface GridOption {
  value: string;
  title: string;
  children?: GridOption[];
}

/**
 * The grid nodes an actor can filter by, as a tree: a grid worker's own subtrees (two levels
 * down), or for city-wide roles the districts, streets and dedicated grids.
 */
export function gridFilterOptions({ actor }: { actor: Actor }): Promise<GridOption[]> {
  const key = seesWholeCity(actor) ? "options:city" : `options:${actor.gridPaths.join("|")}`;
  return cachedByTree(key, () => buildGridFilterOptions(actor));
}

async function buildGridFilterOptions(actor: Actor): Promise<GridOption[]> {
  const roots = await prisma.gridNode.findMany({
    where: seesWholeCity(actor) ? { level: "CITY" } : { assignments: { some: { userId: actor.id } } },
    select: { id: true, path: true, depth: true },
  });
  const nodes = await prisma.gridNode.findMany({
    where: {
      AND: [
        gridWhere(actor),
        { OR: roots.map((r) => ({ path: { startsWith: r.path }, depth: { lte: r.depth + (seesWholeCity(actor) ? 2 : 3) } })) },
        seesWholeCity(actor) ? { level: { in: ["CITY", "DISTRICT", "STREET", "DEDICATED"] } } : {},
      ],
    },
    select: { id: true, name: true, parentId: true, sortOrder: true },
    orderBy: { sortOrder: "asc" },
  });
  const byId = new Map(nodes.map((n) => [n.id, { value: n.id, title: n.name } as GridOption]));
  const top: GridOption[] = [];
  for (const n of nodes) {
    const option = byId.get(n.id)!;
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    if (parent) (parent.children ??= []).push(option);
    else top.push(option);
  }
  return top;
}
