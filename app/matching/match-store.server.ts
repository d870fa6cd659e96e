import Database from "better-sqlite3";
import { config } from "~/config.server";
import { prisma, sqliteConnection } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { insertValues } from "~/utils/bulk-insert.server";
import { sqliteValue } from "~/utils/sqlite-value";
import { logger } from "~/utils/logger.server";
import { applyStatDeltas, STAT_UPSERT } from "./match-stats.server";
import {
  changedCompanies, orderedId, planBatch,
  type ActedRecord, type BatchPlan, type ClauseInfo, type Evaluated, type RunKind,
} from "./batch-plan";
import { decodeOutcomes, type StoredOutcome } from "./result-codec";

/**
 * Writes a match run's batch: reads what is stored for its companies (MatchResult, the records
 * they have acted on), plans (batch-plan.ts) and applies the plan with the run's cursor, all in
 * one transaction, so a run killed at any point resumes after its last committed batch with
 * nothing written twice or missed.
 *
 * On SQLite the statements run with prepared statements on Prisma's own connection, inside a
 * Prisma interactive transaction: a first full run writes 120,000 results, and Prisma's raw
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
  clauseInfo: (clauseId: string) => ClauseInfo | undefined;
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
  resultsInRange: Database.Statement;
  resultOf: Database.Statement;
  actedInRange: Database.Statement;
  actedOf: Database.Statement;
  upsertResult: Database.Statement;
  update: Database.Statement;
  clearPending: Database.Statement;
  upsertPending: Database.Statement;
  upsertDigest: Database.Statement;
  forgetDigest: Database.Statement;
  cursor: Database.Statement;
  stat: Database.Statement;
  outbox: Database.Statement;
}

const prepared = new WeakMap<Database.Database, Statements>();

const ACTED = `"id", "companyId", "clauseId", "status", "amount", "excludedBy", "response"`;

function statementsOf(db: Database.Database): Statements {
  let s = prepared.get(db);
  if (s) return s;
  // Prisma's connection returns integers as BigInt; ours are flags and counts, read as numbers.
  const read = (sql: string) => db.prepare(sql).raw().safeIntegers(false);
  s = {
    db,
    digests: read(`SELECT "companyId", "digest" FROM "MatchDigest" WHERE "companyId" >= ? AND "companyId" <= ?`),
    resultsInRange: read(`SELECT "companyId", "outcomes" FROM "MatchResult" WHERE "companyId" >= ? AND "companyId" <= ?`),
    resultOf: read(`SELECT "companyId", "outcomes" FROM "MatchResult" WHERE "companyId" = ?`),
    actedInRange: read(`SELECT ${ACTED} FROM "MatchRecord" WHERE "companyId" >= ? AND "companyId" <= ?`),
    actedOf: read(`SELECT ${ACTED} FROM "MatchRecord" WHERE "companyId" = ?`),
    upsertResult: db.prepare(`INSERT INTO "MatchResult" ("companyId", "outcomes", "facts", "evaluatedOn", "updatedAt") VALUES (?, ?, ?, ?, ?)
      ON CONFLICT ("companyId") DO UPDATE SET "outcomes" = excluded."outcomes", "facts" = excluded."facts", "evaluatedOn" = excluded."evaluatedOn", "updatedAt" = excluded."updatedAt"`),
    update: db.prepare(`UPDATE "MatchRecord" SET "status" = ?, "amount" = ?, "excludedBy" = ?, "reason" = ?, "evaluatedOn" = ?, "updatedAt" = ? WHERE "id" = ?`),
    clearPending: db.prepare(`DELETE FROM "MatchPending" WHERE "companyId" = ?`),
    // A company deleted since its facts were read keeps no row (it would break the foreign key).
    upsertPending: db.prepare(`INSERT INTO "MatchPending" ("companyId", "count", "amount", "since") SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM "Company" WHERE "id" = ?)
      ON CONFLICT ("companyId") DO UPDATE SET "count" = excluded."count", "amount" = excluded."amount", "since" = excluded."since"`),
    upsertDigest: db.prepare(`INSERT INTO "MatchDigest" ("companyId", "digest") VALUES (?, ?) ON CONFLICT ("companyId") DO UPDATE SET "digest" = excluded."digest"`),
    forgetDigest: db.prepare(`DELETE FROM "MatchDigest" WHERE "companyId" = ?`),
    cursor: db.prepare(`UPDATE "MatchRun" SET "cursor" = ?, "done" = ? WHERE "id" = ?`),
    stat: db.prepare(STAT_UPSERT),
    outbox: db.prepare(`INSERT INTO "OutboxMessage" (${OUTBOX_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${OUTBOX_COLUMNS.map(() => "?").join(", ")})`),
  };
  prepared.set(db, s);
  return s;
}

const toActed = (r: unknown[]): ActedRecord => ({
  id: r[0] as string, companyId: r[1] as string, clauseId: r[2] as string, status: r[3] as string,
  amount: r[4] as number | null, excludedBy: r[5] as string | null, response: r[6] as string | null,
});

function storedOf(rows: unknown[][]): Map<string, StoredOutcome[]> {
  return new Map(rows.map((r) => [r[0] as string, decodeOutcomes(r[1] as string)]));
}

/** Inside Prisma's transaction, which commits it (or rolls it back if this throws). */
function writeDirect(d: Statements, input: ChunkInput): void {
  const { batch, kind } = input;
  const now = new Date();
  const stamp = sqliteValue(now);
  const first = batch[0].id, last = batch[batch.length - 1].id;
  // A full rerun over unchanged data is the daily case: compare each company's outcome with the
  // digest of its last full match and read what is stored only for the companies that differ.
  const changed = kind === "FULL" ? changedCompanies(batch, new Map(d.digests.all(first, last) as [string, string][])) : batch;
  if (changed.length) {
    const whole = changed.length === batch.length;
    const results = (whole ? d.resultsInRange.all(first, last) : changed.flatMap((c) => d.resultOf.all(c.id))) as unknown[][];
    const acted = (whole ? d.actedInRange.all(first, last) : changed.flatMap((c) => d.actedOf.all(c.id))) as unknown[][];
    const plan = planBatch({ ...input, changed, stored: storedOf(results), acted: acted.map(toActed), now: now.getTime() });
    for (const [companyId, outcomes, facts] of plan.results) d.upsertResult.run(companyId, outcomes, facts, input.on, stamp);
    // 待领取 replaced where there is some, cleared where there is none: not a DELETE and an INSERT
    // for each company of a first run.
    const pending = new Set<string>();
    for (const p of plan.pending) {
      d.upsertPending.run(p.companyId, p.count, p.amount, sqliteValue(new Date(p.since)), p.companyId);
      pending.add(p.companyId);
    }
    for (const [companyId] of plan.results) if (!pending.has(companyId)) d.clearPending.run(companyId);
    for (const u of plan.updates) d.update.run(u.status, u.amount, u.excludedBy, u.reason, input.on, stamp, u.id);
    for (const row of noticeRows(plan, input.runId, stamp)) d.outbox.run(row);
    for (const [companyId, digest] of plan.digests) d.upsertDigest.run(companyId, digest);
    for (const companyId of plan.forget) d.forgetDigest.run(companyId);
    for (const t of plan.stats) d.stat.run(t.clauseId, t.policyId, t.status, t.response, t.count, t.amount);
  }
  d.cursor.run(input.cursor, input.done, input.runId);
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
    const companyId = changed.length === batch.length ? { gte: first, lte: last } : { in: changed.map((c) => c.id) };
    const results = await tx.matchResult.findMany({ where: { companyId }, select: { companyId: true, outcomes: true } });
    const acted = await tx.matchRecord.findMany({
      where: { companyId },
      select: { id: true, companyId: true, clauseId: true, status: true, amount: true, excludedBy: true, response: true },
    });
    const plan = planBatch({ ...input, changed, stored: storedOf(results.map((r) => [r.companyId, r.outcomes])), acted, now: now.getTime() });
    for (const [companyId, outcomes, facts] of plan.results) {
      const data = { outcomes, facts, evaluatedOn: on, updatedAt: now };
      await tx.matchResult.upsert({ where: { companyId }, create: { companyId, ...data }, update: data });
    }
    const touched = plan.results.map(([companyId]) => companyId);
    for (let i = 0; i < touched.length; i += 500) await tx.matchPending.deleteMany({ where: { companyId: { in: touched.slice(i, i + 500) } } });
    // A company deleted since its facts were read keeps no row (it would break the foreign key).
    const alive = new Set((await tx.company.findMany({ where: { id: { in: plan.pending.map((p) => p.companyId) } }, select: { id: true } })).map((c) => c.id));
    await tx.matchPending.createMany({ data: plan.pending.filter((p) => alive.has(p.companyId)).map((p) => ({ ...p, since: new Date(p.since) })) });
    for (const u of plan.updates) {
      await tx.matchRecord.update({ where: { id: u.id }, data: { status: u.status, amount: u.amount, excludedBy: u.excludedBy, reason: u.reason, evaluatedOn: on } });
    }
    await insertValues(tx, "OutboxMessage", OUTBOX_COLUMNS, noticeRows(plan, input.runId, now), 300);
    const digestsOf = plan.digests.length ? plan.digests.map(([id]) => id) : plan.forget;
    for (let i = 0; i < digestsOf.length; i += 500) await tx.matchDigest.deleteMany({ where: { companyId: { in: digestsOf.slice(i, i + 500) } } });
    await tx.matchDigest.createMany({ data: plan.digests.map(([companyId, digest]) => ({ companyId, digest })) });
    await applyStatDeltas(tx, plan.stats);
  }
  await tx.matchRun.update({ where: { id: input.runId }, data: { cursor: input.cursor, done: input.done } });
}
