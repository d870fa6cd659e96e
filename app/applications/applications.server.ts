import type { Actor } from "~/auth/actor";
import { audit } from "~/audit.server";
import { formatMoney } from "~/companies/labels";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { explainConditions, explanationToChinese } from "~/matching/explain";
import { actOn, companyOutcome } from "~/matching/outcomes.server";
import { companyFacts } from "~/matching/registry-facts.server";
import { notifyCompany } from "~/notifications/notify.server";
import { applicationDecidedMail } from "~/notifications/templates-payouts";
import { benefitSummary } from "~/policies/present";
import { readPolicyFile, type BenefitSpec } from "~/policies/policy-file";
import { clauseInfo, companyInfo, policyTitles, userNames } from "~/payouts/lookup.server";
import type { TopCondition } from "~/rules/conditions";
import { cityDate, factInstant } from "~/utils/dates";
import { APPLICATION_EVENT_LABELS, applicationStatusLabel, type ApplicationStatus } from "./labels";
import { checkMaterials, parseMaterials, readMaterial, removeMaterials, storeMaterials, type StoredMaterial } from "./materials.server";
import type { ApplicationForm, ApplicationInput } from "./application-form.server";
import type { UploadedMaterial } from "./upload.server";
import { pageOf } from "~/utils/paging";

/**
 * 申报: a company applies for a 申报 clause it qualifies for, with a form pre-filled from what the
 * government already holds and the materials the policy asks for; an officer approves or rejects
 * it. Enterprise users reach only their own company's applications (actor.companyId is in every
 * query); officers see the city's. One application per company and clause version.
 */
type Tx = Prisma.TransactionClient;

export class ApplicationError extends Error {
  constructor(message: string, readonly status = 400, readonly fieldErrors: Record<string, string[]> = {}) {
    super(message);
  }
}

const OFFICERS: ReadonlySet<string> = new Set(["POLICY_OFFICER"]);

function ownCompany(actor: Actor): string | null {
  return actor.role === "ENTERPRISE" ? actor.companyId : null;
}

// ─── Eligibility and the pre-filled form ───────────────────────────────────────────────────────

async function clauseWithVersion(db: Tx, clauseId: string) {
  return db.policyClause.findUnique({
    where: { id: clauseId },
    select: { id: true, key: true, name: true, delivery: true, conditions: true, benefit: true, version: { select: { id: true, policyId: true, title: true, docNumber: true, issuer: true, document: true } } },
  });
}

/** Why the company may not apply (in Chinese), or null if it may. */
function refusalFor(clause: { delivery: string }, record: { status: string; reason: string | null } | null): string | null {
  if (clause.delivery !== "申报") return "该事项为“免申即享”，无需申报：请在“我的政策”中确认收款账户即可。";
  if (!record || record.status === "LAPSED") {
    return "按政府部门掌握的最新数据，贵企业暂不符合该事项的条件，不能在线申报。如数据有误，请在“企业画像”中核对，或联系所属网格员。";
  }
  if (record.status === "EXCLUDED") return `该事项与贵企业已符合的其他事项不重复享受：${record.reason ?? "从高享受一项"}。`;
  return null;
}

function materialsOf(document: string, clauseKey: string): string[] {
  return readPolicyFile(document).policy?.clauses.find((c) => c.id === clauseKey)?.materials ?? [];
}

/**
 * The apply page for an enterprise user: the clause, whether the company may apply, the form
 * pre-filled from its profile and the facts the match used, the materials to upload, and the
 * application if there is one. Null when the clause does not exist.
 */
