import type { Prisma } from "~/generated/prisma/client";
import { countWhere } from "~/utils/plain-sql.server";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { subtreeGridIds } from "~/auth/scope.server";
import { countdown } from "./calendar";
import { calendarExceptions } from "./calendar.server";
import { findCategory, URGENCY_LABELS, type Urgency } from "./categories";
import { FINAL_STATUSES, LEVEL_LABELS, STATUS_LABELS, type CaseLevel, type CaseStatus } from "./flow";
import { QUEUE_PAGE_SIZE, TEXT_MATCH_CAP, type QueueFilters } from "./queue-filters";
import { CASE_COLUMNS, textMatches, wordsWhere, type QueueOrder } from "./queue-text.server";
import { caseWhere, subtreeWhere, worksGrids } from "./scope.server";
import { pageOf } from "~/utils/paging";

/**
 * Queues: each role's list of cases, scoped inside (scope.server.ts), filtered, the most urgent
 * deadline first for open cases, newest first for finished ones, paged.
 */
const WAITING_ON_GRID: CaseStatus[] = ["SUBMITTED", "ACCEPTED", "REGISTERED", "RESOLVED", "VERIFIED"];

/** "Waiting on me": the steps this role takes, as a filter. */
async function todoWhere(actor: Actor): Promise<Prisma.CaseWhereInput> {
  switch (actor.role) {
    case "ENTERPRISE":
      return { open: true };
    case "DEPT_HANDLER":
      return { status: "DISPATCHED" };
    case "GRID_WORKER":
    case "SUPERVISOR": {
      const assigned: Prisma.CaseWhereInput = { assigneeUserId: actor.id, status: "DISPATCHED" };
      if (!worksGrids(actor)) return assigned;
      // Cases whose responsible node is in my subtree and that wait on the grid side.
      const handled = { handlerGridId: { in: await subtreeGridIds(actor.gridPaths) }, status: { in: WAITING_ON_GRID } };
      // All of it open: said once, so the (district|street, open, stageDeadline) index can answer.
      return { open: true, OR: [handled, assigned, { pendingExtension: { not: null }, status: "DISPATCHED" }] };
    }
    default:
      return { open: true };
  }
}

/** A search by words rather than by case number: answered by textMatches, not by one WHERE. */
const wordsOf = (f: QueueFilters) => (f.q && !/^\d{13}$/.test(f.q) ? f.q : null);

/** The WHERE a queue lists and counts with (exported for tests). */
export async function queueWhere(actor: Actor, f: QueueFilters, now: Date, words: "include" | "omit" = "include"): Promise<Prisma.CaseWhereInput> {
  const and: Prisma.CaseWhereInput[] = [await caseWhere(actor)];
  const open = { open: true };
  if (f.view === "todo") and.push(await todoWhere(actor));
  if (f.view === "open") and.push(open);
  if (f.view === "overdue") and.push(open, { stageDeadline: { lt: now } });
  if (f.view === "supervised") and.push(open, { supervisedAt: { not: null } });
  if (f.view === "closed") and.push({ open: false });
  if (f.status) and.push({ status: f.status });
  // A top category is a key range ("SDQN-" up to "SDQN."), which an index can answer; a LIKE cannot.
  if (f.category) and.push(f.category.includes("-") ? { categoryCode: f.category } : { categoryCode: { gte: `${f.category}-`, lt: `${f.category}.` } });
  if (f.gridId) {
    const node = await prisma.gridNode.findUnique({ where: { id: f.gridId }, select: { path: true } });
    and.push(node ? await subtreeWhere([node.path]) : { id: { in: [] } });
  }
  // A case number is looked up by its unique index; other text searches titles and company names.
  if (f.q && !wordsOf(f)) and.push({ number: f.q });
  else if (f.q && words === "include") and.push(wordsWhere(f.q));
  return { AND: and };
}

/**
 * COUNT(*) as one statement (utils/plain-sql.server.ts): the ORM wraps counts in a LIMIT/OFFSET
 * subquery, which SQLite runs up to 4× slower (31 vs 8 ms for a district's finished cases).
 */
export function countCases(where: Prisma.CaseWhereInput): Promise<number> {
  return countWhere("Case", CASE_COLUMNS, where as Record<string, unknown>, async () => (await prisma.case.aggregate({ where, _count: { _all: true } }))._count._all);
}

/** Open work by the most urgent deadline; finished cases newest first. */
const orderKind = (f: QueueFilters): QueueOrder => (f.view === "closed" || f.view === "all" ? "newest" : "deadline");
const orderOf = (f: QueueFilters): Prisma.CaseOrderByWithRelationInput[] =>
  orderKind(f) === "newest" ? [{ createdAt: "desc" }, { id: "desc" }] : [{ stageDeadline: "asc" }, { id: "asc" }];

const ROW_SELECT = {
  id: true, number: true, title: true, status: true, level: true, urgency: true, categoryCode: true, stageDeadline: true,
  supervisedAt: true, pendingExtension: true, createdAt: true, source: true,
  companyName: true, gridId: true, assigneeDeptId: true, assigneeUserId: true,
} as const;

