import Database from "better-sqlite3";
import { config } from "~/config.server";
import { prisma, sqliteConnection } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { insertRows, insertValues } from "~/utils/bulk-insert.server";
import { sqliteValue } from "~/utils/sqlite-value";
import { logger } from "~/utils/logger.server";
import { pendingRecount } from "./match-pending.server";
import { applyStatDeltas, STAT_UPSERT } from "./match-stats.server";
import {
  changedCompanies, LAPSED_REASON, orderedId, planBatch, RECORD_COLUMNS,
  type BatchPlan, type Evaluated, type RunKind, type StoredRecord,
} from "./batch-plan";

/**
 * Writes a match run's batch: reads what is stored for its companies, plans (batch-plan.ts) and
 * applies the plan with the run's cursor, all in one transaction, so a run killed at any point
 * resumes after its last committed batch with nothing written twice or missed.
 *
 * On SQLite the statements run with prepared statements on Prisma's own connection, inside a
 * Prisma interactive transaction: a first full run inserts millions of rows, and Prisma's raw
 * queries cost more than SQLite's own work (parameters converted one by one, every statement
 * prepared anew). The same connection, not a second one: a second writer in this process would
 * wait on, or break, Prisma's open transactions (SQLITE_BUSY while the event loop is blocked;
 * SQLITE_BUSY_SNAPSHOT for a transaction that read before our commit and writes after it).
 * db.server.ts keeps hold of that connection when its adapter opens it. Elsewhere (PostgreSQL), or
 * if the connection cannot be had (a Prisma client other than db.server's), the same plan goes through
 * Prisma's queries, portably; tests run both.
 */
export const MATCH_NOTIFY = "match.notify";

export interface ChunkInput {
  runId: string;
  kind: RunKind;
  batch: Evaluated[];
  relevant: (clauseId: string) => boolean;
  on: string;
  /** The run's progress once this commits. */
  cursor: string;
  done: number;
}

let directEnabled = true;

/** Tests: false sends every write through Prisma (the portable path), true back to the default. */
export function setDirectWrites(enabled: boolean): void {
  directEnabled = enabled;
}

/** Whether batches are written with prepared statements on Prisma's SQLite connection. */
export async function directWrites(): Promise<boolean> {
  return directEnabled && (await prismaConnection()) !== null;
}

export async function writeChunk(input: ChunkInput): Promise<void> {
  const db = directEnabled ? await prismaConnection() : null;
  await prisma.$transaction(
    async (tx) => {
      if (db) writeDirect(statementsOf(db), input);
      else await writePortable(tx, input);
    },
    { timeout: 120_000 },
  );
}

const OUTBOX_COLUMNS = ["id", "topic", "key", "payload", "status", "attempts", "nextAttemptAt", "createdAt"] as const;

function noticeRows(plan: BatchPlan, runId: string, stamp: unknown): unknown[][] {
  // One per company and run: a company is written once per run (a batch that rolled back took its
  // notice with it), so the key is new. The versions it lists carry notifiedAt from now on.
  return plan.notices.map((n) => [orderedId(), MATCH_NOTIFY, `${n.companyId}@${runId}`, JSON.stringify(n), "PENDING", 0, stamp, stamp]);
}

// ---- SQLite: Prisma's connection, prepared statements ----

let warned = false;

/** Prisma's better-sqlite3 connection (db.server.ts keeps hold of it); null on other engines (then writes go portable). */
async function prismaConnection(): Promise<Database.Database | null> {
  const connection = await sqliteConnection();
  // Expected on other engines; on SQLite it means a Prisma client other than db.server's.
  if (!connection && !warned && config().DATABASE_URL.startsWith("file:")) {
    warned = true;
    logger.warn("match runs: Prisma's SQLite connection not found, writing through Prisma's queries (slower)");
  }
  return connection;
}

interface Statements {
  db: Database.Database;
  digests: Database.Statement;
  recordsInRange: Database.Statement;
  recordsOf: Database.Statement;
  update: Database.Statement;
  lapse: Database.Statement;
  upsertDigest: Database.Statement;
  forgetDigest: Database.Statement;
  cursor: Database.Statement;
  stat: Database.Statement;
  /** Inserts by table, and other statements by their text. */
  inserts: Map<string, Database.Statement>;
}