export async function applyPage(input: { actor: Actor; clauseId: string }) {
  const companyId = ownCompany(input.actor);
  if (!companyId) return null;
  const clause = await clauseWithVersion(prisma, input.clauseId);
  if (!clause) return null;
  const [record, company, application] = await Promise.all([
    companyOutcome(prisma, companyId, clause.id),
    prisma.company.findUniqueOrThrow({ where: { id: companyId }, select: { name: true, uscc: true, address: true, contactName: true, contactPhone: true, contactEmail: true } }),
    prisma.application.findUnique({ where: { companyId_clauseId: { companyId, clauseId: clause.id } } }),
  ]);
  const today = cityDate();
  const refusal = refusalFor(clause, record);
  const basis = record && !refusal ? await basisLines(companyId, clause.conditions, record.facts) : [];
  const status = application?.status as ApplicationStatus | undefined;
  const previous = application ? (JSON.parse(application.form) as ApplicationForm) : null;
  return {
    clause: {
      id: clause.id, name: clause.name, delivery: clause.delivery, policyId: clause.version.policyId, policy: clause.version.title,
      docNumber: clause.version.docNumber, issuer: clause.version.issuer,
      benefit: benefitSummary(JSON.parse(clause.benefit) as BenefitSpec, today),
    },
    amount: record?.amount ?? null,
    evaluatedOn: record?.evaluatedOn ?? null,
    needsAccount: (record?.amount ?? 0) > 0,
    refusal,
    company,
    basis,
    materials: materialsOf(clause.version.document, clause.key),
    // A withdrawn application may be submitted again; the first answer is the final one otherwise.
    canApply: !refusal && (!application || status === "WITHDRAWN"),
    previous: previous ? { contact: previous.contact, account: previous.account, note: previous.note } : null,
    application: application ? presentForCompany(application) : null,
  };
}

/** The rule's conditions against the facts the match used, as ✓/✗ lines ("上年度研发费用不低于300万元（实际 450万元）"). */
async function basisLines(companyId: string, conditions: string, decidedOn: Record<string, unknown>): Promise<string[]> {
  let facts = decidedOn;
  // No facts kept (outcomes carried over from records of old): the company's figures as they stand today.
  if (!Object.keys(facts).length) facts = (await companyFacts(companyId, factInstant(cityDate())))?.facts ?? {};
  try {
    return explanationToChinese(explainConditions(JSON.parse(conditions) as TopCondition, facts));
  } catch {
    return [];
  }
}

function presentForCompany(a: { id: string; status: string; submittedAt: Date; decidedAt: Date | null; reason: string | null; materials: string; form: string }) {
  return {
    id: a.id, status: a.status as ApplicationStatus, statusLabel: applicationStatusLabel(a.status),
    submittedAt: a.submittedAt, decidedAt: a.decidedAt, reason: a.reason,
    approvedAmount: (JSON.parse(a.form) as ApplicationForm).approvedAmount ?? null,
    materials: parseMaterials(a.materials).map((m, index) => ({ index, material: m.material, fileName: m.fileName, size: m.size })),
  };
}

// ─── Enterprise actions ─────────────────────────────────────────────────────────────────────

/**
 * Submits (or, after a withdrawal, re-submits) the company's application. Files are checked by
 * content and size first; they are written before the transaction and removed again if it fails.
 */
