import type Database from "better-sqlite3";
import { prisma, sqliteConnection } from "~/db.server";
import { logger } from "~/utils/logger.server";
import { candidateQuery, caseDocument, caseKey, isCaseKey } from "./case-words";

/**
 * The queues' substring index on SQLite: an FTS5 table "CaseWords" of each case's character pairs
 * and district/street/department (case-words.ts), keyed by the case number (migration 20261124000800_case_words).
 *
 * Triggers on "Case" put the number of every case inserted, renamed or deleted into
 * "CaseWordsPending", whoever wrote it; the index is brought up to date from there here, at
 * start-up and before a search reads it. A search therefore never misses a case the index has not
 * seen: with more waiting than a request should index, it takes the scan instead (queue-text.server.ts).
 *
 * Other engines have no such table: there `wordCandidates` answers null and the scan serves, and
 * PostgreSQL's pg_trgm/pg_bigm index would take this module's place.
 */

/** Cases a search indexes itself before reading; more than this and it scans while start-up or the next searches catch up. */
const INDEX_IN_REQUEST = 2_000;
const BATCH = 20_000;

interface Statements {
  waitingUpTo: Database.Statement;
  pending: Database.Statement;
  remove: Database.Statement;
  insert: Database.Statement;
  done: Database.Statement;
  candidates: Database.Statement;
}

const prepared = new WeakMap<Database.Database, Statements | null>();

function statementsOf(db: Database.Database): Statements | null {
  if (prepared.has(db)) return prepared.get(db)!;
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'CaseWords'`).get();
  const s = exists
    ? {
        waitingUpTo: db.prepare(`SELECT count(*) FROM (SELECT 1 FROM "CaseWordsPending" LIMIT ?)`).pluck().safeIntegers(false),
        pending: db.prepare(`SELECT p."number", c."title", c."companyName", c."districtId", c."streetId", c."assigneeDeptId", c."id" IS NOT NULL
          FROM "CaseWordsPending" p LEFT JOIN "Case" c ON c."number" = p."number" LIMIT ?`).raw().safeIntegers(false),
        // A contentless-delete table: a case's old entry goes by key alone (a no-op for a new case).
        remove: db.prepare(`DELETE FROM "CaseWords" WHERE rowid = ?`),
        insert: db.prepare(`INSERT INTO "CaseWords" (rowid, "terms") VALUES (?, ?)`),
        done: db.prepare(`DELETE FROM "CaseWordsPending" WHERE "number" = ?`),
        // Keys, as text to compare with "Case"."number".
        candidates: db.prepare(`SELECT rowid FROM "CaseWords" WHERE "CaseWords" MATCH ? LIMIT ?`).pluck().safeIntegers(true),
      }
    : null;
  prepared.set(db, s);
  return s;
}

async function statements(): Promise<Statements | null> {
  const db = await sqliteConnection();
  return db ? statementsOf(db) : null;
}

/** Index one batch of waiting cases, in one of Prisma's transactions (the connection is shared). */
async function indexBatch(s: Statements, limit: number): Promise<number> {
  return prisma.$transaction(async () => {
    const rows = s.pending.all(limit) as [string, string | null, string | null, string | null, string | null, string | null, number][];
    for (const [number, title, companyName, districtId, streetId, assigneeDeptId, exists] of rows) {
      // A number that is no key was never indexed: once its case is gone there is nothing to drop.
      if (!exists && !isCaseKey(number)) {
        s.done.run(number);
        continue;
      }
      const key = caseKey(number);
      s.remove.run(key);
      if (exists) s.insert.run(key, caseDocument({ title: title ?? "", companyName, districtId, streetId, assigneeDeptId }));
      s.done.run(number);
    }
    return rows.length;
  }, { timeout: 120_000 });
}

/**
 * Brings the index up to date: every waiting case, in batches. At start-up (a migration queues
 * every existing case) and after bulk writes; returns how many were indexed.
 */
export async function syncCaseWords(): Promise<number> {
  const s = await statements();
  if (!s) return 0;
  let total = 0;
  for (let n = BATCH; n === BATCH; total += n) n = await indexBatch(s, BATCH);
  return total;
}

let catchingUp: Promise<unknown> | null = null;

/** Whether the index has every case: indexes a few waiting ones itself, leaves a backlog to the background. */
async function current(s: Statements): Promise<boolean> {
  const waiting = s.waitingUpTo.get(INDEX_IN_REQUEST + 1) as number;
  if (waiting === 0) return true;
  try {
    if (waiting <= INDEX_IN_REQUEST) return (await indexBatch(s, INDEX_IN_REQUEST), s.waitingUpTo.get(1) === 0);
  } catch (error) {
    // The scan still answers correctly; the index waits until what stopped it is fixed.
    logger.error({ err: error }, "case word index: indexing failed, searching without it");
    return false;
  }
  catchingUp ??= syncCaseWords()
    .catch((error) => logger.error({ err: error }, "case word index: catching up failed"))
    .finally(() => (catchingUp = null));
  return false;
}

/**
 * Numbers of the cases that may contain `q` within `where`'s district, street or department: up to `limit`
 * of them. Null when the index cannot say (another engine, a query it cannot narrow, a backlog).
 */
export async function wordCandidates(q: string, where: unknown, limit: number): Promise<string[] | null> {
  const query = candidateQuery(q, where);
  const s = query ? await statements() : null;
  if (!query || !s || !(await current(s))) return null;
  return (s.candidates.all(query, limit) as bigint[]).map(String);
}
