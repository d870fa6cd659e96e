// Imports a company file from the command line, through the same job as an upload:
//
//   npm run import:companies -- /path/to/registry.xlsx [--as admin]
//
// Prints progress; re-running after an interruption finishes the job (rows match by USCC).
import path from "node:path";
import { parseArgs } from "node:util";
import { dataDirectory, ensureSessionSecret } from "./local-secrets";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { as: { type: "string", default: "admin" } } });
const file = positionals[0];
if (!file) {
  console.error("用法：npm run import:companies -- <CSV 或 XLSX 文件> [--as 管理员账号]");
  process.exit(2);
}
process.env.DATA_DIR = dataDirectory();
await ensureSessionSecret(process.env.DATA_DIR);
const { prisma } = await import("~/db.server");
const { registerImportFile, runImportJob } = await import("~/companies/import/import-job.server");
const { actorFor } = await import("~/auth/actor.server");

const actor = await actorFor(values.as!);
const job = await registerImportFile({ actor, filePath: file, fileName: path.basename(file), keepSource: true });
const started = performance.now();
const timer = setInterval(async () => {
  const j = await prisma.importJob.findUnique({ where: { id: job.id } });
  if (j) process.stdout.write(`\r进度 ${(j.progress * 100).toFixed(0)}%，已读 ${j.rowsRead} 行，新增 ${j.created}，更新 ${j.updated}，错误 ${j.failed}   `);
}, 1000);
await runImportJob(job.id);
clearInterval(timer);
const done = await prisma.importJob.findUniqueOrThrow({ where: { id: job.id } });
console.log(`\n${done.status === "DONE" ? "完成" : "失败"}：${done.message}（${((performance.now() - started) / 1000).toFixed(1)} 秒）`);
await prisma.$disconnect();
process.exit(done.status === "DONE" ? 0 : 1);
