import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { countdown } from "./calendar";
import { calendarExceptions } from "./calendar.server";
import { findCategory, URGENCY_LABELS, type Urgency } from "./categories";
import { ACTIONS, availableActions, FINAL_STATUSES, LEVEL_LABELS, STATUS_LABELS, type CaseAction, type CaseLevel, type CaseStatus } from "./flow";
import { readAttachment } from "./attachments.server";
import { stateOf } from "./case-store.server";
import { casePaths, caseWhere, standingOf } from "./scope.server";

/**
 * One case as its page shows it: the facts, the timeline (who, when, what, attachments), the
 * deadline, and the steps this user may take now. Null when outside the user's scope.
 */
const EVENT_LABELS: Record<string, string> = { file: "提交诉求", ...Object.fromEntries(Object.entries(ACTIONS).map(([k, v]) => [k, v.label])) };

export async function getCase(input: { actor: Actor; caseId: string; now?: Date }) {
  const { actor } = input;
  const now = input.now ?? new Date();
  const c = await prisma.case.findFirst({
    where: { AND: [await caseWhere(actor), { id: input.caseId }] },
    include: {
      company: { select: { id: true, name: true, uscc: true } },
      events: { orderBy: [{ at: "asc" }, { id: "asc" }] },
      attachments: { orderBy: { createdAt: "asc" }, select: { id: true, eventId: true, fileName: true, mimeType: true, size: true } },
    },
  });
  if (!c) return null;
  const paths = await casePaths(c);
  const standing = standingOf(actor, c, paths);
  const status = c.status as CaseStatus;
  const actorIds = [...new Set(c.events.map((e) => e.actorId).filter((x): x is string => !!x))];
  const [people, grid, handler, dept, assignedUser, exceptions] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true, role: true, department: { select: { name: true } } } }),
    c.gridId ? prisma.gridNode.findUnique({ where: { id: c.gridId }, select: { name: true } }) : null,
    c.handlerGridId ? prisma.gridNode.findUnique({ where: { id: c.handlerGridId }, select: { name: true } }) : null,
    c.assigneeDeptId ? prisma.department.findUnique({ where: { id: c.assigneeDeptId }, select: { name: true } }) : null,
    c.assigneeUserId ? prisma.user.findUnique({ where: { id: c.assigneeUserId }, select: { displayName: true } }) : null,
    calendarExceptions(),
  ]);
  const who = (id: string | null) => {
    const p = people.find((x) => x.id === id);
    if (!p) return c.source === "OPEN311" && !id ? "12345 热线 / 接口" : "系统";
    return p.department ? `${p.displayName}（${p.department.name}）` : p.displayName;
  };
  const actions = availableActions(stateOf(c), standing, now);
  const category = findCategory(c.categoryCode);
  const running = !FINAL_STATUSES.has(status) && status !== "SUSPENDED" && c.stageDeadline;
  return {
    id: c.id, number: c.number, title: c.title, description: c.description, status, statusLabel: STATUS_LABELS[status],
    level: LEVEL_LABELS[c.level as CaseLevel], urgency: URGENCY_LABELS[c.urgency as Urgency] ?? c.urgency,
    category: category?.fullName ?? c.categoryCode, categoryCode: c.categoryCode,
    suggested: c.suggestedCode ? findCategory(c.suggestedCode)?.fullName ?? null : null,
    contact: { name: c.contactName, phone: c.contactPhone, email: c.contactEmail }, address: c.address,
    company: c.company, grid: grid?.name ?? "待分配", handler: handler?.name ?? "网格中心",
    assignee: dept?.name ?? (assignedUser ? `网格员${assignedUser.displayName}` : null),
    source: c.source, createdAt: c.createdAt.toISOString(), closedAt: c.closedAt?.toISOString() ?? null,
    stageDeadline: running ? c.stageDeadline!.toISOString() : null,
    countdown: running ? countdown(c.stageDeadline!, now, exceptions) : null,
    extendedDays: c.extendedDays,
    pendingExtension: c.pendingExtension ? (JSON.parse(c.pendingExtension) as { days: number; reason: string; by: string; at: string }) : null,
    supervised: !!c.supervisedAt, rating: c.rating, ratingComment: c.ratingComment, reopenCount: c.reopenCount,
    timeline: c.events.map((e) => ({
      id: e.id, at: e.at.toISOString(), action: EVENT_LABELS[e.action] ?? e.action, who: who(e.actorId),
      from: e.fromStatus ? STATUS_LABELS[e.fromStatus as CaseStatus] : null, to: e.toStatus ? STATUS_LABELS[e.toStatus as CaseStatus] : null,
      comment: e.comment, detail: e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : null,
      attachments: c.attachments.filter((a) => a.eventId === e.id),
    })),
    actions: actions.map((a) => ({ key: a, label: ACTIONS[a].label, reason: "reason" in ACTIONS[a] ? (ACTIONS[a] as { reason: string }).reason : null })),
    dispatchOptions: actions.includes("dispatch") ? await dispatchOptions(paths.gridPath ?? paths.handlerPath, c.categoryCode) : null,
  };
}

export type CaseDetail = NonNullable<Awaited<ReturnType<typeof getCase>>>;
export type CaseActionView = CaseDetail["actions"][number] & { key: CaseAction };

/** Departments (the category's usual one first) and the grid workers covering the case. */
export async function dispatchOptions(casePath: string | null, categoryCode: string) {
  const usual = findCategory(categoryCode)?.department ?? null;
  const [depts, workers] = await Promise.all([
    prisma.department.findMany({ orderBy: { name: "asc" }, select: { id: true, code: true, name: true } }),
    prisma.user.findMany({ where: { role: "GRID_WORKER", disabled: false }, select: { id: true, displayName: true, grids: { select: { grid: { select: { path: true, name: true } } } } } }),
  ]);
  depts.sort((a, b) => Number(b.code === usual) - Number(a.code === usual));
  return [
    ...depts.map((d) => ({ value: `DEPT:${d.id}`, label: d.code === usual ? `${d.name}（本类诉求常用）` : d.name, group: "承办部门" })),
    ...workers
      .filter((w) => w.grids.some((g) => casePath?.startsWith(g.grid.path)))
      .map((w) => ({ value: `USER:${w.id}`, label: `网格员 ${w.displayName}（${w.grids.map((g) => g.grid.name).join("、")}）`, group: "网格员" })),
  ];
}

/** An attachment's bytes, only for someone who may see its case. */
export async function caseAttachment(input: { actor: Actor; caseId: string; attachmentId: string }) {
  const a = await prisma.caseAttachment.findFirst({
    where: { id: input.attachmentId, caseId: input.caseId, case: { AND: [await caseWhere(input.actor)] } },
  });
  if (!a) return null;
  return { fileName: a.fileName, mimeType: a.mimeType, bytes: await readAttachment(a.storedPath) };
}
