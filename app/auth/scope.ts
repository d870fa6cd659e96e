import type { Actor } from "~/auth/actor";

/**
 * Scope answers shared by every data function: what part of the grid tree and which companies
 * an actor may see. Data functions turn these into query filters (scope.server.ts) so a record
 * outside the scope is simply not found.
 */

/** Roles that see the whole city: they decide city-wide policy or administer the system. */
const CITY_WIDE: ReadonlySet<Actor["role"]> = new Set(["ADMIN", "POLICY_OFFICER", "REVIEWER"]);

export function seesWholeCity(actor: Actor): boolean {
  return CITY_WIDE.has(actor.role);
}

/** May the actor see the grid node at this materialised path (its own subtree only)? */
export function canSeeGridPath(actor: Actor, path: string): boolean {
  if (seesWholeCity(actor)) return true;
  if (actor.role !== "GRID_WORKER" && actor.role !== "SUPERVISOR") return false;
  return actor.gridPaths.some((root) => path.startsWith(root));
}

/** May the actor see this company, given where it sits in the grid tree? */
export function canSeeCompany(
  actor: Actor,
  company: { id: string; gridPath: string | null; parkGridPath: string | null },
): boolean {
  if (seesWholeCity(actor)) return true;
  if (actor.role === "ENTERPRISE") return actor.companyId === company.id;
  if (actor.role === "GRID_WORKER" || actor.role === "SUPERVISOR") {
    return [company.gridPath, company.parkGridPath].some((p) => p !== null && canSeeGridPath(actor, p));
  }
  return false;
}
