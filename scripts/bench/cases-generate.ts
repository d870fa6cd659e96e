// The benchmark's cases, written straight into SQLite (prepared statements in large transactions,
// not Prisma row by row). Rows look like the ones the real store writes (app/cases/case-store.server.ts,
// seed/demo-cases.ts): routed to the company's park grid else its grid, handlerGridId moved by 升级,
// stageDeadline from the working-day calendar, one CaseEvent per step, each step checked by flow.ts.
// Cases arrive day by day over `years` (more on weekdays, growing over time); how many are still
// open falls with age: most close within days, a tail (挂起, 延期, stuck departments) stays open.
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { dayOf, deadlineAfter, type Exceptions } from "~/cases/calendar";
import { findCategory, limitsFor, type Urgency } from "~/cases/categories";
import { nextStatus, refusal, stageOf, type CaseAction, type CaseState, type CaseStatus } from "~/cases/flow";
import { scopeColumns, statusColumns } from "~/cases/placement";
import { STEP_COMMENTS } from "../../seed/case-comments";
import { generateCaseTexts, type CaseText } from "../../seed/case-texts";
import { mulberry32, Rng } from "../../seed/registry-random";

export const GENERATOR_VERSION = 1;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const CITY = 8 * HOUR;
const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString().replace("Z", "+00:00"));
const ALL = { filer: true, dispatcher: true, assignee: true, supervisor: true };
const COMMENTS = STEP_COMMENTS;
/** Natural time a step takes after the previous one, in hours. */
const TAKES: Partial<Record<CaseAction, (r: Rng) => number>> = {
  resolve: (r) => (r.chance(0.7) ? r.between(20, 120) : r.chance(0.83) ? r.between(120, 290) : r.between(290, 960)),
  resume: (r) => r.between(48, 480), extend: (r) => r.between(48, 96), approveExtension: (r) => r.between(2, 30),
  verify: (r) => r.between(2, 48), return: (r) => r.between(1, 48), reject: (r) => r.between(2, 48),
};
const OPEN_BY_AGE: [number, Partial<Record<CaseStatus, number>>][] = [
  [0.5, { SUBMITTED: 55, ACCEPTED: 25, REGISTERED: 12, DISPATCHED: 8 }],
  [2, { SUBMITTED: 12, ACCEPTED: 14, REGISTERED: 16, DISPATCHED: 50, RESOLVED: 6, VERIFIED: 2 }],
  [Infinity, { SUBMITTED: 3, ACCEPTED: 4, REGISTERED: 6, DISPATCHED: 60, RESOLVED: 14, VERIFIED: 8, SUSPENDED: 5 }],
];
const STUCK: Partial<Record<CaseStatus, number>> = { SUSPENDED: 30, DISPATCHED: 50, RESOLVED: 8, REGISTERED: 6, ACCEPTED: 6 };

export interface GenerateStats { cases: number; events: number; seconds: number; byStatus: Record<string, number>; overdue: number; supervisedOpen: number }

