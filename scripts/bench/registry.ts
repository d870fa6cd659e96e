// npm run bench:registry [-- --count 120000 --requests 200 --keep]
//
// Builds the registry at full size on this machine and measures what issue 3 names:
//   import of 120,000 companies ≤ 60 s; a grid worker's filtered, paginated list p95 ≤ 50 ms and
//   the profile page p95 ≤ 50 ms, both through the HTTP routes of the running portal.
// Prints figures beside their targets; asserts nothing (timings on shared machines vary).
import fs from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import { login, row, startPortal, timeRequests, type Timing } from "./http";
import { prepareRegistry } from "./registry-data";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "120000" },
    requests: { type: "string", default: "200" },
    keep: { type: "boolean", default: false },
    // Reuse a data folder a previous run kept (--keep), skipping generation and import.
    reuse: { type: "string" },
  },
});
const COUNT = Number(values.count);
const REQUESTS = Number(values.requests);
const { dir, importSeconds } = await prepareRegistry({ name: "registry", count: COUNT, reuse: values.reuse });
const { prisma } = await import("~/db.server");
const { actorFor } = await import("~/auth/actor.server");
const { DEMO_PASSWORD } = await import("../../seed/demo-accounts");
const companyIds = (await prisma.company.findMany({ where: { grid: { path: { startsWith: (await actorFor("wangge")).gridPaths[0] } } }, select: { id: true } })).map((c) => c.id);
await prisma.$disconnect();

// The portal as `npm start` runs it, on this database.
const portal = await startPortal({});
const base = portal.base;

try {
  const worker = await login(base, "wangge", DEMO_PASSWORD);
  const cityAdmin = await login(base, "admin", DEMO_PASSWORD);
  const pick = <T>(xs: T[], i: number) => xs[(i * 7919) % xs.length];
  const filters = ["", "size=MICRO", "noVisitDays=90", "industry=I", "q=科技", "size=SMALL&size=MEDIUM", "qualification=HIGH_TECH", "sort=lastVisitAt&order=desc", "tag=招商引资"];
  const listUrls = (n: number, extra = "") => Array.from({ length: n }, (_, i) => `${base}/companies?${pick(filters, i)}&page=${1 + (i % 5)}${extra}`);
  const results: [string, Timing][] = [
    // 30 warm-up requests across the filter mix first: steady state, not the JIT's first calls.
    ["网格员企业列表（筛选+分页）", await timeRequests(listUrls(REQUESTS), worker, 30)],
    ["企业画像页（网格员）", await timeRequests(Array.from({ length: REQUESTS }, (_, i) => `${base}/companies/${pick(companyIds, i)}`), worker)],
    ["全市企业列表（管理员）", await timeRequests(listUrls(REQUESTS, "&pageSize=50"), cityAdmin)],
    ["网格员列表数据（仅 loader）", await timeRequests(listUrls(REQUESTS, "&_data=routes%2F_app.companies._index"), worker)],
  ];

  console.log(`\n亲清网格 · 企业名录基准（${COUNT.toLocaleString()} 家企业，${os.cpus().length} 核，每项 ${REQUESTS} 次顺序请求，先预热）`);
  console.log(`网格员“王强”负责枫杨街道，辖内 ${companyIds.length.toLocaleString()} 家企业\n`);
  if (importSeconds !== null) console.log(row(`导入 ${COUNT.toLocaleString()} 家企业`, importSeconds, 60, "秒"));
  for (const [name, timing] of results) {
    console.log(row(`${name} p95`, timing.p95, 50, "ms") + `   （p50 ${timing.p50.toFixed(1)} ms，最大 ${timing.max.toFixed(1)} ms）`);
  }
  console.log("\n按筛选条件（网格员列表整页，各 30 次）：");
  for (const filter of filters) {
    const timing = await timeRequests(Array.from({ length: 30 }, (_, i) => `${base}/companies?${filter}&page=${1 + (i % 5)}`), worker, 3);
    console.log(`  ${(filter || "（无筛选）").padEnd(32)} p50 ${timing.p50.toFixed(1).padStart(6)} ms   p95 ${timing.p95.toFixed(1).padStart(6)} ms`);
  }
} finally {
  await portal.stop();
  if (!values.keep && !values.reuse) await fs.rm(dir, { recursive: true, force: true });
}
