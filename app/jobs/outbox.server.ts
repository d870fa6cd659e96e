import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { logger } from "~/utils/logger.server";

/**
 * Transactional outbox. A change and the messages it causes (an email, an index update) commit
 * together; a worker delivers them afterwards and retries with backoff, so a crash or an SMTP
 * outage delays a message but never loses or duplicates its enqueueing: (topic, key) is unique.
 * Delivery is at least once; handlers pass the key on (e.g. as the email's Message-ID) so a
 * message re-sent after a crash mid-delivery can be recognised downstream.
 * A real queue (PostgreSQL SKIP LOCKED, a broker) can replace the worker without changing callers.
 */
type Tx = Prisma.TransactionClient;

export interface OutboxEntry {
  topic: string;
  key: string;
  payload: unknown;
  /** Deliver no earlier than this. */
  notBefore?: Date;
}

/** Enqueues once: a second call with the same topic and key is a no-op. Returns true if new. */
export async function enqueue(tx: Tx, entry: OutboxEntry): Promise<boolean> {
  const existing = await tx.outboxMessage.findUnique({ where: { topic_key: { topic: entry.topic, key: entry.key } }, select: { id: true } });
  if (existing) return false;
  await tx.outboxMessage.create({
    data: { topic: entry.topic, key: entry.key, payload: JSON.stringify(entry.payload), nextAttemptAt: entry.notBefore ?? new Date() },
  });
  return true;
}

export interface OutboxMessageView {
  id: string;
  topic: string;
  key: string;
  payload: unknown;
  attempts: number;
}

export type Handler = (message: OutboxMessageView) => Promise<void>;

const handlers = new Map<string, Handler>();

export function registerHandler(topic: string, handler: Handler): void {
  handlers.set(topic, handler);
}

/** 5 s, 10 s, 20 s … capped at 10 minutes: an outage of hours is retried every 10 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 10 * 60_000);
}

/** After this many attempts a message is FAILED and shown to an administrator. */
export const MAX_ATTEMPTS = 50;
const LEASE_MS = 2 * 60_000;

/**
 * Delivers due messages of registered topics, oldest first. Each is claimed with a lease (so a
 * second worker or a restarted one skips it until the lease lapses), then marked SENT, or
 * rescheduled with its error. Returns how many were delivered.
 */
export async function dispatchDue(options: { now?: Date; limit?: number; topics?: string[] } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const topics = options.topics ?? [...handlers.keys()];
  if (!topics.length) return 0;
  const due = await prisma.outboxMessage.findMany({
    where: {
      topic: { in: topics },
      OR: [{ status: "PENDING", nextAttemptAt: { lte: now } }, { status: "SENDING", leaseUntil: { lt: now } }],
    },
    orderBy: { nextAttemptAt: "asc" },
    take: options.limit ?? 50,
  });
  let delivered = 0;
  for (const m of due) {
    // Claim: only if nobody else changed it since we read it.
    const claimed = await prisma.outboxMessage.updateMany({
      where: { id: m.id, status: m.status, attempts: m.attempts },
      data: { status: "SENDING", leaseUntil: new Date(Date.now() + LEASE_MS), attempts: { increment: 1 } },
    });
    if (!claimed.count) continue;
    const handler = handlers.get(m.topic)!;
    try {
      await handler({ id: m.id, topic: m.topic, key: m.key, payload: JSON.parse(m.payload), attempts: m.attempts + 1 });
      await prisma.outboxMessage.update({ where: { id: m.id }, data: { status: "SENT", sentAt: new Date(), leaseUntil: null, lastError: null } });
      delivered++;
    } catch (error) {
      const attempts = m.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      await prisma.outboxMessage.update({
        where: { id: m.id },
        data: {
          status: attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING",
          nextAttemptAt: new Date(Date.now() + backoffMs(attempts)),
          leaseUntil: null,
          lastError: message.slice(0, 1000),
        },
      });
      logger.warn({ topic: m.topic, key: m.key, attempts, err: message }, "outbox delivery failed; will retry");
    }
  }
  return delivered;
}

/** Runs dispatchDue every `intervalMs` until stopped; one pass at a time. */
export function startOutboxWorker(intervalMs = 2_000): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    // Drain: keep passing while passes come back full, so a push of thousands goes out in one go.
    const drain = async () => {
      while (!stopped && (await dispatchDue({ limit: 200 })) === 200) {
        // Give requests (and SIGTERM) a turn between passes: the SQLite driver is synchronous, so a
        // backlog of thousands would otherwise hold the event loop until it is drained.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    running = drain()
      .catch((error) => logger.error({ err: error }, "outbox worker pass failed"))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}

/** Counts by topic and status, for the status pages. */
export async function outboxSummary(topicPrefix?: string) {
  const rows = await prisma.outboxMessage.groupBy({
    by: ["topic", "status"],
    where: topicPrefix ? { topic: { startsWith: topicPrefix } } : undefined,
    _count: { _all: true },
  });
  return rows.map((r) => ({ topic: r.topic, status: r.status, count: r._count._all }));
}