export function generateCases(options: { file: string; count: number; years?: number; seed?: number; now?: number }): GenerateStats {
  const started = performance.now();
  const db = new Database(options.file);
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -1000000");
  const now = options.now ?? Date.now();
  const rng = new Rng(mulberry32(options.seed ?? 2026));
  const all = <T>(sql: string) => db.prepare(sql).all() as T[];
  type Company = { id: string; name: string; gridId: string | null; parkGridId: string | null; contactName: string | null; contactPhone: string | null; contactEmail: string | null; userId: string | null };
  const companies = all<Company>(`SELECT c.id, c.name, c.gridId, c.parkGridId, c.contactName, c.contactPhone, c.contactEmail, (SELECT u.id FROM "User" u WHERE u.companyId = c.id LIMIT 1) AS userId FROM "Company" c WHERE c.gridId IS NOT NULL OR c.parkGridId IS NOT NULL`);
  const named = companies.filter((c) => c.userId);
  const nodes = new Map(all<{ id: string; path: string; level: string; name: string }>(`SELECT id, path, level, name FROM "GridNode"`).map((n) => [n.id, n]));
  const depts = new Map(all<{ id: string; code: string; name: string }>(`SELECT id, code, name FROM "Department"`).map((d) => [d.code, d]));
  const staff = all<{ id: string; role: string; departmentId: string | null; path: string | null }>(
    `SELECT u.id, u.role, u.departmentId, g.path FROM "User" u LEFT JOIN "UserGrid" ug ON ug.userId = u.id LEFT JOIN "GridNode" g ON g.id = ug.gridId WHERE u.role IN ('GRID_WORKER', 'SUPERVISOR', 'DEPT_HANDLER')`);
  const deptUser = new Map(staff.filter((s) => s.role === "DEPT_HANDLER" && s.departmentId).map((s) => [s.departmentId!, s.id]));
  const exceptions: Exceptions = new Map(all<{ date: string; kind: string }>(`SELECT date, kind FROM "CalendarDay"`).map((d) => [d.date, d.kind === "WORK" ? "WORK" : "OFF"]));
  const sequences = new Map(all<{ day: string; value: number }>(`SELECT day, value FROM "CaseSequence"`).map((s) => [s.day, s.value]));
  const existing = (db.prepare(`SELECT count(*) AS n FROM "Case"`).get() as { n: number }).n;

  // Per routed grid: who works it (the covering grid worker, else null) and who supervises it.
  type Route = { worker: string | null; gridWorker: string | null; supervisor: string | null; street: string | null; district: string | null };
  const routes = new Map<string, Route>();
  const routeOf = (gridId: string): Route => {
    let r = routes.get(gridId);
    if (r) return r;
    const path = nodes.get(gridId)?.path ?? "";
    const ancestors = path.split("/").filter(Boolean).map((id) => nodes.get(id));
    const covering = (role: string) => staff.find((s) => s.role === role && s.path && path.startsWith(s.path))?.id ?? null;
    r = { worker: covering("GRID_WORKER") ?? covering("SUPERVISOR"), gridWorker: covering("GRID_WORKER"), supervisor: covering("SUPERVISOR"),
      street: ancestors.find((n) => n?.level === "STREET")?.id ?? null, district: ancestors.find((n) => n?.level === "DISTRICT")?.id ?? null };
    routes.set(gridId, r);
    return r;
  };

  const caseSql = db.prepare(`INSERT INTO "Case" (id, number, submissionKey, source, companyId, gridId, handlerGridId, level, categoryCode, title, description, urgency,
    contactName, contactPhone, contactEmail, status, resumeStatus, assigneeDeptId, assigneeUserId, stageDeadline, extendedDays, pendingExtension, supervisedAt,
    supervisedById, filedById, closedAt, rating, ratingComment, ratedAt, reopenCount, createdAt, updatedAt, districtId, streetId, open, companyName) VALUES (${Array(36).fill("?").join(",")})`);
  const eventSql = db.prepare(`INSERT INTO "CaseEvent" (id, caseId, at, actorId, action, fromStatus, toStatus, comment, detail) VALUES (?,?,?,?,?,?,?,?,?)`);
  const seqSql = db.prepare(`INSERT INTO "CaseSequence" (day, value) VALUES (?, ?) ON CONFLICT(day) DO UPDATE SET value = excluded.value`);

  // cuid-like ids (time first), as Prisma's @default(cuid()) makes them.
  let counter = 0;
  const cuid = (ms: number) => `c${Math.floor(ms).toString(36).padStart(8, "0")}${(counter = (counter + 1) % 1_679_616).toString(36).padStart(4, "0")}bnch${Math.floor(rng.next() * 2_821_109_907_456).toString(36).padStart(8, "0")}`;
  let texts: CaseText[] = [];
  let textBlock = 0;
  const nextText = () => {
    if (!texts.length) texts = generateCaseTexts({ count: 20_000, seed: 7000 + textBlock++ }).reverse();
    return texts.pop()!;
  };
  const weighted = (w: Partial<Record<CaseStatus, number>>) => {
    const entries = Object.entries(w) as [CaseStatus, number][];
    let x = rng.next() * entries.reduce((n, [, v]) => n + v, 0);
    return (entries.find(([, v]) => (x -= v) < 0) ?? entries[0])[0];
  };

  /** The steps a case takes, variants included (escalation, 退回, 核查不通过, 挂起, 延期, 督办). */
  const pathFor = (route: Route): CaseAction[] => {
    const p: CaseAction[] = ["accept"];
    if ((route.street || route.district) && rng.chance(0.04)) p.push("escalate", ...(route.street && rng.chance(0.12) ? (["escalate"] as CaseAction[]) : []));
    p.push("register");
    if (rng.chance(0.02)) p.push("suspend", "resume");
    p.push("dispatch");
    if (rng.chance(0.05)) p.push("return", "dispatch");
    if (rng.chance(0.04)) p.push("extend", rng.chance(0.8) ? "approveExtension" : "denyExtension");
    if (rng.chance(0.015)) p.push("supervise");
    p.push("resolve");
    if (rng.chance(0.03)) p.push("reject", "resolve");
    p.push("verify", "close");
    return p;
  };
  /** The open case's steps: the path cut where it first reaches `target` (plus 延期 / 挂起 variants). */
  const openPath = (route: Route, target: CaseStatus, stuck: boolean, age: number): CaseAction[] => {
    if (target === "SUBMITTED") return [];
    if (target === "SUSPENDED") return ["accept", "register", ...(rng.chance(0.5) ? (["dispatch"] as CaseAction[]) : []), "suspend"];
    const full = pathFor(route).filter((a) => a !== "supervise");
    let state: CaseStatus = "SUBMITTED";
    const out: CaseAction[] = [];
    for (const a of full) {
      if (state === target) break;
      out.push(a);
      state = a === "resume" ? "REGISTERED" : nextStatus(a, { status: state } as CaseState, null);
    }
    if (target === "DISPATCHED" && (stuck ? rng.chance(0.75) : age > 3 && rng.chance(0.1))) out.push("extend", ...(rng.chance(0.66) ? (["approveExtension"] as CaseAction[]) : []));
    return out;
  };

  const stats: GenerateStats = { cases: 0, events: 0, seconds: 0, byStatus: {}, overdue: 0, supervisedOpen: 0 };
  const want = Math.max(0, options.count - existing);
  const days = Math.round((options.years ?? 3) * 365);
  const weights = Array.from({ length: days }, (_, d) => {
    const weekday = new Date(now - (days - 1 - d) * DAY + CITY).getUTCDay();
    return (weekday === 0 || weekday === 6 ? 0.35 : 1) * (0.6 + (0.6 * d) / days);
  });
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  let assigned = 0;
  const pending: (() => void)[] = [];
  const flush = db.transaction(() => pending.splice(0).forEach((f) => f()));

  for (let d = 0; d < days; d++) {
    cumulative += weights[d];
    const n = Math.round((cumulative / totalWeight) * want) - assigned;
    assigned += n;
    const day = dayOf(new Date(now - (days - 1 - d) * DAY));
    const dayStart = Date.parse(`${day}T00:00:00Z`) - CITY;
    const latest = Math.min(dayStart + DAY, now - 60_000);
    const times = Array.from({ length: n }, () => {
      const t = dayStart + (rng.chance(0.85) ? rng.between(8, 19) : rng.between(0, 24)) * HOUR;
      return Math.floor(t < latest ? t : dayStart + rng.next() * (latest - dayStart));
    }).sort((a, b) => a - b);
    const compact = day.replaceAll("-", "");
    for (const createdAt of times) {
      const seq = (sequences.get(compact) ?? 0) + 1;
      sequences.set(compact, seq);
      const company = named.length && rng.chance(0.0005) ? rng.pick(named) : rng.pick(companies);
      pending.push(makeCase(createdAt, `${compact}${String(seq).padStart(5, "0")}`, company));
    }
    if (pending.length >= 20_000 || d === days - 1) flush();
  }
  for (const [day, value] of sequences) seqSql.run(day, value);
  db.close();
  stats.seconds = (performance.now() - started) / 1000;
  return stats;

  function makeCase(createdAt: number, number: string, company: Company): () => void {
    const text = nextText();
    const category = findCategory(text.category)!;
    const limits = limitsFor(category, text.urgency as Urgency);
    const stageDays: Record<string, number> = { ...limits, close: 1 };
    const gridId = company.parkGridId ?? company.gridId!;
    const route = routeOf(gridId);
    const dept = depts.get(category.department ?? "HTZ-ES") ?? null;
    const age = (now - createdAt) / DAY;
    const fast = 0.92 * Math.exp(-age / 12);
    const slow = 0.06 * Math.exp(-age / 250);
    const open = rng.chance(fast + slow);
    const stuck = open && rng.next() * (fast + slow) < slow;
    const target = open ? weighted(stuck ? STUCK : OPEN_BY_AGE.find(([upTo]) => age < upTo)![1]) : null;
    const steps = !open ? (rng.chance(0.025) ? (["refuse"] as CaseAction[]) : pathFor(route)) : openPath(route, target!, stuck, age);
    if (open && target !== "SUSPENDED" && target !== "SUBMITTED" && age > 5 && rng.chance(0.25)) steps.push("supervise");
    // Natural timing, squeezed into the case's age (an open case has spent part of it in its state).
    const hours = steps.map((a) => TAKES[a]?.(rng) ?? (rng.chance(0.1) ? rng.between(24, 72) : rng.between(0.5, 20)));
    const room = (now - 60_000 - createdAt) * (open ? (stuck ? rng.between(0.05, 0.6) : rng.between(0.2, 0.9)) : 0.97);
    const natural = hours.reduce((a, b) => a + b, 0) * HOUR;
    const scale = natural > room ? room / natural : 1;
    const byUser = route.gridWorker && rng.chance(0.08);
    const source = company.userId ? "PORTAL" : rng.pick(["PORTAL", "PORTAL", "PORTAL", "PORTAL", "GRID", "GRID", "OPEN311", "VISIT"]);
    const filedById = source === "PORTAL" ? company.userId : source === "GRID" || source === "VISIT" ? route.worker : null;
    const id = cuid(createdAt);
    const c = {
      level: "GRID", handlerGridId: gridId as string | null, status: "SUBMITTED" as CaseStatus, resumeStatus: null as string | null, assigneeDeptId: null as string | null,
      assigneeUserId: null as string | null, deadline: open ? deadlineAfter(new Date(createdAt), limits.accept, exceptions).getTime() : null as number | null,
      extendedDays: 0, pendingExtension: null as string | null, supervisedAt: null as number | null, supervisedById: null as string | null,
      closedAt: null as number | null, rating: null as number | null, ratingComment: null as string | null, ratedAt: null as number | null,
    };
    const events: unknown[][] = [[cuid(createdAt), id, iso(createdAt), filedById, "file", null, "SUBMITTED", null, JSON.stringify({ source, category: text.category, suggested: null })]];
    let state: CaseState = { status: "SUBMITTED", level: "GRID", extensionPending: false, supervised: false, rated: false, closedAt: null };
    let at = createdAt;
    steps.forEach((action, i) => {
      const problem = refusal(action, state, ALL, new Date(at));
      if (problem) throw new Error(`基准诉求的办理路径不合法：${steps.join(",")}：${action}：${problem.message}`);
      at = Math.round(at + hours[i] * HOUR * scale);
      const to = nextStatus(action, state, c.resumeStatus as CaseStatus | null);
      const detail: Record<string, unknown> = {};
      let actor = route.worker;
      if (action === "dispatch") {
        if (byUser) Object.assign(c, { assigneeUserId: route.gridWorker, assigneeDeptId: null }), (detail.target = "网格员");
        else Object.assign(c, { assigneeDeptId: dept?.id ?? null, assigneeUserId: null }), (detail.target = dept?.name);
      }
      if (action === "resolve" || action === "return" || action === "extend") actor = c.assigneeUserId ?? deptUser.get(c.assigneeDeptId ?? "") ?? null;
      if (action === "escalate") {
        const up = state.level === "GRID" && route.street ? { id: route.street, level: "STREET" } : { id: route.district, level: "DISTRICT" };
        Object.assign(c, { handlerGridId: up.id, level: up.level });
        state = { ...state, level: up.level as CaseState["level"] };
        detail.to = nodes.get(up.id ?? "")?.name;
      }
      if (action === "close" || action === "refuse") c.closedAt = at;
      if (action === "extend") c.pendingExtension = JSON.stringify({ days: (detail.days = 5), reason: COMMENTS.extend![0], by: "承办部门", at: iso(at) });
      if (action === "approveExtension" || action === "denyExtension") {
        if (action === "approveExtension") (c.extendedDays += 5), (detail.days = 5), c.deadline != null && (c.deadline = deadlineAfter(new Date(c.deadline), 5, exceptions).getTime());
        c.pendingExtension = null;
      }
      if (action === "suspend") (c.resumeStatus = state.status), (detail.remaining = stageDays[stageOf(state.status) ?? "handle"]);
      if (action === "resume") c.resumeStatus = null;
      if (action === "supervise") (c.supervisedAt = at), (c.supervisedById = actor = route.supervisor);
      events.push([cuid(at), id, iso(at), actor, action, state.status, to, COMMENTS[action] ? rng.pick(COMMENTS[action]!) : null, Object.keys(detail).length ? JSON.stringify(detail) : null]);
      // A new stage starts its clock (only open cases keep a deadline, so only they compute it).
      if (open && to !== state.status) c.deadline = stageOf(to) ? deadlineAfter(new Date(at), stageDays[stageOf(to)!], exceptions).getTime() : null;
      state = { ...state, status: to, extensionPending: !!c.pendingExtension, supervised: !!c.supervisedAt, closedAt: c.closedAt ? new Date(c.closedAt) : null };
    });
    if (state.status === "CLOSED" && rng.chance(0.7)) {
      const rating = rng.chance(0.8) ? 5 : rng.int(2, 4);
      at = Math.min(at + HOUR * rng.between(1, 48), now - 1000);
      Object.assign(c, { rating, ratedAt: at, ratingComment: rating === 5 ? "办理及时，非常满意" : null });
      events.push([cuid(at), id, iso(at), filedById, "rate", "CLOSED", "CLOSED", null, JSON.stringify({ rating })]);
    }
    const deadline = stageOf(state.status) ? c.deadline : null;
    stats.cases++;
    stats.events += events.length;
    stats.byStatus[state.status] = (stats.byStatus[state.status] ?? 0) + 1;
    if (deadline != null && deadline < now) stats.overdue++;
    if (open && c.supervisedAt) stats.supervisedOpen++;
    const submissionKey = source === "PORTAL" ? randomUUID() : source === "OPEN311" ? `open311:bench:${randomUUID()}` : null;
    const row: unknown[] = [id, number, submissionKey, source, company.id, gridId, c.handlerGridId, c.level, text.category, text.title, text.description, text.urgency,
      company.contactName ?? "企业联系人", company.contactPhone ?? "0371-67890000", company.contactEmail, state.status, c.resumeStatus, c.assigneeDeptId, c.assigneeUserId,
      iso(deadline), c.extendedDays, c.pendingExtension, iso(c.supervisedAt), c.supervisedById, filedById, iso(c.closedAt), c.rating, c.ratingComment, iso(c.ratedAt), 0, iso(createdAt), iso(at)];
    const scope = scopeColumns(nodes.get(gridId)?.path);
    row.push(scope.districtId, scope.streetId, statusColumns(state.status).open ? 1 : 0, company.name);
    return () => {
      caseSql.run(row);
      for (const e of events) eventSql.run(e);
    };
  }
}
