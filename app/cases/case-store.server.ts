import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { audit } from "~/audit.server";
import { companyWhere } from "~/auth/scope.server";
import { notifyCompany } from "~/notifications/notify.server";
import { dayOf, deadlineAfter, workingDaysBetween } from "./calendar";
import { calendarExceptions } from "./calendar.server";
import { findCategory, limitsFor, type StageLimits, type Urgency } from "./categories";
import { attachmentProblem, removeAttachments, storeAttachments, type StoredAttachment, type Upload } from "./attachments.server";
import { ACTIONS, FlowError, isCaseAction, nextLevel, nextStatus, refusal, stageOf, type ActionDef, type CaseAction, type CaseLevel, type CaseState, type CaseStatus } from "./flow";
import type { FilingInput } from "./filing-form";
import { caseNotice } from "./notices";
import { scopeColumns, statusColumns } from "./placement";
import { casePaths, caseWhere, standingOf } from "./scope.server";

/**
 * The case store: filing and every step of the flow. Each write checks the flow (flow.ts) and the
 * actor's standing inside the data function, commits the case, its event, attachments, audit
 * record and notifications in one transaction, and refuses a step on a case that changed since
 * it was read (two people clicking at once: one wins, the other is told to refresh).
 */
export { FlowError };

export type CaseSource = "PORTAL" | "GRID" | "VISIT" | "OPEN311";

export interface NewCase extends FilingInput {
  source: CaseSource;
  companyId: string | null;
  /** Where to route it when there is no company (Open311 by address); else the company's grid. */
  gridId?: string | null;
  filedById: string | null;
  submissionKey?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  files?: Upload[];
  now?: Date;
}

/** Files a case; the same submission key twice gives the first case back (nothing filed twice). */
export async function createCase(input: NewCase): Promise<{ id: string; number: string; duplicate: boolean }> {
  if (input.submissionKey) {
    const existing = await prisma.case.findUnique({ where: { submissionKey: input.submissionKey }, select: { id: true, number: true } });
    if (existing) return { ...existing, duplicate: true };
  }
  const category = findCategory(input.categoryCode);
  if (!category?.leaf) throw new FlowError("诉求分类无效", 400);
  const problem = attachmentProblem(input.files ?? []);
  if (problem) throw new FlowError(problem, 400);
  const now = input.now ?? new Date();
  const company = input.companyId
    ? await prisma.company.findUnique({ where: { id: input.companyId }, select: { id: true, name: true, gridId: true, parkGridId: true } })
    : null;
  if (input.companyId && !company) throw new FlowError("企业不存在", 400);
  // Park companies are looked after by the park's operators; the rest by their community grid.
  const gridId = company ? company.parkGridId ?? company.gridId : input.gridId ?? null;
  const grid = gridId ? await prisma.gridNode.findUnique({ where: { id: gridId }, select: { path: true } }) : null;
  const limits = limitsFor(category, input.urgency as Urgency);
  const deadline = deadlineAfter(now, limits.accept, await calendarExceptions());
  const day = dayOf(now).replaceAll("-", "");
  const stored = await storeAttachments(`${day}-${crypto.randomUUID()}`, input.files ?? []);
  try {
    return await prisma.$transaction(async (tx) => {
      const seq = await tx.caseSequence.upsert({ where: { day }, update: { value: { increment: 1 } }, create: { day, value: 1 } });
      const number = `${day}${String(seq.value).padStart(5, "0")}`;
      const created = await tx.case.create({
        data: {
          number, submissionKey: input.submissionKey ?? null, source: input.source, companyId: company?.id ?? null, companyName: company?.name ?? null,
          gridId, handlerGridId: gridId, ...scopeColumns(grid?.path), ...statusColumns("SUBMITTED"), categoryCode: category.code, suggestedCode: input.suggestedCode || null,
          title: input.title, description: input.description, urgency: input.urgency,
          contactName: input.contactName, contactPhone: input.contactPhone, contactEmail: input.contactEmail || null,
          address: input.address || null, latitude: input.latitude ?? null, longitude: input.longitude ?? null,
          stageDeadline: deadline, filedById: input.filedById, createdAt: now,
        },
        select: { id: true, number: true },
      });
      const event = await tx.caseEvent.create({
        data: { caseId: created.id, at: now, actorId: input.filedById, action: "file", toStatus: "SUBMITTED", detail: JSON.stringify({ source: input.source, category: category.code, suggested: input.suggestedCode || null }) },
      });
      await saveAttachments(tx, created.id, event.id, input.filedById, stored);
      await audit({ actorId: input.filedById, action: "case.file", entityType: "Case", entityId: created.id, detail: { number, source: input.source } }, tx);
      return { ...created, duplicate: false };
    });
  } catch (error) {
    await removeAttachments(stored);
    // Two posts of the same form at the same moment: the unique key lets one through.
    if (input.submissionKey && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const existing = await prisma.case.findUnique({ where: { submissionKey: input.submissionKey }, select: { id: true, number: true } });
      if (existing) return { ...existing, duplicate: true };
    }
    throw error;
  }
}

