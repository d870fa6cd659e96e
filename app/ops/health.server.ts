import { prisma } from "~/db.server";
import { checkMeili } from "~/search/meili.server";
import { checkSmtp } from "~/notifications/mailer.server";

export type ComponentStatus = { status: "ok"; ms: number } | { status: "error"; ms: number; error: string };

async function probe(check: () => Promise<unknown>, timeoutMs = 3000): Promise<ComponentStatus> {
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`超过 ${timeoutMs} ms 无响应`)), timeoutMs)),
    ]);
    return { status: "ok", ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: "error", ms: Math.round(performance.now() - started), error: (error as Error).message };
  }
}

/** Database, search and mail, checked in parallel; "ok" only when all three answer. */
export async function healthReport() {
  const [database, meilisearch, smtp] = await Promise.all([
    probe(() => prisma.$queryRaw`SELECT 1`),
    probe(checkMeili),
    probe(checkSmtp),
  ]);
  const ok = [database, meilisearch, smtp].every((c) => c.status === "ok");
  return { status: ok ? ("ok" as const) : ("degraded" as const), checks: { database, meilisearch, smtp } };
}
