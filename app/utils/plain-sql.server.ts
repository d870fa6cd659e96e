import type Database from "better-sqlite3";
import { sqliteConnection } from "~/db.server";
import { compileWhere } from "./count-sql";

/**
 * Plain statements for the ORM's two costly shapes on SQLite, prepared on Prisma's own connection
 * (db.server.ts keeps hold of it, as match runs do): no second connection to open, and none left
 * holding the file when Prisma disconnects (a migration in another process needs it to itself).
 * - countWhere: the ORM wraps counts in a LIMIT/OFFSET subquery (see count-sql.ts).
 * - selectWhere: the ORM turns each row into an object of converted values, ~9 µs a row; a search
 *   that reads 5,000 ids spent 45 ms there against 5 ms in SQLite.
 * Other engines, and `where` shapes the translation does not cover, take `fallback` (Prisma).
 */
const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function statement(db: Database.Database, sql: string, shape: (s: Database.Statement) => Database.Statement): Database.Statement {
  let statements = prepared.get(db);
  if (!statements) prepared.set(db, (statements = new Map()));
  let s = statements.get(sql);
  if (!s) {
    // Filters with long id lists make many distinct statements: keep a bounded set.
    if (statements.size >= 200) statements.clear();
    // Prisma's connection returns integers as BigInt; ours are counts and flags, plain numbers.
    s = shape(db.prepare(sql)).safeIntegers(false);
    statements.set(sql, s);
  }
  return s;
}

export async function countWhere(
  table: string, columns: ReadonlySet<string>, where: Record<string, unknown>, fallback: () => Promise<number>,
): Promise<number> {
  const db = await sqliteConnection();
  const compiled = db && compileWhere(where, columns);
  if (!db || !compiled) return fallback();
  return statement(db, `SELECT COUNT(*) FROM "${table}" WHERE ${compiled.sql}`, (s) => s.pluck()).get(...compiled.params) as number;
}

export interface SelectQuery {
  select: readonly string[];
  orderBy: readonly (readonly [column: string, direction: "asc" | "desc"])[];
  limit: number;
  /** A condition of the caller's own, ANDed as written (e.g. a key list bound as one JSON text). */
  also?: { sql: string; params: readonly unknown[] };
}

/**
 * Rows as arrays of `select`'s columns, values as SQLite keeps Prisma's (sqlite-value.ts: dates as
 * ISO text, booleans 1/0); `fallback` must answer in the same form.
 */
export async function selectWhere(
  table: string, columns: ReadonlySet<string>, where: Record<string, unknown>, query: SelectQuery, fallback: () => Promise<unknown[][]>,
): Promise<unknown[][]> {
  const db = await sqliteConnection();
  const named = [...query.select, ...query.orderBy.map(([c]) => c)].every((c) => columns.has(c));
  const compiled = db && named && Number.isInteger(query.limit) && compileWhere(where, columns);
  if (!db || !compiled) return fallback();
  const order = query.orderBy.map(([c, d]) => `"${c}" ${d === "desc" ? "DESC" : "ASC"}`).join(", ");
  const also = query.also ? ` AND (${query.also.sql})` : "";
  const sql = `SELECT ${query.select.map((c) => `"${c}"`).join(", ")} FROM "${table}" WHERE ${compiled.sql}${also}${order ? ` ORDER BY ${order}` : ""} LIMIT ${query.limit}`;
  return statement(db, sql, (s) => s.raw()).all(...compiled.params, ...(query.also?.params ?? [])) as unknown[][];
}
