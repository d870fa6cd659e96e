import path from "node:path";
import { enableWal } from "~/utils/sqlite-file.server";
import Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { config } from "~/config.server";

/** "file:./.data/x.db" → an absolute path (relative paths are from the project root / cwd). */
export function sqlitePath(databaseUrl: string): string {
  return path.resolve(databaseUrl.replace(/^file:/, ""));
}

const PAGE_CACHE_KIB = 64 * 1024;

/**
 * The adapter, keeping hold of the better-sqlite3 connection it opens (its one connection): bulk
 * writers (match runs) prepare their statements on it, inside Prisma's transactions, rather than
 * open a second writer that would wait on or break them (app/matching/match-store.server.ts).
 */
class SqliteAdapter extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client?: unknown }).client;
    shared.__sqlite = client instanceof Database ? client : null;
    // A 64 MB page cache instead of SQLite's 2 MB: a district's word search reads ~20 MB of index
    // pages, and with the default every page came back through a read() from the OS cache
    // (44 → 37 ms for that scan; memory-mapped reads gained nothing).
    shared.__sqlite?.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    return adapter;
  }
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
  if (!shared.__sqlite?.open) await prisma.$queryRawUnsafe("SELECT 1");
  return shared.__sqlite?.open ? shared.__sqlite : null;
}

// One client per process; kept on globalThis so module re-evaluation never opens a second one.
const shared = globalThis as unknown as { __prisma?: PrismaClient; __sqlite?: Database.Database | null };
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