const prepared = new WeakMap<Database.Database, Statements>();

function statementsOf(db: Database.Database): Statements {
  let s = prepared.get(db);
  if (s) return s;
  // Prisma's connection returns integers as BigInt; ours are flags and counts, read as numbers.
  const read = (sql: string) => db.prepare(sql).raw().safeIntegers(false);
  const record = `"id", "companyId", "clauseId", "policyId", "status", "amount", "excludedBy", "response", "notifiedAt" IS NOT NULL`;
  s = {
    db,
    digests: read(`SELECT "companyId", "digest" FROM "MatchDigest" WHERE "companyId" >= ? AND "companyId" <= ?`),
    recordsInRange: read(`SELECT ${record} FROM "MatchRecord" WHERE "companyId" >= ? AND "companyId" <= ?`),
    recordsOf: read(`SELECT ${record} FROM "MatchRecord" WHERE "companyId" = ?`),
    update: db.prepare(`UPDATE "MatchRecord" SET "status" = ?, "amount" = ?, "excludedBy" = ?, "reason" = ?, "snapshotId" = ?, "evaluatedOn" = ?,
      "notifiedAt" = COALESCE("notifiedAt", ?), "updatedAt" = ? WHERE "id" = ?`),
    lapse: db.prepare(`UPDATE "MatchRecord" SET "status" = 'LAPSED', "reason" = ?, "evaluatedOn" = ?, "updatedAt" = ? WHERE "id" = ?`),
    upsertDigest: db.prepare(`INSERT INTO "MatchDigest" ("companyId", "digest") VALUES (?, ?) ON CONFLICT ("companyId") DO UPDATE SET "digest" = excluded."digest"`),
    forgetDigest: db.prepare(`DELETE FROM "MatchDigest" WHERE "companyId" = ?`),
    cursor: db.prepare(`UPDATE "MatchRun" SET "cursor" = ?, "done" = ? WHERE "id" = ?`),
    stat: db.prepare(STAT_UPSERT),
    inserts: new Map(),
  };
  prepared.set(db, s);
  return s;
}

const toStored = (r: unknown[]): StoredRecord => ({
  id: r[0] as string, companyId: r[1] as string, clauseId: r[2] as string, policyId: r[3] as string, status: r[4] as string,
  amount: r[5] as number | null, excludedBy: r[6] as string | null, response: r[7] as string | null, notified: r[8] === 1,
});

/** Inside Prisma's transaction, which commits it (or rolls it back if this throws). */
function writeDirect(d: Statements, input: ChunkInput): void {
  const { batch, kind } = input;
  const stamp = sqliteValue(new Date());
  const first = batch[0].id, last = batch[batch.length - 1].id;
  // A full rerun over unchanged data is the daily case: compare each company's outcome with the
  // digest of its last full match and read records only for the companies that differ.
  const changed = kind === "FULL" ? changedCompanies(batch, new Map(d.digests.all(first, last) as [string, string][])) : batch;
  if (changed.length) {
    const rows = (changed.length === batch.length ? d.recordsInRange.all(first, last) : changed.flatMap((c) => d.recordsOf.all(c.id))) as unknown[][];
    const plan = planBatch({ ...input, changed, existing: rows.map(toStored), stamp });
    insertDirect(d, "FactSnapshot", ["id", "facts", "createdAt"], [...plan.snapshots].map(([id, facts]) => [id, facts, stamp]), ` ON CONFLICT ("id") DO NOTHING`);
    insertDirect(d, "MatchRecord", RECORD_COLUMNS, plan.inserts);
    for (const u of plan.updates) d.update.run(u.status, u.amount, u.excludedBy, u.reason, u.snapshotId, input.on, u.notify ? stamp : null, stamp, u.id);
    for (const id of plan.lapses) d.lapse.run(LAPSED_REASON, input.on, stamp, id);
    insertDirect(d, "OutboxMessage", OUTBOX_COLUMNS, noticeRows(plan, input.runId, stamp));
    for (const [companyId, digest] of plan.digests) d.upsertDigest.run(companyId, digest);
    for (const companyId of plan.forget) d.forgetDigest.run(companyId);
    for (const t of plan.stats) d.stat.run(t.clauseId, t.policyId, t.status, t.response, t.count, t.amount);
    for (const q of pendingRecount(first, last)) prepare(d, q.sql).run(...q.values);
  }
  d.cursor.run(input.cursor, input.done, input.runId);
}

