import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { companyWhere } from "~/auth/scope.server";

/** What the filing page starts from: whose case it is and the contact to prefill. */
export async function filingDefaults(actor: Actor, companyId: string | null, visitId: string | null = null) {
  const none = { canFile: false as const, pickCompany: false, company: null, fromGrid: false, fromVisit: false, contact: { name: "", phone: "", email: "" }, prefill: null as { title: string; description: string } | null };
  const select = { id: true, name: true, contactName: true, contactPhone: true, contactEmail: true, grid: { select: { name: true } }, parkGrid: { select: { name: true } } } as const;
  if (actor.role === "ENTERPRISE") {
    if (!actor.companyId) return { ...none, reason: "您的账号尚未关联企业，请联系所属网格员。" };
    const [company, user] = await Promise.all([
      prisma.company.findUniqueOrThrow({ where: { id: actor.companyId }, select }),
      prisma.user.findUniqueOrThrow({ where: { id: actor.id }, select: { displayName: true, phone: true } }),
    ]);
    return {
      ...none, canFile: true as const, reason: null,
      company: { id: company.id, name: company.name, grid: company.parkGrid?.name ?? company.grid?.name ?? null },
      contact: { name: user.displayName, phone: user.phone ?? company.contactPhone ?? "", email: company.contactEmail ?? "" },
    };
  }
  if (actor.role === "GRID_WORKER" || actor.role === "SUPERVISOR") {
    const company = companyId ? await prisma.company.findFirst({ where: { AND: [await companyWhere(actor), { id: companyId }] }, select }) : null;
    if (!company) return { ...none, pickCompany: true, reason: "代企业提交诉求：请先在“网格企业”中打开该企业，点击“代企业提交诉求”。" };
    // A problem raised during a visit: its words start the case (the visit is the company's, in scope).
    const visit = visitId ? await prisma.visit.findFirst({ where: { id: visitId, companyId: company.id }, select: { problems: true, visitedOn: true } }) : null;
    const prefill = visit?.problems
      ? { title: visit.problems.replace(/\s+/g, " ").slice(0, 30), description: `${visit.visitedOn.toISOString().slice(0, 10)} 走访时企业反映：${visit.problems}` }
      : null;
    return {
      ...none, canFile: true as const, reason: null, fromGrid: true, fromVisit: !!prefill, prefill,
      company: { id: company.id, name: company.name, grid: company.parkGrid?.name ?? company.grid?.name ?? null },
      contact: { name: company.contactName ?? "", phone: company.contactPhone ?? "", email: company.contactEmail ?? "" },
    };
  }
  return { ...none, reason: "诉求由企业或其所属网格员提交；您可以在诉求列表中办理派遣给您的诉求。" };
}
