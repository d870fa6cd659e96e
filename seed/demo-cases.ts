import { randomUUID } from "node:crypto";
import { prisma } from "~/db.server";
import { dayOf, deadlineAfter, type Exceptions } from "~/cases/calendar";
import { calendarExceptions } from "~/cases/calendar.server";
import { findCategory, limitsFor, type Urgency } from "~/cases/categories";
import { refusal, nextStatus, stageOf, type CaseAction, type CaseState, type CaseStatus } from "~/cases/flow";
import { scopeColumns, statusColumns } from "~/cases/placement";
import { STEP_COMMENTS } from "./case-comments";
import { generateCaseTexts } from "./case-texts";
import { mulberry32, Rng } from "./registry-random";

/**
 * Demo cases over the registry, in every state of the flow: they fill the queues and train the
 * category classifier. Each case's history is a legal walk through flow.ts (checked step by step),
 * with working-day deadlines, so the demo shows real countdowns and some overdue cases.
 */
const PATHS: { weight: number; steps: CaseAction[] }[] = [
  { weight: 50, steps: ["accept", "register", "dispatch", "resolve", "verify", "close"] },
  { weight: 4, steps: ["accept", "register", "dispatch", "return", "dispatch", "resolve", "verify", "close"] },
  { weight: 3, steps: ["accept", "escalate", "register", "dispatch", "resolve", "verify", "close"] },
  { weight: 3, steps: ["refuse"] },
  { weight: 7, steps: [] },
  { weight: 5, steps: ["accept"] },
  { weight: 6, steps: ["accept", "register"] },
  { weight: 11, steps: ["accept", "register", "dispatch"] },
  { weight: 2, steps: ["accept", "register", "dispatch", "extend"] },
  { weight: 4, steps: ["accept", "register", "dispatch", "resolve"] },
  { weight: 3, steps: ["accept", "register", "dispatch", "resolve", "verify"] },
  { weight: 2, steps: ["accept", "register", "suspend"] },
];

const COMMENTS = STEP_COMMENTS;

interface Ctx {
  rng: Rng;
  now: Date;
  exceptions: Exceptions;
  departments: Map<string, string>;
  departmentNames: Map<string, string>;
  users: { grid: { id: string; roots: string[] }[]; deptUsers: Map<string, string> };
}