/** A company's staff file for their own company; grid workers for a company in their grids. */
export async function fileCase(input: { actor: Actor; companyId?: string | null; form: FilingInput; submissionKey?: string | null; files?: Upload[]; fromVisit?: boolean }) {
  const { actor } = input;
  let companyId: string;
  if (actor.role === "ENTERPRISE") {
    if (!actor.companyId) throw new FlowError("您的账号尚未关联企业，不能提交诉求", 403);
    companyId = actor.companyId;
  } else if (actor.role === "GRID_WORKER" || actor.role === "SUPERVISOR") {
    const visible = input.companyId ? await prisma.company.findFirst({ where: { AND: [await companyWhere(actor), { id: input.companyId }] }, select: { id: true } }) : null;
    if (!visible) throw new FlowError("请选择您负责网格内的企业", 400);
    companyId = visible.id;
  } else {
    throw new FlowError("只有企业用户和网格员可以提交诉求", 403);
  }
  return createCase({
    ...input.form, source: actor.role === "ENTERPRISE" ? "PORTAL" : input.fromVisit ? "VISIT" : "GRID",
    companyId, filedById: actor.id, submissionKey: input.submissionKey, files: input.files,
  });
}

async function saveAttachments(tx: Prisma.TransactionClient, caseId: string, eventId: string, by: string | null, stored: StoredAttachment[]) {
  for (const a of stored) await tx.caseAttachment.create({ data: { caseId, eventId, uploadedById: by, ...a } });
}

export interface StepInput {
  actor: Actor;
  caseId: string;
  action: string;
  comment?: string | null;
  /** 派遣: "DEPT:<departmentId>" or "USER:<userId>" (a grid worker). */
  target?: string | null;
  /** 申请延期: working days asked for. */
  days?: number | null;
  /** 评价: 1–5. */
  rating?: number | null;
  files?: Upload[];
  ip?: string | null;
  now?: Date;
}

/** A refusal with the field it concerns, so forms show it next to that field. */
export class StepError extends FlowError {
  constructor(message: string, status: 400 | 403 | 409, readonly field?: string) {
    super(message, status);
  }
}

type CaseRow = NonNullable<Awaited<ReturnType<typeof loadCase>>>;

async function loadCase(actor: Actor, caseId: string) {
  return prisma.case.findFirst({ where: { AND: [await caseWhere(actor), { id: caseId }] } });
}

export function stateOf(c: Pick<CaseRow, "status" | "level" | "pendingExtension" | "supervisedAt" | "rating" | "closedAt">): CaseState {
  return {
    status: c.status as CaseStatus, level: c.level as CaseLevel, extensionPending: !!c.pendingExtension,
    supervised: !!c.supervisedAt, rated: c.rating != null, closedAt: c.closedAt,
  };
}