export async function submitApplication(input: { actor: Actor; clauseId: string; fields: ApplicationInput; files: Map<number, UploadedMaterial>; ip?: string | null }): Promise<{ applicationId: string }> {
  const companyId = ownCompany(input.actor);
  if (!companyId) throw new ApplicationError("只有企业用户可以申报", 403);
  const clause = await clauseWithVersion(prisma, input.clauseId);
  if (!clause) throw new ApplicationError("没有该事项", 404);
  // Eligibility first: a company that may not apply should hear why, not about its files.
  const refusal = refusalFor(clause, await companyOutcome(prisma, companyId, clause.id));
  if (refusal) throw new ApplicationError(refusal, 409);
  const required = materialsOf(clause.version.document, clause.key);
  const fileErrors = checkMaterials(required, input.files);
  if (Object.keys(fileErrors).length) throw new ApplicationError("请按提示重新选择材料文件", 400, fileErrors);

  const stored = await storeMaterials(companyId, required, input.files);
  let replaced: StoredMaterial[] = [];
  try {
    const id = await prisma.$transaction(async (tx) => {
      const record = await companyOutcome(tx, companyId, clause.id);
      const refusal = refusalFor(clause, record);
      if (refusal) throw new ApplicationError(refusal, 409);
      // The record payouts will point at, with the facts the application rests on.
      await actOn(tx, companyId, record!);
      if (record!.amount && record!.amount > 0 && !input.fields.account) throw new ApplicationError("请填写收款账户", 400, { accountNumber: ["请填写收款账户"] });
      const company = await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { name: true, uscc: true, address: true } });
      const form: ApplicationForm = {
        company,
        contact: { name: input.fields.contactName, phone: input.fields.contactPhone, email: input.fields.contactEmail || null },
        account: record!.amount && record!.amount > 0 ? input.fields.account ?? null : null,
        amount: record!.amount,
        benefit: benefitSummary(JSON.parse(clause.benefit) as BenefitSpec, cityDate()),
        basis: await basisLines(companyId, clause.conditions, record!.facts),
        evaluatedOn: record!.evaluatedOn,
        note: input.fields.note || null,
      };
      const data = {
        status: "SUBMITTED", form: JSON.stringify(form), materials: JSON.stringify(stored), policyId: clause.version.policyId,
        submittedById: input.actor.id, submittedAt: new Date(), reason: null, decidedById: null, decidedAt: null,
      };
      const existing = await tx.application.findUnique({ where: { companyId_clauseId: { companyId, clauseId: clause.id } } });
      let applicationId: string;
      if (existing) {
        if (existing.status !== "WITHDRAWN") throw new ApplicationError(`该事项已申报（${applicationStatusLabel(existing.status)}），每个事项只能申报一次`, 409);
        replaced = parseMaterials(existing.materials);
        applicationId = (await tx.application.update({ where: { id: existing.id }, data })).id;
      } else {
        applicationId = (await tx.application.create({ data: { ...data, companyId, clauseId: clause.id } })).id;
      }
      await audit({
        actorId: input.actor.id, action: "application.submit", entityType: "Application", entityId: applicationId,
        detail: { clauseId: clause.id, materials: stored.map((m) => m.fileName), resubmitted: !!existing }, ip: input.ip,
      }, tx);
      return applicationId;
    });
    // A withdrawn application's files are no longer part of any application.
    await removeMaterials(replaced);
    return { applicationId: id };
  } catch (error) {
    await removeMaterials(stored);
    throw error;
  }
}

export async function withdrawApplication(input: { actor: Actor; clauseId: string; ip?: string | null }): Promise<void> {
  const companyId = ownCompany(input.actor);
  if (!companyId) throw new ApplicationError("只有企业用户可以撤回申报", 403);
  await prisma.$transaction(async (tx) => {
    const application = await tx.application.findUnique({ where: { companyId_clauseId: { companyId, clauseId: input.clauseId } } });
    if (!application) throw new ApplicationError("没有找到该申报", 404);
    if (application.status !== "SUBMITTED") throw new ApplicationError("只有待审核的申报可以撤回", 409);
    await tx.application.update({ where: { id: application.id }, data: { status: "WITHDRAWN" } });
    await audit({ actorId: input.actor.id, action: "application.withdraw", entityType: "Application", entityId: application.id, ip: input.ip }, tx);
  });
}

/** The company's applications with their status, for 我的政策. Empty for anyone but enterprise users. */
export async function listApplicationsForCompany(actor: Actor) {
  const companyId = ownCompany(actor);
  if (!companyId) return [];
  const rows = await prisma.application.findMany({ where: { companyId }, orderBy: { submittedAt: "desc" } });
  return rows.map((a) => ({
    id: a.id, clauseId: a.clauseId, policyId: a.policyId, status: a.status as ApplicationStatus, statusLabel: applicationStatusLabel(a.status),
    submittedAt: a.submittedAt, decidedAt: a.decidedAt, reason: a.reason,
  }));
}

// ─── Officers ───────────────────────────────────────────────────────────────────────────────

export const QUEUE_PAGE_SIZE = 20;

export interface QueueFilters {
  status?: ApplicationStatus | "ALL";
  policyId?: string;
  q?: string;
  page?: number;
}

