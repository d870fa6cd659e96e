// Child process of cases-data.ts: builds one database for the cache. A process of its own, because
// the app's modules read DATABASE_URL once and the benchmark itself runs on a copy elsewhere.
//   tsx scripts/bench/cases-build.ts --companies 120000 --cases 1000000 --result out.json
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { prepareRegistry } from "./registry-data";

const { values } = parseArgs({
  options: { companies: { type: "string" }, cases: { type: "string" }, result: { type: "string" } },
});
const COMPANIES = Number(values.companies);
const CASES = Number(values.cases);

// 1. The registry as the registry benchmark builds it: demo city, 1,200 demo cases, companies imported.
const data = await prepareRegistry({ name: "cases-build", count: COMPANIES });
const { prisma } = await import("~/db.server");

// 2. What a running system did long ago: the full match the import asked for, its 免申即享 notices
// delivered. Without this the portal would spend its first minutes (hours, at this size: 250,000
// notices) draining the outbox while being measured.
const { runMatch } = await import("~/matching/match-run.server");
let t = performance.now();
await runMatch({ kind: "FULL", trigger: "基准测试建库", on: (await import("~/utils/dates")).cityDate() });
const delivered = await prisma.outboxMessage.updateMany({ where: { status: { in: ["PENDING", "SENDING"] } }, data: { status: "SENT", sentAt: new Date() } });
console.log(`全量匹配：${((performance.now() - t) / 1000).toFixed(1)} 秒；发件箱 ${delivered.count.toLocaleString()} 条标记为已送达`);
await prisma.$disconnect();

// 3. The cases and their events, straight into SQLite.
const { generateCases } = await import("./cases-generate");
const file = path.join(data.dir, "bench.db");
console.log(`生成 ${CASES.toLocaleString()} 件诉求（含办理记录）……`);
const stats = generateCases({ file, count: CASES });
console.log(`写入 ${stats.cases.toLocaleString()} 件诉求、${stats.events.toLocaleString()} 条办理记录：${stats.seconds.toFixed(1)} 秒`);

// 4. Planner statistics (a running system has them; the portal refreshes them at start-up) and the
// WAL folded into the file, so the cached database is one self-contained file.
t = performance.now();
const db = new Database(file);
db.exec("ANALYZE");
db.pragma("wal_checkpoint(TRUNCATE)");
db.close();
const analyzeSeconds = (performance.now() - t) / 1000;
console.log(`ANALYZE 与检查点：${analyzeSeconds.toFixed(1)} 秒`);
await fs.rm(path.join(data.dir, "registry.csv"), { force: true });
await fs.writeFile(values.result!, JSON.stringify({ dir: data.dir, importSeconds: data.importSeconds, analyzeSeconds, ...stats }));