/** `textCap`: how many word matches are listed before the queue says "more than" (tests lower it). */
export async function listQueue(input: { actor: Actor; filters: QueueFilters; now?: Date; textCap?: number }) {
  const { actor, filters: f, textCap = TEXT_MATCH_CAP } = input;
  const now = input.now ?? new Date();
  const words = wordsOf(f);
  const scoped = await queueWhere(actor, f, now, words ? "omit" : "include");
  const matched = words ? await textMatches(scoped, words, orderKind(f), textCap) : null;
  // A word too common to list every match: its pages are read in the queue's order, as a filter.
  const where = matched?.capped ? { AND: [scoped, wordsWhere(words!)] } : scoped;
  const total = matched ? (matched.capped ? textCap : matched.ids.length) : await countCases(where);
  const { page, pages } = pageOf(total, QUEUE_PAGE_SIZE, f.page);
  // The page's ids first (from a covering index, however deep the page), then those 20 rows.
  const ids = matched && !matched.capped
    ? matched.ids.slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE)
    : (await prisma.case.findMany({ where, orderBy: orderOf(f), skip: (page - 1) * QUEUE_PAGE_SIZE, take: QUEUE_PAGE_SIZE, select: { id: true } })).map((r) => r.id);
  const byId = new Map((await prisma.case.findMany({ where: { id: { in: ids } }, select: ROW_SELECT })).map((r) => [r.id, r]));
  const rows = ids.map((id) => byId.get(id)!).filter(Boolean);
  return { total, page, pages, pageSize: QUEUE_PAGE_SIZE, capped: !!matched?.capped, rows: await present(rows, now) };
}

/** The queue's current filter, all pages up to `limit`, for export (same scope as the list). */
export async function exportQueue(input: { actor: Actor; filters: QueueFilters; limit: number; now?: Date }) {
  const now = input.now ?? new Date();
  const where = await queueWhere(input.actor, input.filters, now);
  const [total, rows] = await Promise.all([
    countCases(where),
    prisma.case.findMany({ where, orderBy: orderOf(input.filters), take: input.limit, select: ROW_SELECT }),
  ]);
  return { total, rows: await present(rows, now) };
}

type RowIn = {
  id: string; number: string; title: string; status: string; level: string; urgency: string; categoryCode: string; stageDeadline: Date | null;
  supervisedAt: Date | null; pendingExtension: string | null; createdAt: Date; source: string; companyName: string | null;
  gridId: string | null; assigneeDeptId: string | null; assigneeUserId: string | null;
};

async function present(rows: RowIn[], now: Date) {
  const exceptions = await calendarExceptions();
  const ids = (pick: (r: RowIn) => string | null) => [...new Set(rows.map(pick).filter((x): x is string => !!x))];
  const [grids, depts, users] = await Promise.all([
    prisma.gridNode.findMany({ where: { id: { in: ids((r) => r.gridId) } }, select: { id: true, name: true } }),
    prisma.department.findMany({ where: { id: { in: ids((r) => r.assigneeDeptId) } }, select: { id: true, name: true } }),
    prisma.user.findMany({ where: { id: { in: ids((r) => r.assigneeUserId) } }, select: { id: true, displayName: true } }),
  ]);
  const name = <T extends { id: string }>(list: T[], id: string | null, f: (x: T) => string) => (id ? list.find((x) => x.id === id) : undefined) && f(list.find((x) => x.id === id)!);
  return rows.map((r) => {
    const status = r.status as CaseStatus;
    const running = !FINAL_STATUSES.has(status) && status !== "SUSPENDED" && r.stageDeadline;
    return {
      id: r.id, number: r.number, title: r.title, status, statusLabel: STATUS_LABELS[status],
      level: r.level as CaseLevel, levelLabel: LEVEL_LABELS[r.level as CaseLevel],
      urgency: r.urgency, urgencyLabel: URGENCY_LABELS[r.urgency as Urgency] ?? r.urgency,
      category: findCategory(r.categoryCode)?.fullName ?? r.categoryCode,
      company: r.companyName, grid: name(grids, r.gridId, (g) => g.name) ?? "待分配",
      assignee: name(depts, r.assigneeDeptId, (d) => d.name) ?? name(users, r.assigneeUserId, (u) => `网格员${u.displayName}`) ?? null,
      countdown: running ? countdown(r.stageDeadline!, now, exceptions) : null,
      supervised: !!r.supervisedAt, extensionPending: !!r.pendingExtension,
      createdAt: r.createdAt.toISOString(), source: r.source,
    };
  });
}

export type QueueRow = Awaited<ReturnType<typeof present>>[number];

/** Counts for the queue's tabs (one small query each, all scoped). */
export async function queueCounts(actor: Actor, now = new Date()) {
  const scope = await caseWhere(actor);
  const open = { open: true };
  const [todo, overdue, supervised] = await Promise.all([
    countCases({ AND: [scope, await todoWhere(actor)] }),
    countCases({ AND: [scope, open, { stageDeadline: { lt: now } }] }),
    countCases({ AND: [scope, open, { supervisedAt: { not: null } }] }),
  ]);
  return { todo, overdue, supervised };
}
