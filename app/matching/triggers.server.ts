import type { Prisma } from "~/generated/prisma/client";
import { enqueue, registerHandler } from "~/jobs/outbox.server";
import { logger } from "~/utils/logger.server";
import { runMatch } from "./match-run.server";

/**
 * What starts a match run, all through the outbox (so a trigger committed with its cause is
 * never lost, and a run interrupted by a crash is picked up again and resumed):
 * publishing or retiring a version → that version's clauses; a company's official data changed →
 * that company; an import finished, the daily schedule, an administrator's button → everything.
 */
export const MATCH_CLAUSE = "match.clause";
export const MATCH_COMPANY = "match.company";
export const MATCH_FULL = "match.full";

export function requestClauseMatch(tx: Prisma.TransactionClient, versionId: string, trigger: "发布" | "废止", eventKey: string) {
  return enqueue(tx, { topic: MATCH_CLAUSE, key: `${versionId}:${eventKey}`, payload: { versionId, trigger } });
}

export function requestCompanyMatch(tx: Prisma.TransactionClient, companyId: string, eventKey: string) {
  return enqueue(tx, { topic: MATCH_COMPANY, key: `${companyId}:${eventKey}`, payload: { companyId } });
}

export function requestFullMatch(tx: Prisma.TransactionClient, key: string, trigger: string, actorId: string | null = null) {
  return enqueue(tx, { topic: MATCH_FULL, key, payload: { trigger, actorId } });
}

registerHandler(MATCH_CLAUSE, async (m) => {
  const { versionId, trigger } = m.payload as { versionId: string; trigger: string };
  const started = performance.now();
  const runId = await runMatch({ kind: "CLAUSE", trigger, versionId });
  logger.info({ runId, versionId, ms: Math.round(performance.now() - started) }, "clause match run finished");
});

registerHandler(MATCH_COMPANY, async (m) => {
  const { companyId } = m.payload as { companyId: string };
  await runMatch({ kind: "COMPANY", trigger: "画像变更", companyIds: [companyId] });
});

registerHandler(MATCH_FULL, async (m) => {
  const { trigger, actorId } = m.payload as { trigger: string; actorId: string | null };
  const started = performance.now();
  const runId = await runMatch({ kind: "FULL", trigger, actorId });
  logger.info({ runId, ms: Math.round(performance.now() - started) }, "full match run finished");
});
