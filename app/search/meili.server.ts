import { Meilisearch } from "meilisearch";
import { config } from "~/config.server";

let client: Meilisearch | undefined;

/**
 * The server-side Meilisearch client. It holds the master key, so it must never be imported by
 * browser code (the .server suffix keeps it out of the client bundle).
 */
export function meili(): Meilisearch {
  const { MEILI_HOST, MEILI_MASTER_KEY } = config();
  if (!MEILI_HOST) throw new Error("MEILI_HOST 未设置：搜索服务不可用");
  client ??= new Meilisearch({ host: MEILI_HOST, apiKey: MEILI_MASTER_KEY, timeout: 5000 });
  return client;
}

export async function checkMeili(): Promise<void> {
  const health = await meili().health();
  if (health.status !== "available") throw new Error(`Meilisearch 状态：${health.status}`);
}
