import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { subtreeGridIds } from "~/auth/scope.server";
import type { Standing } from "./flow";
import { pathDepth } from "./placement";

/**
 * Who sees which cases, and how a user stands to one case. Every read and write of the case
 * store goes through these, so a case outside the scope is simply not found.
 */
const NOTHING: Prisma.CaseWhereInput = { id: { in: [] } };

/** Grid-side roles: they work cases in their assigned grid subtrees. */
export function worksGrids(actor: Actor): boolean {
  return (actor.role === "GRID_WORKER" || actor.role === "SUPERVISOR") && actor.gridPaths.length > 0;
}

export async function caseWhere(actor: Actor): Promise<Prisma.CaseWhereInput> {
  switch (actor.role) {
    case "ADMIN":
      return {};
    case "ENTERPRISE":
      return actor.companyId ? { companyId: actor.companyId } : NOTHING;
    case "DEPT_HANDLER":
      return actor.departmentId ? { assigneeDeptId: actor.departmentId } : NOTHING;
    case "GRID_WORKER":
    case "SUPERVISOR": {
      if (!worksGrids(actor)) return { assigneeUserId: actor.id };
      // A case is only ever dispatched to a grid worker covering its grid, so that worker sees it here too.
      return subtreeWhere(actor.gridPaths);
    }
    default:
      return NOTHING;
  }
}

/**
 * Cases in grid subtrees, without an OR and without a path match per row: a district or a street
 * is one key of its own indexes (placement.ts); any other subtree is its list of grid ids.
 */
export async function subtreeWhere(paths: string[]): Promise<Prisma.CaseWhereInput> {
  const depths = new Set(paths.map(pathDepth));
  const roots = paths.map((p) => p.split("/").filter(Boolean).at(-1)!);
  const key = (ids: string[]) => (ids.length === 1 ? ids[0] : { in: ids });
  if (depths.has(0)) return {};
  if (depths.size === 1 && depths.has(1)) return { districtId: key(roots) };
  if (depths.size === 1 && depths.has(2)) return { streetId: key(roots) };
  return { gridId: { in: await subtreeGridIds(paths) } };
}

export interface CaseRefs {
  companyId: string | null;
  gridId: string | null;
  handlerGridId: string | null;
  assigneeDeptId: string | null;
  assigneeUserId: string | null;
}

const covers = (actor: Actor, path: string | null | undefined) => !!path && actor.gridPaths.some((root) => path.startsWith(root));

/** Paths of the case's grid and of the node responsible now (one query). */
export async function casePaths(c: Pick<CaseRefs, "gridId" | "handlerGridId">, db: Prisma.TransactionClient = prisma) {
  const ids = [c.gridId, c.handlerGridId].filter((x): x is string => !!x);
  const nodes = ids.length ? await db.gridNode.findMany({ where: { id: { in: ids } }, select: { id: true, path: true } }) : [];
  const path = (id: string | null) => nodes.find((n) => n.id === id)?.path ?? null;
  return { gridPath: path(c.gridId), handlerPath: path(c.handlerGridId) };
}

/**
 * How the actor stands to the case. The dispatcher is the grid side at the case's current level:
 * after 升级 to the street, a community worker can still see the case but no longer works it.
 * An administrator supervises everywhere and dispatches cases no grid could be found for.
 */
export function standingOf(actor: Actor, c: CaseRefs, paths: { gridPath: string | null; handlerPath: string | null }): Standing {
  const gridSide = actor.role === "GRID_WORKER" || actor.role === "SUPERVISOR";
  return {
    filer: actor.role === "ENTERPRISE" && !!actor.companyId && actor.companyId === c.companyId,
    dispatcher: (gridSide && covers(actor, paths.handlerPath)) || (actor.role === "ADMIN" && !c.handlerGridId),
    assignee:
      (actor.role === "DEPT_HANDLER" && !!actor.departmentId && actor.departmentId === c.assigneeDeptId) ||
      (!!c.assigneeUserId && c.assigneeUserId === actor.id),
    supervisor: actor.role === "ADMIN" || (actor.role === "SUPERVISOR" && covers(actor, paths.gridPath ?? paths.handlerPath)),
  };
}
