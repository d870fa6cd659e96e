import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { isRole } from "~/auth/roles";

/** The Actor a demo account acts as, read the same way the session code reads it. */
export async function actorFor(username: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { username },
    include: { grids: { include: { grid: { select: { path: true } } } } },
  });
  if (!isRole(user.role)) throw new Error(`bad role ${user.role}`);
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
