import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { gridWhere } from "~/auth/scope.server";

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
