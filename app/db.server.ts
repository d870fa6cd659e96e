import path from "node:path";
import { enableWal } from "~/utils/sqlite-file.server";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { config } from "~/config.server";

/** "file:./.data/x.db" → an absolute path (relative paths are from the project root / cwd). */
export function sqlitePath(databaseUrl: string): string {
  return path.resolve(databaseUrl.replace(/^file:/, ""));
}

function createClient(): PrismaClient {
  const file = sqlitePath(config().DATABASE_URL);
  enableWal(file);
  // timeout = SQLite busy timeout: wait for a concurrent writer rather than fail at once.
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file, timeout: 10_000 }) });
}

// One client per process; kept on globalThis so module re-evaluation never opens a second one.
const globalForPrisma = globalThis as unknown as { __prisma?: PrismaClient };
export const prisma: PrismaClient = (globalForPrisma.__prisma ??= createClient());