/** Takes one step of the flow. Refusals are audited and thrown as StepError. */
export async function act(input: StepInput): Promise<{ status: CaseStatus }> {
  const { actor } = input;
  const now = input.now ?? new Date();
  const refuse = async (error: FlowError, field?: string): Promise<never> => {
    await audit({ actorId: actor.id, action: `case.${input.action}.refused`, entityType: "Case", entityId: input.caseId, detail: { reason: error.message }, ip: input.ip });
    throw new StepError(error.message, error.status, field);
  };
  if (!isCaseAction(input.action)) return refuse(new FlowError("未知的办理操作", 400));
  const action: CaseAction = input.action;
  const c = await loadCase(actor, input.caseId);
  if (!c) return refuse(new FlowError("没有找到该诉求，或您无权办理", 403));
  const paths = await casePaths(c);
  const standing = standingOf(actor, c, paths);
  const state = stateOf(c);
  const refused = refusal(action, state, standing, now);
  if (refused) return refuse(refused);
  const def: ActionDef = ACTIONS[action];
  const comment = input.comment?.trim() || null;
  if (def.reason && !comment) return refuse(new FlowError(def.reason, 400), "comment");
  if (comment && comment.length > 1000) return refuse(new FlowError("说明不超过 1000 字", 400), "comment");
  const problem = attachmentProblem(input.files ?? []);
  if (problem) return refuse(new FlowError(problem, 400), "attachment");

  const category = findCategory(c.categoryCode);
  const limits: StageLimits = limitsFor(category ?? findCategory("QTSX-01")!, c.urgency as Urgency);
  const exceptions = await calendarExceptions();
  const to = nextStatus(action, state, (c.resumeStatus as CaseStatus | null) ?? null);
  const data: Prisma.CaseUpdateManyMutationInput & { handlerGridId?: string | null; assigneeDeptId?: string | null; assigneeUserId?: string | null } = statusColumns(to);
  const detail: Record<string, unknown> = {};
  // A new stage starts its own clock; the limit is the stage's, in working days from now.
  const stageDays: Record<string, number> = { accept: limits.accept, register: limits.register, dispatch: limits.dispatch, handle: limits.handle, verify: limits.verify, close: 1 };
  const stage = stageOf(to);
  if (to !== c.status) data.stageDeadline = stage ? deadlineAfter(now, stageDays[stage], exceptions) : null;
  let targetName: string | null = null;

  switch (action) {
    case "dispatch": {
      const target = await dispatchTarget(input.target, paths.gridPath ?? paths.handlerPath);
      if (!target) return refuse(new FlowError("请选择派遣对象（承办部门或网格员）", 400), "target");
      Object.assign(data, target.data);
      targetName = target.name;
      detail.target = target.name;
      break;
    }
    case "close":
    case "refuse":
      data.closedAt = now;
      break;
    case "extend": {
      const days = Number(input.days);
      if (!Number.isInteger(days) || days < 1 || days > 30) return refuse(new FlowError("延期天数请填写 1 到 30 之间的工作日数", 400), "days");
      data.pendingExtension = JSON.stringify({ days, reason: comment, by: actor.displayName, at: now.toISOString() });
      detail.days = days;
      break;
    }
    case "approveExtension": {
      const days = (JSON.parse(c.pendingExtension!) as { days: number }).days;
      data.stageDeadline = deadlineAfter(c.stageDeadline ?? now, days, exceptions);
      data.extendedDays = c.extendedDays + days;
      data.pendingExtension = null;
      detail.days = days;
      break;
    }
    case "denyExtension":
      data.pendingExtension = null;
      break;
    case "suspend": {
      data.resumeStatus = c.status;
      // The clock stops: what was left of the stage is kept for when the case resumes.
      detail.remaining = c.stageDeadline ? Math.max(1, workingDaysBetween(dayOf(now), dayOf(c.stageDeadline), exceptions)) : null;
      break;
    }
    case "resume": {
      const last = await prisma.caseEvent.findFirst({ where: { caseId: c.id, action: "suspend" }, orderBy: { at: "desc" }, select: { detail: true } });
      const remaining = (last?.detail ? (JSON.parse(last.detail) as { remaining?: number | null }).remaining : null) ?? stageDays[stageOf(to) ?? "handle"];
      data.stageDeadline = stageOf(to) ? deadlineAfter(now, remaining, exceptions) : null;
      data.resumeStatus = null;
      detail.remaining = remaining;
      break;
    }
    case "supervise":
      data.supervisedAt = now;
      data.supervisedById = actor.id;
      break;
    case "escalate": {
      const up = await escalationTarget(c.level as CaseLevel, paths.handlerPath ?? paths.gridPath);
      if (!up) return refuse(new FlowError("找不到上一级网格，不能升级", 409));
      data.level = up.level;
      data.handlerGridId = up.id;
      detail.to = up.name;
      targetName = up.name;
      break;
    }
    case "rate": {
      const rating = Number(input.rating);
      if (!Number.isInteger(rating) || rating < 1 || rating > 5) return refuse(new FlowError("请选择 1 到 5 星的满意度", 400), "rating");
      data.rating = rating;
      data.ratingComment = comment;
      data.ratedAt = now;
      detail.rating = rating;
      break;
    }
    case "reopen":
      data.closedAt = null;
      data.rating = null;
      data.ratingComment = null;
      data.ratedAt = null;
      data.reopenCount = c.reopenCount + 1;
      detail.previousRating = c.rating;
      break;
  }

  const stored = await storeAttachments(c.id, input.files ?? []);
  try {
    await prisma.$transaction(async (tx) => {
      // Only if nobody changed the case since it was read.
      const { count } = await tx.case.updateMany({ where: { id: c.id, status: c.status, updatedAt: c.updatedAt }, data: data as Prisma.CaseUncheckedUpdateManyInput });
      if (count === 0) throw new StepError("该诉求刚被他人处理过，请刷新后再试", 409);
      const event = await tx.caseEvent.create({
        data: { caseId: c.id, at: now, actorId: actor.id, action, fromStatus: c.status, toStatus: to, comment, detail: Object.keys(detail).length ? JSON.stringify(detail) : null },
      });
      await saveAttachments(tx, c.id, event.id, actor.id, stored);
      await audit({ actorId: actor.id, action: `case.${action}`, entityType: "Case", entityId: c.id, detail: { number: c.number, from: c.status, to, ...detail }, ip: input.ip }, tx);
      if (c.companyId) {
        const by = await handlerName(tx, c.handlerGridId);
        const notice = caseNotice(action, { number: c.number, title: c.title, by, target: targetName, comment });
        if (notice) await notifyCompany(tx, c.companyId, { key: `case:${c.id}:${event.id}`, kind: "CASE", title: notice.title, body: notice.body, link: `/cases/${c.id}`, essential: false, mail: notice.mail });
      }
    });
  } catch (error) {
    await removeAttachments(stored);
    if (error instanceof StepError) return refuse(error);
    throw error;
  }
  return { status: to };
}

