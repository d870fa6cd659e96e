import path from "node:path";
import { enableWal } from "~/utils/sqlite-file.server";
import type Database from "better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { config } from "~/config.server";
import { SqliteAdapter, sqliteClient } from "~/utils/sqlite-adapter.server";

/** "file:./.data/x.db" → an absolute path (relative paths are from the project root / cwd). */
export function sqlitePath(databaseUrl: string): string {
  return path.resolve(databaseUrl.replace(/^file:/, ""));
}

function createClient(): PrismaClient {
  const file = sqlitePath(config().DATABASE_URL);
  enableWal(file);
  // timeout = SQLite busy timeout: wait for a concurrent writer rather than fail at once.
  return new PrismaClient({ adapter: new SqliteAdapter({ url: file, timeout: 10_000 }) });
}

/** Prisma's own SQLite connection, once it has connected; null before, on other engines, or with another client. */
export async function sqliteConnection(): Promise<Database.Database | null> {
  if (!config().DATABASE_URL.startsWith("file:")) return null;
  if (!sqliteClient()?.open) await prisma.$queryRawUnsafe("SELECT 1");
  const db = sqliteClient();
  return db?.open ? db : null;
}

// One client per process; kept on globalThis so module re-evaluation never opens a second one.
const shared = globalThis as unknown as { __prisma?: PrismaClient };
export const prisma: PrismaClient = (shared.__prisma ??= createClient());

/**
 * Refreshes the query planner's statistics after bulk writes (an import, the demo seed) and at
 * start-up. Without them SQLite guesses that every index is equally selective and, at 120,000
 * companies, sorts 96,000 微型 rows to find a grid worker's 20 (measured: 41 ms → 6 ms).
 * `PRAGMA optimize` analyzes only what needs it; PostgreSQL's equivalent is plain ANALYZE.
 */
export async function refreshPlannerStatistics(): Promise<void> {
  if (config().DATABASE_URL.startsWith("file:")) await prisma.$queryRawUnsafe("PRAGMA optimize=0x10002");
  else await prisma.$executeRawUnsafe("ANALYZE");
}