/** A statement written elsewhere (as Prisma SQL), prepared once. */
function prepare(d: Statements, sql: string): Database.Statement {
  let statement = d.inserts.get(sql);
  if (!statement) d.inserts.set(sql, (statement = d.db.prepare(sql)));
  return statement;
}

// One row per statement: measured against 32-row statements, binding the long parameter list
// cost more than the calls it saved.
function insertDirect(d: Statements, table: string, columns: readonly string[], rows: readonly unknown[][], conflict = ""): void {
  if (!rows.length) return;
  const key = `${table}${conflict}`;
  let statement = d.inserts.get(key);
  if (!statement) {
    statement = d.db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})${conflict}`);
    d.inserts.set(key, statement);
  }
  for (const row of rows) statement.run(row);
}

// ---- Portable: the same plan through Prisma ----

async function writePortable(tx: Prisma.TransactionClient, input: ChunkInput): Promise<void> {
  const { batch, kind, on } = input;
  const now = new Date();
  const first = batch[0].id, last = batch[batch.length - 1].id;
  let changed = batch;
  if (kind === "FULL") {
    const stored = await tx.matchDigest.findMany({ where: { companyId: { gte: first, lte: last } } });
    changed = changedCompanies(batch, new Map(stored.map((d) => [d.companyId, d.digest])));
  }
  if (changed.length) {
    const existing = await tx.matchRecord.findMany({
      where: changed.length === batch.length ? { companyId: { gte: first, lte: last } } : { companyId: { in: changed.map((c) => c.id) } },
      select: { id: true, companyId: true, clauseId: true, policyId: true, status: true, amount: true, excludedBy: true, response: true, notifiedAt: true },
    });
    const plan = planBatch({ ...input, changed, existing: existing.map(({ notifiedAt, ...r }) => ({ ...r, notified: notifiedAt !== null })), stamp: now });
    await insertRows(tx, "FactSnapshot", [...plan.snapshots].map(([id, facts]) => ({ id, facts, createdAt: now })), 200, ["id"]);
    await insertValues(tx, "MatchRecord", RECORD_COLUMNS, plan.inserts, 200);
    for (const u of plan.updates) {
      await tx.matchRecord.update({
        where: { id: u.id },
        data: { status: u.status, amount: u.amount, excludedBy: u.excludedBy, reason: u.reason, snapshotId: u.snapshotId, evaluatedOn: on, ...(u.notify ? { notifiedAt: now } : {}) },
      });
    }
    for (let i = 0; i < plan.lapses.length; i += 500) {
      await tx.matchRecord.updateMany({ where: { id: { in: plan.lapses.slice(i, i + 500) } }, data: { status: "LAPSED", reason: LAPSED_REASON, evaluatedOn: on } });
    }
    await insertValues(tx, "OutboxMessage", OUTBOX_COLUMNS, noticeRows(plan, input.runId, now), 300);
    const digestsOf = plan.digests.length ? plan.digests.map(([id]) => id) : plan.forget;
    for (let i = 0; i < digestsOf.length; i += 500) await tx.matchDigest.deleteMany({ where: { companyId: { in: digestsOf.slice(i, i + 500) } } });
    await insertRows(tx, "MatchDigest", plan.digests.map(([companyId, digest]) => ({ companyId, digest })), 500);
    await applyStatDeltas(tx, plan.stats);
    for (const q of pendingRecount(first, last)) await tx.$executeRaw(q);
  }
  await tx.matchRun.update({ where: { id: input.runId }, data: { cursor: input.cursor, done: input.done } });
}