async function handlerName(tx: Prisma.TransactionClient, gridId: string | null): Promise<string> {
  const node = gridId ? await tx.gridNode.findUnique({ where: { id: gridId }, select: { name: true } }) : null;
  return node ? `${node.name}网格` : "网格中心";
}

/** The department, or a grid worker covering the case's grid, a case may be dispatched to. */
async function dispatchTarget(value: string | null | undefined, casePath: string | null) {
  const [kind, id] = (value ?? "").split(":");
  if (!id) return null;
  if (kind === "DEPT") {
    const dept = await prisma.department.findUnique({ where: { id }, select: { id: true, name: true } });
    return dept ? { name: dept.name, data: { assigneeDeptId: dept.id, assigneeUserId: null } } : null;
  }
  if (kind === "USER") {
    const user = await prisma.user.findFirst({ where: { id, role: "GRID_WORKER", disabled: false }, select: { id: true, displayName: true, grids: { select: { grid: { select: { path: true } } } } } });
    const covers = user?.grids.some((g) => casePath?.startsWith(g.grid.path));
    return user && covers ? { name: `网格员${user.displayName}`, data: { assigneeUserId: user.id, assigneeDeptId: null } } : null;
  }
  return null;
}

/** 升级: the street above the grid, then the district ("小事不出网格、大事全网联动"). */
async function escalationTarget(level: CaseLevel, path: string | null) {
  const wanted = nextLevel(level);
  if (!wanted || !path) return null;
  const ancestors = await prisma.gridNode.findMany({ where: { id: { in: path.split("/").filter(Boolean) } }, select: { id: true, name: true, level: true } });
  const street = ancestors.find((n) => n.level === "STREET");
  const district = ancestors.find((n) => n.level === "DISTRICT");
  // A park hung straight under a district has no street: it goes to the district at once.
  if (wanted === "STREET" && street) return { id: street.id, name: street.name, level: "STREET" as const };
  return district ? { id: district.id, name: district.name, level: "DISTRICT" as const } : null;
}

/**
 * 一键派遣: several registered cases to one department. Each goes through the same step as a
 * single dispatch (checks, audit, notification); one refused case does not stop the others.
 */
export async function bulkDispatch(input: { actor: Actor; caseIds: string[]; target: string; comment?: string | null; ip?: string | null }) {
  const ids = [...new Set(input.caseIds)].slice(0, 200);
  const results: { caseId: string; ok: boolean; message?: string }[] = [];
  for (const caseId of ids) {
    try {
      await act({ actor: input.actor, caseId, action: "dispatch", target: input.target, comment: input.comment, ip: input.ip });
      results.push({ caseId, ok: true });
    } catch (error) {
      if (!(error instanceof FlowError)) throw error;
      results.push({ caseId, ok: false, message: error.message });
    }
  }
  return { done: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok) };
}

/** Departments a dispatcher may pick for a bulk dispatch. */
export function departments() {
  return prisma.department.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}
