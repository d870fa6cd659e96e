import type { Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/auth/actor";
import { seesWholeCity } from "~/auth/scope";

// A filter that matches nothing, for roles with no access to a kind of record.
const NOTHING = { id: { in: [] as string[] } };

/** Grid nodes the actor may see: their assigned subtrees. */
export function gridWhere(actor: Actor): Prisma.GridNodeWhereInput {
  if (seesWholeCity(actor)) return {};
  if (actor.role === "GRID_WORKER" && actor.gridPaths.length > 0) {
    return { OR: actor.gridPaths.map((p) => ({ path: { startsWith: p } })) };
  }
  return NOTHING;
}

/** Companies the actor may see: their own (enterprise), their grids' or parks' (grid worker). */
export function companyWhere(actor: Actor): Prisma.CompanyWhereInput {
  if (seesWholeCity(actor)) return {};
  if (actor.role === "ENTERPRISE") return actor.companyId ? { id: actor.companyId } : NOTHING;
  if (actor.role === "GRID_WORKER" && actor.gridPaths.length > 0) {
    return {
      OR: actor.gridPaths.flatMap((p) => [
        { grid: { path: { startsWith: p } } },
        { parkGrid: { path: { startsWith: p } } },
      ]),
    };
  }
  return NOTHING;
}
