import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { companyWhere } from "~/auth/scope.server";

/** One company, if the actor may see it; null otherwise (callers answer 404, not 403). */
export function getCompany({ actor, id }: { actor: Actor; id: string }) {
  return prisma.company.findFirst({
    where: { AND: [{ id }, companyWhere(actor)] },
    include: { grid: { select: { id: true, name: true } }, parkGrid: { select: { id: true, name: true } } },
  });
}

export function countCompanies({ actor }: { actor: Actor }) {
  return prisma.company.count({ where: companyWhere(actor) });
}
