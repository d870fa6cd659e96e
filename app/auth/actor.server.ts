import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { isRole } from "~/auth/roles";

/** What an Actor is read from: a user with the paths of their assigned grids. */
export const ACTOR_INCLUDE = { grids: { include: { grid: { select: { path: true } } } } } as const;

type UserWithGrids = {
  id: string; username: string; displayName: string; role: string; companyId: string | null; departmentId: string | null;
  grids: { grid: { path: string } }[];
};

/** The Actor for a user row, or null if the row's role is not one we know. */
export function toActor(user: UserWithGrids): Actor | null {
  if (!isRole(user.role)) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    companyId: user.companyId,
    departmentId: user.departmentId,
    gridPaths: user.grids.map((g) => g.grid.path),
  };
}

/** The Actor for a username: for command-line tools and tests. */
export async function actorFor(username: string): Promise<Actor> {
  const actor = toActor(await prisma.user.findUniqueOrThrow({ where: { username }, include: ACTOR_INCLUDE }));
  if (!actor) throw new Error(`账号 ${username} 的角色无效`);
  return actor;
}
