import Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

// On globalThis, as db.server.ts keeps its client: module re-evaluation must not lose the connection.
const held = globalThis as unknown as { __sqlite?: Database.Database | null };

/** The connection the last SqliteAdapter opened (db.server.ts `sqliteConnection` is the way in). */
export const sqliteClient = (): Database.Database | null => held.__sqlite ?? null;

const PAGE_CACHE_KIB = 64 * 1024;

/**
 * The adapter, keeping hold of the better-sqlite3 connection it opens (its one connection): bulk
 * writers (match runs) prepare their statements on it, inside Prisma's transactions, rather than
 * open a second writer that would wait on or break them (app/matching/match-store.server.ts).
 */
export class SqliteAdapter extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client?: unknown }).client;
    held.__sqlite = client instanceof Database ? client : null;
    // A 64 MB page cache instead of SQLite's 2 MB: a district's word search reads ~20 MB of index
    // pages, and with the default every page came back through a read() from the OS cache
    // (44 → 37 ms for that scan; memory-mapped reads gained nothing).
    held.__sqlite?.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    return adapter;
  }
}

