import { z } from "zod";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { companyWhere } from "~/auth/scope.server";
import { audit } from "~/audit.server";
import { cityDate } from "~/utils/dates";

export const VisitForm = z.object({
  visitedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "请选择走访日期")
    .refine((d) => !Number.isNaN(Date.parse(d)), "日期无效")
    // Today is the city's day (UTC+8), as the worker's calendar shows it: from 00:00 to 08:00
    // Beijing time the UTC date is still yesterday, and today's visit was refused.
    .refine((d) => d <= cityDate(), "走访日期不能晚于今天"),
  notes: z.string().trim().min(2, "请填写走访情况").max(2000, "走访情况最多 2000 字"),
  problems: z.string().trim().max(2000, "问题描述最多 2000 字"),
});
export type VisitInput = z.infer<typeof VisitForm>;

/**
 * A grid worker records a visit to a company in their grids. The visit, the company's
 * last-visit date and the audit record are written together.
 */
export async function recordVisit({ actor, companyId, input }: { actor: Actor; companyId: string; input: VisitInput }) {
  if (actor.role !== "GRID_WORKER") throw new Response("只有网格员和园区运营人员可以登记走访。", { status: 403 });
  const company = await prisma.company.findFirst({ where: { AND: [{ id: companyId }, await companyWhere(actor)] }, select: { id: true, lastVisitAt: true } });
  if (!company) throw new Response("没有找到该企业，或您无权查看。", { status: 404 });
  const visitedOn = new Date(`${input.visitedOn}T00:00:00Z`);
  return prisma.$transaction(async (tx) => {
    const visit = await tx.visit.create({
      data: { companyId, visitorId: actor.id, visitedOn, notes: input.notes, problems: input.problems || null },
    });
    if (!company.lastVisitAt || company.lastVisitAt < visitedOn) {
      await tx.company.update({ where: { id: companyId }, data: { lastVisitAt: visitedOn } });
    }
    await audit({ actorId: actor.id, action: "company.visit", entityType: "Company", entityId: companyId, detail: { visitId: visit.id, visitedOn: input.visitedOn, problems: input.problems || null } }, tx);
    return visit;
  });
}

/** Visits to companies the actor may see, newest first, a page at a time. */
export async function listVisits({ actor, page, pageSize = 20, onlyMine }: { actor: Actor; page: number; pageSize?: number; onlyMine: boolean }) {
  const where = { AND: [{ company: await companyWhere(actor) }, onlyMine ? { visitorId: actor.id } : {}] };
  const [total, rows] = await Promise.all([
    prisma.visit.count({ where }),
    prisma.visit.findMany({
      where,
      orderBy: [{ visitedOn: "desc" }, { createdAt: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: { company: { select: { id: true, name: true } }, visitor: { select: { displayName: true } } },
    }),
  ]);
  return { total, rows };
}
