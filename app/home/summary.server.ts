import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { countCompanies } from "~/companies/company.server";
import { countGridsByLevel, listAssignedGrids } from "~/grids/grid.server";

/** What a role's home page shows about the actor's own part of the city. */
export async function homeSummary({ actor }: { actor: Actor }) {
  switch (actor.role) {
    case "ENTERPRISE": {
      const company = actor.companyId
        ? await prisma.company.findUnique({
            where: { id: actor.companyId },
            select: { name: true, uscc: true, grid: { select: { name: true } }, parkGrid: { select: { name: true } } },
          })
        : null;
      return { kind: "enterprise" as const, company };
    }
    case "GRID_WORKER":
    case "SUPERVISOR":
      return {
        kind: "grid" as const,
        grids: await listAssignedGrids({ actor }),
        companyCount: await countCompanies({ actor }),
      };
    case "DEPT_HANDLER": {
      const department = actor.departmentId
        ? await prisma.department.findUnique({ where: { id: actor.departmentId }, select: { name: true } })
        : null;
      return { kind: "department" as const, department };
    }
    default:
      return {
        kind: "city" as const,
        gridsByLevel: await countGridsByLevel({ actor }),
        companyCount: await countCompanies({ actor }),
        userCount: actor.role === "ADMIN" ? await prisma.user.count() : null,
      };
  }
}
