import Database from "better-sqlite3";
import { config } from "~/config.server";
import { sqlitePath } from "~/db.server";
import { compileWhere } from "./count-sql";

/**
 * COUNT(*) as one plain statement on SQLite (see count-sql.ts for why), on a read-only connection
 * of our own: it sees committed data only, never another request's open transaction on Prisma's
 * connection, and in WAL mode it waits on no writer. Other engines, and `where` shapes the
 * translation does not cover, take `fallback` (Prisma's count).
 */
let reader: { file: string; db: Database.Database } | null = null;
const statements = new Map<string, Database.Statement>();

function connection(): Database.Database | null {
  const url = config().DATABASE_URL;
  if (!url.startsWith("file:")) return null;
  const file = sqlitePath(url);
  if (reader?.file !== file) {
    reader?.db.close();
    statements.clear();
    reader = { file, db: new Database(file, { readonly: true, fileMustExist: true }) };
  }
  return reader.db;
}

export async function countWhere(
  table: string, columns: ReadonlySet<string>, where: Record<string, unknown>, fallback: () => Promise<number>,
): Promise<number> {
  const db = connection();
  const compiled = db && compileWhere(where, columns);
  if (!db || !compiled) return fallback();
  const sql = `SELECT COUNT(*) FROM "${table}" WHERE ${compiled.sql}`;
  let statement = statements.get(sql);
  if (!statement) {
    // Filters with long id lists make many distinct statements: keep a bounded set.
    if (statements.size >= 200) statements.clear();
    statement = db.prepare(sql).pluck();
    statements.set(sql, statement);
  }
  return Number(statement.get(...compiled.params));
}
