// Queue pages of the case benchmark: which URLs each role opens, timed in-process (listQueue and
// queueCounts, the loader's two data functions) and through the running portal (data request and
// full page). Deep pages are spread over every page the closed list has.
import type { Actor } from "~/auth/actor";
import { timeRequests, type Timing } from "./http";
import { traced, type Statement } from "./cases-trace";

export interface Scenario {
  user: string;
  label: string;
  /** Query string of request i (without _data). */
  query: (i: number) => string;
}

export interface Scope {
  actor: Actor;
  /** Cases the user sees, open ones, and the pages of 已办结. */
  total: number;
  open: number;
  closedPages: number;
  /** Case numbers inside the scope, for the search by number. */
  numbers: string[];
  /** Names of companies with cases inside the scope, for the search by company. */
  companies: string[];
}

const CATEGORIES = ["SDQN", "YGZP-02", "ZCZX", "SCJG-01", "YGZP", "RZXQ-01", "QTSX"];
// Words people type into the queue's search box: what the issue is about.
const WORDS = ["社保", "停电", "贷款", "招工", "消防", "噪音", "退税", "营业执照", "路灯", "补贴"];
// Fragments many company names share: the broadest searches a user can type.
const NAME_PARTS = ["科技", "贸易", "建设", "实业", "有限"];
const pick = <T>(xs: T[], i: number) => xs[(i * 7919) % xs.length];

export function scenarios(scopes: Record<string, Scope>): Scenario[] {
  const out: Scenario[] = [];
  for (const user of ["wangge", "ducha", "bumen"]) {
    const s = scopes[user];
    const deep = (i: number) => 1 + Math.floor(((i * 0.618034) % 1) * s.closedPages);
    const closed: Scenario[] = [
      { user, label: "已办结 前 5 页", query: (i) => `view=closed&page=${1 + (i % 5)}` },
      { user, label: "已办结 深翻页", query: (i) => `view=closed&page=${deep(i)}` },
    ];
    out.push({ user, label: "待我办理（默认页）", query: () => "" });
    if (user === "bumen") {
      out.push(...closed);
      continue;
    }
    out.push(
      { user, label: "全部在办", query: (i) => `view=open&page=${1 + (i % 3)}` },
      { user, label: "超期", query: () => "view=overdue" },
      ...closed,
      { user, label: "全部 + 分类筛选", query: (i) => `view=all&category=${pick(CATEGORIES, i)}&page=${1 + (i % 2)}` },
      { user, label: "按编号查询", query: (i) => `view=all&q=${pick(s.numbers, i)}` },
      { user, label: "按关键词查询（全部）", query: (i) => `view=all&q=${encodeURIComponent(pick(WORDS, i))}` },
      { user, label: "按企业名称查询（在办）", query: (i) => `view=open&q=${encodeURIComponent(pick(s.companies, i))}` },
      { user, label: "按名称片段查询（全部）", query: (i) => `view=all&q=${encodeURIComponent(pick(NAME_PARTS, i))}` },
    );
    if (user === "ducha") out.push({ user, label: "督办中", query: () => "view=supervised" });
  }
  return out;
}

export interface Measured {
  scenario: Scenario;
  data: Timing;
  page: Timing;
}

const DATA = "_data=routes%2F_app.cases._index";

/**
 * How many requests fit the budget, from one probe (which also warms up): a line whose requests take
 * seconds each is measured with fewer of them (at least `min`), so the whole run stays within reach.
 */
async function affordable(probe: () => Promise<unknown>, n: number, budgetMs: number, min: number): Promise<number> {
  const t = performance.now();
  await probe();
  return Math.max(min, Math.min(n, Math.floor(budgetMs / (performance.now() - t))));
}

