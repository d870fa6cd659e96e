import { registerHandler } from "~/jobs/outbox.server";
import { POLICY_CHANGED } from "~/policies/policy-store.server";
import { cityDate } from "~/utils/dates";
import { logger } from "~/utils/logger.server";
import { ensurePolicyIndex, handlePolicyChanged, refreshStaleDocuments } from "./policy-sync.server";

/**
 * The search index's part of the worker process (imported by app/jobs/handlers.server.ts, which
 * scripts/start.ts loads after seeding): the outbox handler for policy changes, the start-up
 * check that builds a missing or outdated index, and the daily refresh of date-dependent fields.
 */
registerHandler(POLICY_CHANGED, handlePolicyChanged);

const RETRY_MS = 30_000;
let checkedDay = "";
let running = false;

/** Until it succeeds once (Meilisearch may be starting or down), then whenever the day changes. */
async function keepIndexCurrent(): Promise<void> {
  const today = cityDate();
  if (today === checkedDay || running) return;
  running = true;
  try {
    const outcome = checkedDay ? `refreshed ${await refreshStaleDocuments(today)}` : await ensurePolicyIndex();
    checkedDay = today;
    logger.info({ outcome }, "policy search index checked");
  } catch (error) {
    logger.warn({ err: (error as Error).message }, "policy search index check failed; will retry");
  } finally {
    running = false;
  }
}

void keepIndexCurrent();
setInterval(() => void keepIndexCurrent(), RETRY_MS).unref();
