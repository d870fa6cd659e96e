// `npm start` ends here (after scripts/bootstrap.mjs): configuration, database, demo data, the
// embedded Meilisearch and SMTP catcher, then the portal. Ctrl-C or SIGTERM stops all of it.
import fs from "node:fs/promises";
import type { Server } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.env.NODE_ENV ??= "production";
const { dataDirectory, ensureSessionSecret } = await import("./local-secrets");
const dataDir = dataDirectory();
process.env.DATA_DIR = dataDir; // the app's config reads the same folder

const { ConfigError, parseConfig } = await import("~/config.server");
const { logger } = await import("~/utils/logger.server");
const { isPortFree } = await import("~/utils/ports.server");

function die(message: string): never {
  console.error(`\n\x1b[31m${message}\x1b[0m\n`);
  process.exit(1);
}

await ensureSessionSecret(dataDir);
let settings;
try {
  settings = parseConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) die(error.message);
  throw error;
}
if (!(await isPortFree(settings.PORT, "0.0.0.0"))) {
  die(`端口 ${settings.PORT} 已被占用，无法启动门户。请关闭占用该端口的程序，或换一个端口：PORT=3001 npm start`);
}

const stoppers: Array<() => Promise<void>> = [];
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  logger.info("shutting down");
  for (const stop of stoppers.reverse()) await stop().catch((e) => logger.error(e, "stop failed"));
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));
// Orphaned (the bootstrap above us was killed outright): shut down instead of running on.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) void shutdown(0);
}, 1000).unref();

try {
  const { migrateDatabase } = await import("./db/migrate");
  const applied = await migrateDatabase(settings.DATABASE_URL);
  if (applied.length) logger.info({ applied }, "migrations applied");

  if (!settings.MEILI_HOST) {
    const { startEmbeddedMeili } = await import("~/search/embedded-meili.server");
    const meiliDir = path.join(dataDir, "meilisearch");
    const meili = await startEmbeddedMeili({ dataDir: meiliDir, onLog: (line) => logger.debug({ meili: line }) });
    stoppers.push(meili.stop);
    process.env.MEILI_HOST = meili.host;
    process.env.MEILI_MASTER_KEY = meili.masterKey;
    logger.info({ host: meili.host, pid: meili.pid }, "embedded Meilisearch started");
  }
  if (!settings.SMTP_URL) {
    const { startMailCatcher } = await import("~/notifications/mail-catcher.server");
    const catcher = await startMailCatcher({ dir: path.join(dataDir, "mail") });
    stoppers.push(catcher.stop);
    process.env.SMTP_URL = catcher.url;
    process.env.MAIL_CATCHER_DIR = catcher.dir;
    logger.info({ url: catcher.url }, "embedded SMTP catcher started");
  }

  const { seedDemo } = await import("../seed/demo");
  // A few thousand generated companies make the demo feel real; DEMO_COMPANIES=0 skips them.
  const seeded = await seedDemo({ registrySize: Number(process.env.DEMO_COMPANIES ?? 3000) });
  // Policies in rules/ not yet in the database arrive as published versions (idempotent).
  const { seedPolicies } = await import("../seed/demo");
  const policies = await seedPolicies();
  if (policies.length) logger.info({ policies: policies.length }, "policies imported from rules/");
  await (await import("~/db.server")).refreshPlannerStatistics();
  // Cases a migration, the seed or another process wrote since the last start, into the word index.
  // A failure is logged, not fatal: searches by words scan without the index meanwhile.
  await (await import("~/cases/case-words.server")).syncCaseWords().then(
    (indexed) => indexed && logger.info({ indexed }, "case word index brought up to date"),
    (error) => logger.error({ err: error }, "case word index could not be brought up to date"),
  );
  const { resumeImportJobs } = await import("~/companies/import/import-job.server");
  const resumed = await resumeImportJobs();
  if (resumed) logger.info({ resumed }, "interrupted imports restarted");

  const { createHttpApp } = await import("./server");
  const app = await createHttpApp(root);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(settings.PORT, () => resolve(s));
    s.once("error", reject);
  });
  stoppers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  stoppers.push(async () => (await import("~/db.server")).prisma.$disconnect());
  // Outbox deliveries (mail, index updates): pending ones from before a crash go out now.
  await import("~/jobs/handlers.server");
  const { scheduleMatching } = await import("~/matching/schedule.server");
  stoppers.push(await scheduleMatching());
  const { startOutboxWorker } = await import("~/jobs/outbox.server");
  stoppers.push(startOutboxWorker());

  const { DEMO_ACCOUNTS, DEMO_PASSWORD } = await import("../seed/demo-accounts");
  console.log(
    [
      "",
      `\x1b[32m亲清网格已启动：http://localhost:${settings.PORT}\x1b[0m${seeded ? "（已生成演示数据）" : ""}`,
      `演示账号（密码均为 ${DEMO_PASSWORD}）：`,
      ...DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(12)} ${a.roleLabel}　${a.note}`),
      `健康检查：http://localhost:${settings.PORT}/healthz　按 Ctrl-C 停止。`,
      "",
    ].join("\n"),
  );
} catch (error) {
  const { MeiliBinaryError } = await import("~/search/embedded-meili.server");
  if (error instanceof MeiliBinaryError || error instanceof ConfigError) {
    console.error(`\n\x1b[31m${error.message}\x1b[0m\n`);
  } else {
    logger.fatal(error, "start-up failed");
  }
  await shutdown(1);
}