/** Each scenario as a data request and as the full page: up to `n` sequential requests each, after a warm-up. */
export async function timePortal(base: string, cookies: Record<string, string>, list: Scenario[], n: number, budgetMs = 20_000): Promise<Measured[]> {
  const out: Measured[] = [];
  for (const scenario of list) {
    const cookie = cookies[scenario.user];
    const urls = (extra: string, count: number) => Array.from({ length: count }, (_, i) => `${base}/cases?${[scenario.query(i), extra].filter(Boolean).join("&")}`);
    const count = await affordable(async () => (await fetch(urls(DATA, 1)[0], { headers: { Cookie: cookie } })).arrayBuffer(), n, budgetMs, 5);
    const warmup = count >= 20 ? 5 : 1;
    const data = await timeRequests(urls(DATA, count), cookie, warmup);
    const page = await timeRequests(urls("", count), cookie, warmup);
    out.push({ scenario, data, page });
  }
  return out;
}

export interface Direct {
  scenario: Scenario;
  listQueue: Timing;
  counts: Timing;
  /** The SQL of one listQueue and of one queueCounts call, slowest first (empty without the query log). */
  statements: { list: Statement[]; counts: Statement[] };
}

/** The loader's data functions in this process, without HTTP, React or the session. */
export async function timeDirect(scopes: Record<string, Scope>, list: Scenario[], n: number, budgetMs = 10_000): Promise<Direct[]> {
  const { listQueue, queueCounts } = await import("~/cases/queue.server");
  const { parseQueueFilters } = await import("~/cases/queue-filters");
  const time = async (f: (i: number) => Promise<unknown>): Promise<Timing> => {
    const count = await affordable(() => f(1000), n, budgetMs, 3);
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = performance.now();
      await f(i);
      times.push(performance.now() - t);
    }
    return percentiles(times);
  };
  const out: Direct[] = [];
  for (const scenario of list) {
    const actor = scopes[scenario.user].actor;
    const listTiming = await time((i) => listQueue({ actor, filters: parseQueueFilters(new URLSearchParams(scenario.query(i))) }));
    const countTiming = await time(() => queueCounts(actor));
    const statements = {
      list: await traced(() => listQueue({ actor, filters: parseQueueFilters(new URLSearchParams(scenario.query(1))) })),
      counts: await traced(() => queueCounts(actor)),
    };
    out.push({ scenario, listQueue: listTiming, counts: countTiming, statements });
  }
  return out;
}

/** Scope sizes, as the queue sees them (the same where clauses). */
export async function loadScopes(users: string[]): Promise<Record<string, Scope>> {
  const { prisma } = await import("~/db.server");
  const { actorFor } = await import("~/auth/actor.server");
  const { caseWhere } = await import("~/cases/scope.server");
  const { QUEUE_PAGE_SIZE } = await import("~/cases/queue-filters");
  const { OPEN_STATUSES } = await import("~/cases/flow");
  const out: Record<string, Scope> = {};
  for (const user of users) {
    const actor = await actorFor(user);
    const where = await caseWhere(actor);
    const total = await prisma.case.count({ where });
    const open = await prisma.case.count({ where: { AND: [where, { status: { in: [...OPEN_STATUSES] } }] } });
    const closed = await prisma.case.count({ where: { AND: [where, { status: { in: ["CLOSED", "REFUSED"] } }] } });
    // Numbers spread over the scope's history: every k-th of the ids (cheap, and old and new alike).
    const sample = await prisma.case.findMany({ where, select: { number: true }, take: 200, skip: Math.max(0, Math.floor(total / 2) - 100) });
    const recent = await prisma.case.findMany({ where, select: { number: true }, orderBy: { createdAt: "desc" }, take: 50 });
    const named = await prisma.case.findMany({ where: { AND: [where, { companyId: { not: null } }] }, select: { company: { select: { name: true } } }, take: 50, skip: Math.max(0, Math.floor(total / 3)) });
    out[user] = {
      actor, total, open, closedPages: Math.max(1, Math.ceil(closed / QUEUE_PAGE_SIZE)), numbers: [...sample, ...recent].map((c) => c.number),
      companies: [...new Set(named.map((c) => c.company!.name))],
    };
  }
  return out;
}

export function percentiles(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}
