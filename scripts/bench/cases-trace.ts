// Where a queue page's time goes: the SQL statements Prisma sends for one listQueue / queueCounts
// call, each with its duration, and SQLite's plan for the slowest. The app's client (~/db.server) is
// replaced, before anything imports it, by the same client with query events switched on.
import Database from "better-sqlite3";

export interface Statement {
  sql: string;
  params: string;
  ms: number;
}

const log: Statement[] = [];
let recording = false;

/** Call before the first import of ~/db.server. Returns false when the app's client was already made. */
export async function installQueryLog(file: string): Promise<boolean> {
  const g = globalThis as unknown as { __prisma?: unknown };
  if (g.__prisma) return false;
  const { SqliteAdapter } = await import("~/utils/sqlite-adapter.server");
  const { PrismaClient } = await import("~/generated/prisma/client");
  // As db.server.ts makes it (same adapter, so the plain statements and the word index run on its
  // connection as in the portal; same busy timeout), plus query events. Plain statements
  // (plain-sql.server.ts, case-words.server.ts) bypass Prisma and are not in the log.
  const client = new PrismaClient({ adapter: new SqliteAdapter({ url: file, timeout: 10_000 }), log: [{ emit: "event", level: "query" }] });
  client.$on("query", (e) => {
    if (recording) log.push({ sql: e.query, params: e.params, ms: e.duration });
  });
  g.__prisma = client;
  return true;
}

/** The statements `f` sends, slowest first. */
export async function traced(f: () => Promise<unknown>): Promise<Statement[]> {
  log.length = 0;
  recording = true;
  try {
    await f();
  } finally {
    recording = false;
  }
  return [...log].sort((a, b) => b.ms - a.ms);
}

/** A short name for a statement: "COUNT Case", "SELECT Case … ORDER BY stageDeadline", "SELECT Company". */
export function describe(sql: string): string {
  const table = sql.match(/FROM `main`\.`(\w+)`/)?.[1] ?? "?";
  const order = sql.match(/ORDER BY `main`\.`\w+`\.`(\w+)`/)?.[1];
  const join = /LEFT JOIN `main`\.`Company`/.test(sql) ? " 关联 Company" : "";
  if (sql.startsWith("SELECT COUNT(*)")) return `COUNT ${table}${join}`;
  return `SELECT ${table}${join}${order ? ` ORDER BY ${order}` : ""}${/OFFSET \?/.test(sql) && order ? " OFFSET" : ""}`;
}

/** SQLite's plan for a logged statement, one line per step (run on a read-only connection). */
export function plan(file: string, s: Statement): string[] {
  const db = new Database(file, { readonly: true });
  try {
    // The log shows LIMIT / OFFSET as strings ("0"); the adapter binds them as numbers.
    const params = (JSON.parse(s.params) as unknown[]).map((p) => (typeof p === "boolean" ? Number(p) : typeof p === "string" && /^\d{1,9}$/.test(p) ? Number(p) : p));
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...params) as { detail: string }[];
    // Long IN lists make the lines unreadable: "gridId=?" is what matters.
    return [...new Set(rows.map((r) => r.detail.replace(/\(\?,[?,]+\)/g, "(…)")))];
  } catch (error) {
    return [`（无法取得查询计划：${(error as Error).message}）`];
  } finally {
    db.close();
  }
}
