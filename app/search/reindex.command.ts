// npm run search:reindex — rebuilds the policy search index from the database, then checks that
// the index and the database agree. Uses MEILI_HOST/MEILI_MASTER_KEY when set; otherwise the
// embedded Meilisearch of a running portal (same DATA_DIR), or starts the embedded one for the
// duration of the command. Searches keep using the old index until the new one is swapped in.
import fs from "node:fs/promises";
import path from "node:path";
import { dataDirectory, ensureSessionSecret } from "../../scripts/local-secrets";

process.env.DATA_DIR = dataDirectory();
await ensureSessionSecret(process.env.DATA_DIR);
const meiliDir = path.join(process.env.DATA_DIR, "meilisearch");

/** The address of the embedded Meilisearch a running portal started, read from its command line. */
async function runningEmbedded(): Promise<{ host: string; masterKey: string } | null> {
  const pid = Number(await fs.readFile(path.join(meiliDir, "meilisearch.pid"), "utf8").catch(() => ""));
  if (!pid) return null;
  const args = (await fs.readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).split("\0");
  const addr = args.find((a) => a.startsWith("--http-addr="))?.slice("--http-addr=".length);
  const masterKey = (await fs.readFile(path.join(meiliDir, "master-key"), "utf8").catch(() => "")).trim();
  return addr && masterKey ? { host: `http://${addr}`, masterKey } : null;
}

let stopEmbedded: (() => Promise<void>) | null = null;
if (!process.env.MEILI_HOST) {
  const running = await runningEmbedded();
  if (running) {
    console.log(`使用正在运行的内置 Meilisearch：${running.host}`);
    process.env.MEILI_HOST = running.host;
    process.env.MEILI_MASTER_KEY = running.masterKey;
  } else {
    const { startEmbeddedMeili } = await import("./embedded-meili.server");
    const meili = await startEmbeddedMeili({ dataDir: meiliDir });
    console.log(`已启动内置 Meilisearch：${meili.host}（命令结束时停止）`);
    process.env.MEILI_HOST = meili.host;
    process.env.MEILI_MASTER_KEY = meili.masterKey;
    stopEmbedded = meili.stop;
  }
}

const { prisma } = await import("~/db.server");
const { compareIndexWithDatabase, rebuildPolicyIndex } = await import("./policy-sync.server");
let code = 0;
try {
  const report = await rebuildPolicyIndex({ onProgress: (n) => process.stdout.write(`\r已读取 ${n} 项政策……`) });
  console.log(`\n索引 ${report.index} 已重建：${report.documents} 项政策，用时 ${report.seconds.toFixed(1)} 秒`);
  const diff = await compareIndexWithDatabase();
  const problems = diff.missing.length + diff.extra.length + diff.different.length;
  console.log(problems ? `核对发现不一致：缺少 ${diff.missing.length}，多出 ${diff.extra.length}，内容不同 ${diff.different.length}` : "核对通过：索引与数据库一致");
  if (problems) code = 1;
} catch (error) {
  console.error(`重建失败：${(error as Error).message}`);
  code = 1;
} finally {
  await prisma.$disconnect();
  await stopEmbedded?.();
}
process.exit(code);
