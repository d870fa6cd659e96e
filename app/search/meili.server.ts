import { Meilisearch, type EnqueuedTaskPromise, type Task } from "meilisearch";
import { config } from "~/config.server";
import { apiErrorOf, nodeHttpClient } from "./meili-http.server";

let client: Meilisearch | undefined;
let searchClient: Meilisearch | undefined;
let indexingClient: Meilisearch | undefined;

function connection() {
  const { MEILI_HOST, MEILI_MASTER_KEY } = config();
  if (!MEILI_HOST) throw new Error("MEILI_HOST 未设置：搜索服务不可用");
  return { host: MEILI_HOST, apiKey: MEILI_MASTER_KEY, httpClient: nodeHttpClient };
}

/**
 * The server-side Meilisearch client. It holds the master key, so it must never be imported by
 * browser code (the .server suffix keeps it out of the client bundle).
 */
export function meili(): Meilisearch {
  client ??= new Meilisearch({ ...connection(), timeout: 5000 });
  return client;
}

/**
 * For queries a person is waiting on: a hung Meilisearch must turn into the database fallback
 * quickly, not into a page that spins for five seconds.
 */
export function meiliForSearch(): Meilisearch {
  searchClient ??= new Meilisearch({ ...connection(), timeout: 1500 });
  return searchClient;
}

/**
 * For sending documents: a batch of a thousand policies (a few MB) can wait behind indexing work
 * on a busy machine; a short timeout would fail a rebuild that is merely slow.
 */
export function meiliForIndexing(): Meilisearch {
  indexingClient ??= new Meilisearch({ ...connection(), timeout: 120_000 });
  return indexingClient;
}

export async function checkMeili(): Promise<void> {
  const health = await meili().health();
  if (health.status !== "available") throw new Error(`Meilisearch 状态：${health.status}`);
}

/**
 * Waits for an index task and throws if it failed, so callers (the outbox) retry. Polls by hand:
 * the client's waitTask leaves an abort listener behind on every poll of a long wait.
 */
export async function settle(task: EnqueuedTaskPromise, timeout = 60_000): Promise<Task> {
  const { taskUid } = await task;
  const deadline = Date.now() + timeout;
  for (let delay = 10; ; delay = Math.min(delay * 2, 200)) {
    const done = await meili().tasks.getTask(taskUid);
    if (done.status === "succeeded") return done;
    if (done.status === "failed" || done.status === "canceled") {
      throw new Error(`Meilisearch 任务 ${done.uid}（${done.type}）${done.status}：${done.error?.message ?? "无错误信息"}`);
    }
    if (Date.now() > deadline) throw new Error(`Meilisearch 任务 ${taskUid} 在 ${timeout / 1000} 秒内未完成`);
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** Meilisearch answered "no such index" (as opposed to not answering at all). */
export function isIndexNotFound(error: unknown): boolean {
  return apiErrorOf(error)?.cause?.code === "index_not_found";
}