/** Applications for officers, oldest submission first (first come, first served). */
export async function applicationQueue(input: { actor: Actor; filters: QueueFilters }) {
  if (!OFFICERS.has(input.actor.role)) return null;
  const f = input.filters;
  const where: Prisma.ApplicationWhereInput = {};
  const status = f.status ?? "SUBMITTED";
  if (status !== "ALL") where.status = status;
  if (f.policyId) where.policyId = f.policyId;
  const q = f.q?.trim().slice(0, 100);
  if (q) {
    const companies = await prisma.company.findMany({ where: { OR: [{ name: { contains: q } }, { uscc: q.toUpperCase() }] }, select: { id: true }, take: 1000 });
    where.companyId = { in: companies.map((c) => c.id) };
  }
  const total = await prisma.application.count({ where });
  const { page, pages } = pageOf(total, QUEUE_PAGE_SIZE, f.page);
  const rows = await prisma.application.findMany({
    where, orderBy: [{ submittedAt: "asc" }, { id: "asc" }], skip: (page - 1) * QUEUE_PAGE_SIZE, take: QUEUE_PAGE_SIZE,
    select: { id: true, companyId: true, clauseId: true, status: true, submittedAt: true, decidedAt: true, form: true },
  });
  const [companies, clauses, policies] = await Promise.all([
    companyInfo(rows.map((r) => r.companyId)),
    clauseInfo(rows.map((r) => r.clauseId)),
    prisma.application.groupBy({ by: ["policyId"] }),
  ]);
  const titles = await policyTitles(policies.map((p) => p.policyId));
  return {
    total, page, pages, pageSize: QUEUE_PAGE_SIZE, status,
    policies: [...titles].map(([value, label]) => ({ value, label })),
    rows: rows.map((r) => {
      const company = companies.get(r.companyId);
      const clause = clauses.get(r.clauseId);
      return {
        id: r.id, company: company?.name ?? "", uscc: company?.uscc ?? "", district: company?.district ?? null,
        policy: clause?.policyTitle ?? "", clause: clause?.name ?? "", amount: (JSON.parse(r.form) as ApplicationForm).amount,
        status: r.status as ApplicationStatus, submittedAt: r.submittedAt, decidedAt: r.decidedAt,
      };
    }),
  };
}

async function visibleApplication(actor: Actor, id: string) {
  const companyId = ownCompany(actor);
  if (companyId) return prisma.application.findFirst({ where: { id, companyId } });
  if (OFFICERS.has(actor.role)) return prisma.application.findUnique({ where: { id } });
  return null;
}

/** One application with its form, materials, the company's current match and the timeline. */
export async function getApplication(input: { actor: Actor; id: string }) {
  const a = await visibleApplication(input.actor, input.id);
  if (!a) return null;
  const [companies, clauses, record, events] = await Promise.all([
    companyInfo([a.companyId]),
    clauseInfo([a.clauseId]),
    companyOutcome(prisma, a.companyId, a.clauseId),
    prisma.auditLog.findMany({ where: { entityType: "Application", entityId: a.id, action: { in: Object.keys(APPLICATION_EVENT_LABELS) } }, orderBy: { id: "asc" } }),
  ]);
  const names = await userNames([a.decidedById, ...events.map((e) => e.actorId)]);
  const clause = clauses.get(a.clauseId);
  return {
    id: a.id, clauseId: a.clauseId, policyId: a.policyId, status: a.status as ApplicationStatus,
    company: companies.get(a.companyId) ?? null,
    policy: clause?.policyTitle ?? "", clause: clause?.name ?? "",
    form: JSON.parse(a.form) as ApplicationForm,
    materials: parseMaterials(a.materials).map((m, index) => ({ index, material: m.material, fileName: m.fileName, size: m.size, type: m.type })),
    submittedAt: a.submittedAt, decidedAt: a.decidedAt, reason: a.reason,
    decidedBy: a.decidedById ? names.get(a.decidedById) ?? null : null,
    // Re-matching may have changed the picture since the company applied.
    currentMatch: record ? { status: record.status, amount: record.amount, reason: record.reason } : null,
    canDecide: OFFICERS.has(input.actor.role) && a.status === "SUBMITTED",
    timeline: events.map((e) => ({
      id: e.id, at: e.at, action: APPLICATION_EVENT_LABELS[e.action] ?? e.action,
      actor: e.actorId ? names.get(e.actorId) ?? "已删除的用户" : "系统",
      comment: (JSON.parse(e.detail ?? "{}") as { reason?: string | null }).reason ?? null,
    })),
  };
}