export async function seedDemoCases(options: { count: number; seed?: number; now?: Date }): Promise<number> {
  if ((await prisma.case.count()) > 0 || options.count <= 0) return 0;
  const companies = await prisma.company.findMany({
    where: { OR: [{ gridId: { not: null } }, { parkGridId: { not: null } }] },
    select: { id: true, name: true, gridId: true, parkGridId: true, contactName: true, contactPhone: true, contactEmail: true, users: { select: { id: true } } },
  });
  if (!companies.length) return 0;
  const gridIds = [...new Set(companies.map((c) => c.parkGridId ?? c.gridId!))];
  const nodes = new Map((await prisma.gridNode.findMany({ where: { id: { in: gridIds } }, select: { id: true, path: true } })).map((n) => [n.id, n.path]));
  const levels = await prisma.gridNode.findMany({ where: { level: { in: ["STREET", "DISTRICT"] } }, select: { id: true, level: true } });
  const streetIds = new Set(levels.filter((l) => l.level === "STREET").map((l) => l.id));
  const staff = await prisma.user.findMany({ where: { role: { in: ["GRID_WORKER", "SUPERVISOR", "DEPT_HANDLER"] } }, select: { id: true, role: true, departmentId: true, grids: { select: { grid: { select: { path: true } } } } } });
  const depts = await prisma.department.findMany({ select: { id: true, code: true, name: true } });
  const ctx: Ctx = {
    rng: new Rng(mulberry32(options.seed ?? 12345)),
    now: options.now ?? new Date(),
    exceptions: await calendarExceptions(),
    departments: new Map(depts.map((d) => [d.code, d.id])),
    departmentNames: new Map(depts.map((d) => [d.id, d.name])),
    users: {
      grid: staff.filter((u) => u.role !== "DEPT_HANDLER").map((u) => ({ id: u.id, roots: u.grids.map((g) => g.grid.path) })),
      deptUsers: new Map(staff.filter((u) => u.role === "DEPT_HANDLER" && u.departmentId).map((u) => [u.departmentId!, u.id])),
    },
  };
  // The named demo companies (those with accounts) get a share, so their staff see a history.
  const named = companies.filter((c) => c.users.length > 0);
  const texts = generateCaseTexts({ count: options.count, seed: options.seed ?? 12345 });
  const totalWeight = PATHS.reduce((n, p) => n + p.weight, 0);
  const sequences = new Map<string, number>();
  const cases: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];

  texts.forEach((t, i) => {
    const company = named.length && i % 40 === 0 ? ctx.rng.pick(named) : ctx.rng.pick(companies);
    let roll = ctx.rng.next() * totalWeight;
    const path = PATHS.find((p) => (roll -= p.weight) < 0) ?? PATHS[0];
    const finished = path.steps.at(-1) === "close" || path.steps[0] === "refuse";
    // Open cases are mostly recent (a few long-running ones fall overdue); finished ones spread over the last quarter.
    const ageDays = finished ? ctx.rng.between(6, 90) : ctx.rng.chance(0.15) ? ctx.rng.between(4, 12) : ctx.rng.between(0, 2.5);
    const createdAt = new Date(ctx.now.getTime() - ageDays * 86_400_000);
    const day = dayOf(createdAt).replaceAll("-", "");
    const seq = (sequences.get(day) ?? 0) + 1;
    sequences.set(day, seq);
    const gridId = company.parkGridId ?? company.gridId!;
    const gridPath = nodes.get(gridId) ?? "";
    // The nearest grid-side person: a park operator or street grid worker before the district centre.
    const gridUser = ctx.users.grid
      .map((u) => ({ id: u.id, depth: Math.max(-1, ...u.roots.filter((r) => gridPath.startsWith(r)).map((r) => r.length)) }))
      .filter((u) => u.depth >= 0)
      .sort((a, b) => b.depth - a.depth)[0]?.id ?? null;
    const category = findCategory(t.category)!;
    const limits = limitsFor(category, t.urgency as Urgency);
    const deptId = ctx.departments.get(category.department ?? "HTZ-ES") ?? null;
    const id = randomUUID();
    const c: Record<string, unknown> = {
      id, number: `${day}${String(seq).padStart(5, "0")}`, source: company.users.length ? "PORTAL" : "GRID", companyId: company.id, companyName: company.name,
      gridId, handlerGridId: gridId, level: "GRID", categoryCode: t.category, suggestedCode: null, title: t.title, description: t.description,
      urgency: t.urgency, contactName: company.contactName ?? "企业联系人", contactPhone: company.contactPhone ?? "0371-67890000", contactEmail: company.contactEmail,
      status: "SUBMITTED", filedById: company.users[0]?.id ?? gridUser, createdAt, updatedAt: createdAt,
    };
    events.push({ id: randomUUID(), caseId: id, at: createdAt, actorId: c.filedById, action: "file", toStatus: "SUBMITTED", detail: JSON.stringify({ source: c.source, category: t.category }) });
    let at = createdAt;
    let state: CaseState = { status: "SUBMITTED", level: "GRID", extensionPending: false, supervised: false, rated: false, closedAt: null };
    const all = { filer: true, dispatcher: true, assignee: true, supervisor: true };
    const stageDays = { accept: limits.accept, register: limits.register, dispatch: limits.dispatch, handle: limits.handle, verify: limits.verify, close: 1 };
    let deadline = deadlineAfter(createdAt, limits.accept, ctx.exceptions);
    for (const action of path.steps) {
      const problem = refusal(action, state, all, at);
      if (problem) throw new Error(`演示诉求的办理路径不合法：${action}：${problem.message}`);
      // Most steps are taken within the time limit; a few late, as in any real queue.
      const hours = ctx.rng.chance(0.1) ? ctx.rng.between(30, 120) : ctx.rng.between(1, 20);
      const next = new Date(Math.min(at.getTime() + hours * 3_600_000, ctx.now.getTime() - 60_000));
      at = next > at ? next : at;
      const to = nextStatus(action, state, null);
      const detail: Record<string, unknown> = {};
      const actorId = action === "resolve" || action === "return" || action === "extend" ? ctx.users.deptUsers.get(deptId ?? "") ?? null : gridUser;
      if (action === "dispatch") { c.assigneeDeptId = deptId; detail.target = ctx.departmentNames.get(deptId ?? "") ?? null; }
      if (action === "escalate") {
        const street = gridPath.split("/").filter(Boolean).find((x) => streetIds.has(x));
        if (street) { c.level = "STREET"; c.handlerGridId = street; state = { ...state, level: "STREET" }; }
      }
      if (action === "extend") { c.pendingExtension = JSON.stringify({ days: 3, reason: COMMENTS.extend![0], by: "承办部门", at: at.toISOString() }); detail.days = 3; }
      if (action === "suspend") c.resumeStatus = state.status;
      if (action === "close" || action === "refuse") c.closedAt = at;
      events.push({ id: randomUUID(), caseId: id, at, actorId, action, fromStatus: state.status, toStatus: to, comment: COMMENTS[action] ? ctx.rng.pick(COMMENTS[action]!) : null, detail: Object.keys(detail).length ? JSON.stringify(detail) : null });
      const stage = stageOf(to);
      if (to !== state.status) deadline = stage ? deadlineAfter(at, stageDays[stage], ctx.exceptions) : deadline;
      state = { ...state, status: to, extensionPending: action === "extend" || state.extensionPending };
    }
    Object.assign(c, statusColumns(state.status as CaseStatus), scopeColumns(gridPath));
    c.stageDeadline = stageOf(state.status as CaseStatus) ? deadline : null;
    c.updatedAt = at;
    if (state.status === "CLOSED" && ctx.rng.chance(0.7)) {
      const rating = ctx.rng.chance(0.8) ? 5 : ctx.rng.int(2, 4);
      at = new Date(Math.min(at.getTime() + 3_600_000 * ctx.rng.between(1, 48), ctx.now.getTime()));
      Object.assign(c, { rating, ratedAt: at, ratingComment: rating === 5 ? "办理及时，非常满意" : null });
      events.push({ id: randomUUID(), caseId: id, at, actorId: company.users[0]?.id ?? null, action: "rate", fromStatus: "CLOSED", toStatus: "CLOSED", detail: JSON.stringify({ rating }) });
    }
    cases.push(c);
  });

  await prisma.$transaction(async (tx) => {
    for (let i = 0; i < cases.length; i += 200) await tx.case.createMany({ data: cases.slice(i, i + 200) as never });
    for (let i = 0; i < events.length; i += 500) await tx.caseEvent.createMany({ data: events.slice(i, i + 500) as never });
    for (const [day, value] of sequences) await tx.caseSequence.upsert({ where: { day }, update: { value }, create: { day, value } });
  }, { timeout: 120_000 });
  return cases.length;
}
