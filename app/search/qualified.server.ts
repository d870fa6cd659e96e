import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { config } from "~/config.server";
import { prisma, sqlitePath } from "~/db.server";
import { qualifiedPolicyIds } from "~/matching/outcomes.server";

/**
 * The policies a company qualifies for (outcomes QUALIFIED, or EXCLUDED in favour of a
 * higher one): "只看我符合的", the switch's count and the marks on hits. Every search needs them,
 * and reading them cost 2 ms a search (4 ms for the whole list of a company qualifying for 3,000
 * policies), a quarter of the portal's work per search.
 *
 * They are kept per company and read again whenever the database has changed at all: SQLite's
 * `PRAGMA data_version`, read on a connection of our own, changes whenever any other connection
 * (Prisma's, the matching run's, another process's) commits. Coarse — any write anywhere empties
 * it — but exact, and free to check (microseconds), so the cached list is never older than the
 * last commit. Match results are written by the matching code, which knows nothing of search;
 * this needs no hook there.
 */
export interface Qualified {
  ids: string[];
  set: ReadonlySet<string>;
  /** Identifies the list in the results cache's keys. */
  key: string;
}

const MAX_COMPANIES = 1000;

let watcher: Database.Database | null | undefined;
const byCompany = new Map<string, { version: number; value: Promise<Qualified> }>();

/** The database's change counter, or null when it cannot be read (then nothing is kept). */
function dataVersion(): number | null {
  try {
    watcher ??= new Database(sqlitePath(config().DATABASE_URL), { readonly: true, fileMustExist: true });
    return watcher.pragma("data_version", { simple: true }) as number;
  } catch {
    watcher = null;
    return null;
  }
}

async function read(companyId: string): Promise<Qualified> {
  const ids = await qualifiedPolicyIds(prisma, companyId);
  return { ids, set: new Set(ids), key: createHash("sha256").update(ids.join("\n")).digest("base64url").slice(0, 22) };
}

export function qualifiedFor(companyId: string): Promise<Qualified> {
  // Read before the query: a commit in between makes the next call read again, never the reverse.
  const version = watcher === null ? null : dataVersion();
  if (version === null) return read(companyId);
  const kept = byCompany.get(companyId);
  if (kept && kept.version === version) return kept.value;
  const value = read(companyId);
  byCompany.delete(companyId);
  byCompany.set(companyId, { version, value });
  if (byCompany.size > MAX_COMPANIES) byCompany.delete(byCompany.keys().next().value!);
  value.catch(() => byCompany.get(companyId)?.value === value && byCompany.delete(companyId));
  return value;
}
