import type Database from "better-sqlite3";
import { sqliteConnection } from "~/db.server";
import { compileWhere } from "./count-sql";

/**
 * COUNT(*) as one plain statement on SQLite (see count-sql.ts for why), prepared on Prisma's own
 * connection (db.server.ts keeps hold of it, as match runs do): no second connection to open, and
 * none left holding the file when Prisma disconnects (a migration in another process needs it to
 * itself). Other engines, and `where` shapes the translation does not cover, take `fallback`
 * (Prisma's count).
 */
const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export async function countWhere(
  table: string, columns: ReadonlySet<string>, where: Record<string, unknown>, fallback: () => Promise<number>,
): Promise<number> {
  const db = await sqliteConnection();
  const compiled = db && compileWhere(where, columns);
  if (!db || !compiled) return fallback();
  const sql = `SELECT COUNT(*) FROM "${table}" WHERE ${compiled.sql}`;
  let statements = prepared.get(db);
  if (!statements) prepared.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) {
    // Filters with long id lists make many distinct statements: keep a bounded set.
    if (statements.size >= 200) statements.clear();
    // Prisma's connection returns integers as BigInt; a count is a plain number.
    statement = db.prepare(sql).pluck().safeIntegers(false);
    statements.set(sql, statement);
  }
  return statement.get(...compiled.params) as number;
}