export type ApplicationDetail = NonNullable<Awaited<ReturnType<typeof getApplication>>>;

/**
 * An officer's decision; the company is told in the same transaction. For money, the officer
 * fixes the amount granted (核定金额), at most what the rule computed; payouts pay that amount.
 */
export async function decideApplication(input: { actor: Actor; id: string; decision: "approve" | "reject"; reason?: string | null; amount?: number | null; ip?: string | null }): Promise<void> {
  const { actor, decision } = input;
  if (!OFFICERS.has(actor.role)) throw new ApplicationError("只有政策专员可以审核申报", 403);
  const reason = input.reason?.trim() || null;
  if (decision === "reject" && !reason) throw new ApplicationError("不予通过须填写理由", 400, { reason: ["请填写不予通过的理由，企业会看到这段文字"] });
  if (reason && reason.length > 500) throw new ApplicationError("意见过长（上限 500 字）", 400, { reason: ["意见过长（上限 500 字）"] });
  await prisma.$transaction(async (tx) => {
    const a = await tx.application.findUnique({ where: { id: input.id } });
    if (!a) throw new ApplicationError("没有该申报", 404);
    if (a.status !== "SUBMITTED") throw new ApplicationError(`该申报${applicationStatusLabel(a.status)}，不能再审核`, 409);
    const form = JSON.parse(a.form) as ApplicationForm;
    const approved = decision === "approve";
    let granted: number | null = null;
    if (approved && form.amount && form.amount > 0) {
      granted = input.amount ?? form.amount;
      if (!(Number.isFinite(granted) && granted > 0 && granted <= form.amount)) {
        throw new ApplicationError("核定金额有误", 400, { amount: [`核定金额应大于 0，且不超过按政策测算的 ${formatMoney(form.amount)}`] });
      }
      form.approvedAmount = Math.round(granted * 10_000) / 10_000;
    }
    const status = approved ? "APPROVED" : "REJECTED";
    await tx.application.update({ where: { id: a.id }, data: { status, reason, decidedById: actor.id, decidedAt: new Date(), form: JSON.stringify(form) } });
    const [clauses, companies] = await Promise.all([clauseInfo([a.clauseId], tx), companyInfo([a.companyId], tx)]);
    const c = clauses.get(a.clauseId);
    await notifyCompany(tx, a.companyId, {
      key: `application:${a.id}:${status}`, kind: "APPLICATION", essential: true, link: `/my-policies/apply/${a.clauseId}`,
      title: `申报${approved ? "已通过" : "未通过"}：${c?.policyTitle ?? ""}`,
      body: approved
        ? `贵企业申报的“${c?.name ?? ""}”已审核通过${form.approvedAmount ? `，核定金额 ${formatMoney(form.approvedAmount)}，将按兑付批次拨付` : ""}。${reason ? `审核意见：${reason}` : ""}`
        : `贵企业申报的“${c?.name ?? ""}”未通过审核。原因：${reason}`,
      mail: applicationDecidedMail({ company: companies.get(a.companyId)?.name ?? "", policy: c?.policyTitle ?? "", clause: c?.name ?? "", approved, reason, amount: form.approvedAmount ? formatMoney(form.approvedAmount) : null }),
    });
    await audit({ actorId: actor.id, action: `application.${decision}`, entityType: "Application", entityId: a.id, detail: { reason, amount: form.approvedAmount ?? null }, ip: input.ip }, tx);
  });
}

/**
 * One material's bytes for download, if the actor may see the application (its company's users,
 * officers). Officers' downloads are audited: company documents are not browsed unrecorded.
 */
export async function materialFile(input: { actor: Actor; id: string; index: number; ip?: string | null }) {
  const a = await visibleApplication(input.actor, input.id);
  if (!a) return null;
  const m = parseMaterials(a.materials)[input.index];
  if (!m) return null;
  const bytes = await readMaterial(m).catch(() => null);
  if (!bytes) return null;
  if (input.actor.role !== "ENTERPRISE") {
    await audit({ actorId: input.actor.id, action: "application.material.download", entityType: "Application", entityId: a.id, detail: { file: m.fileName }, ip: input.ip });
  }
  return { fileName: m.fileName, type: m.type, bytes };
}
