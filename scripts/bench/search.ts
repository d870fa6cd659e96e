// npm run bench:search [-- --count 10000 --clients 20 --requests 1000 --keep]
//
// What issue 6 names: 10,000 policies indexed ≤ 30 s; search through the portal's route p95 ≤ 50 ms
// with 20 concurrent clients on loopback, printed beside Meilisearch's own processing time.
// Policies are the 27 of rules/ plus variants of them (other districts, years, 文号, amounts),
// written straight into the database as published versions. Prints figures; asserts nothing.
// Scenarios, each against the 50 ms target: A typing pace, A′ typing pace with every query different
// (nothing from the results cache), B back to back (saturated), C back to back with every query
// different, D whole pages back to back;
// with each one's CPU per request of the portal, Meilisearch and this client.
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Prisma } from "~/generated/prisma/client";
import { login, row, startPortal } from "./http";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "10000" },
    clients: { type: "string", default: "20" },
    requests: { type: "string", default: "1000" },
    keep: { type: "boolean", default: false },
  },
});
const COUNT = Number(values.count);
const CLIENTS = Number(values.clients);
const REQUESTS = Number(values.requests);
const dir = await fs.mkdtemp(path.join(os.tmpdir(), "qinqing-bench-search-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
process.env.DATA_DIR = dir;
process.env.SESSION_SECRET ??= "bench-secret-bench-secret-bench-secret-00";
process.env.LOG_LEVEL = "warn";

// Meilisearch first: the configuration is read once, when the database client is created.
const { startEmbeddedMeili } = await import("~/search/embedded-meili.server");
const meili = await startEmbeddedMeili({ dataDir: path.join(dir, "meilisearch") });
process.once("uncaughtException", async (error) => {
  await meili.stop();
  throw error;
});
process.env.MEILI_HOST = meili.host;
process.env.MEILI_MASTER_KEY = meili.masterKey;

const { migrateDatabase } = await import("../db/migrate");
const { seedDemo } = await import("../../seed/demo");
const { prisma } = await import("~/db.server");
const { readPolicyFile, serializePolicy } = await import("~/policies/policy-file");
const { DEMO_PASSWORD } = await import("../../seed/demo-accounts");
const { DISTRICT_NAMES } = await import("~/grids/districts");

console.log(`基准测试数据目录：${dir}`);
await migrateDatabase(process.env.DATABASE_URL);
await seedDemo();

// ---- 1. Policies: the seed files and variants of them, published.
const seeds = (await prisma.policyVersion.findMany({ where: { status: "PUBLISHED" }, select: { document: true } })).map((v) => readPolicyFile(v.document).policy!);
const districts = Object.entries(DISTRICT_NAMES).filter(([code]) => code.length === 6);
let t = performance.now();
for (let start = seeds.length; start < COUNT; start += 500) {
  const policies: { id: string }[] = [];
  const versions: Prisma.PolicyVersionCreateManyInput[] = [];
  const clauses: Prisma.PolicyClauseCreateManyInput[] = [];
  for (let i = start; i < Math.min(COUNT, start + 500); i++) {
    const p = structuredClone(seeds[i % seeds.length]);
    const [code, district] = districts[i % districts.length];
    const year = 2018 + (i % 9);
    p.id = `${p.id}-v${i}`;
    p.title = `${district}${p.title.replace(/^郑州(市|高新区)?/, "")}（${year}年第${(i % 4) + 1}批）`;
    p.docNumber = `${district.slice(0, 2)}政〔${year}〕${(i % 97) + 1}号`;
    p.region = code;
    p.level = "区";
    p.publishedOn = `${year}-${String((i % 12) + 1).padStart(2, "0")}-15`;
    p.effectiveFrom = p.publishedOn;
    p.expiresOn = i % 3 === 0 ? `${year + 2}-12-31` : undefined;
    for (const c of p.clauses) if (c.benefit.kind === "fixed") c.benefit.parameters.amount = [{ from: p.effectiveFrom, value: 5 + (i % 40) * 5 }];
    const document = serializePolicy(p);
    const versionId = randomUUID();
    // One in fifty retired, the rest in force or expired by their dates.
    const retired = i % 50 === 0;
    policies.push({ id: p.id });
    versions.push({
      id: versionId, policyId: p.id, number: 1, status: retired ? "RETIRED" : "PUBLISHED", title: p.title, docNumber: p.docNumber, issuer: p.issuer,
      level: p.level, region: p.region, publishedOn: p.publishedOn, effectiveFrom: p.effectiveFrom, expiresOn: p.expiresOn ?? null, document, publishedAt: new Date(),
    });
    p.clauses.forEach((c, ordinal) =>
      clauses.push({ versionId, key: c.id, ordinal, name: c.name, delivery: c.delivery, exclusiveGroup: c.exclusiveGroup ?? null, conditions: JSON.stringify(c.conditions), benefit: JSON.stringify(c.benefit) }),
    );
  }
  await prisma.policy.createMany({ data: policies });
  await prisma.policyVersion.createMany({ data: versions });
  await prisma.policyClause.createMany({ data: clauses });
}
await prisma.$executeRawUnsafe(
  `UPDATE "Policy" SET "currentVersionId" = (SELECT v."id" FROM "PolicyVersion" v WHERE v."policyId" = "Policy"."id" AND v."status" = 'PUBLISHED') WHERE "currentVersionId" IS NULL`,
);
const total = await prisma.policy.count();
console.log(`生成 ${total.toLocaleString()} 项政策：${((performance.now() - t) / 1000).toFixed(1)} 秒（不计入建索引时间）`);

// ---- 2. Indexing: the same rebuild `npm run search:reindex` runs, against the embedded binary.
const { rebuildPolicyIndex } = await import("~/search/policy-sync.server");
t = performance.now();
const report = await rebuildPolicyIndex().finally(() => meili.stop());
const indexSeconds = (performance.now() - t) / 1000;
console.log(`建索引：${report.documents.toLocaleString()} 项政策，${indexSeconds.toFixed(1)} 秒`);
await prisma.$disconnect();

// ---- 3. The portal as `npm start` runs it, on this database and this index.
const portal = await startPortal({ MEILI_HOST: "", MEILI_MASTER_KEY: "", DEMO_COMPANIES: "0" });
const base = portal.base;

const QUERIES = [
  "", "高企奖励", "研发补贴", "招工补助", "上市奖励多少钱", "稳岗返还", "社保补贴", "小巨人", "专精特新", "科技型中小企业",
  "瞪羚企业", "首台套", "绿色工厂", "加计扣除", "六税两费", "创业担保贷款", "知识产权", "小升规", "技术中心认定", "二七区",
  "金水区 奖励", "郑政〔2021〕", "高新技术企业 研发费用", "免申即享", "失业保险", "gaoqi", "出口信用保险", "人社局", "扩岗", "新型研发机构",
];
const EXTRAS = ["", "", "&level=区", "&mode=免申即享", "&status=有效", "&sort=newest", "&sort=deadline", "&page=2", "&amount=10–50 万元&level=区", "&mine=1"];
const urlFor = (i: number) => {
  const q = QUERIES[(i * 7) % QUERIES.length];
  return `${base}/policies?q=${encodeURIComponent(q)}${encodeURI(EXTRAS[(i * 3) % EXTRAS.length])}`;
};
const DATA = "&_data=routes%2F_app.policies._index";

interface Sample { ms: number; meiliMs: number | null; cached: boolean }
const pct = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))];

/** CPU time (ms) a process has used so far, from /proc (Linux); null where that cannot be read. */
async function cpuMs(pid: number | null): Promise<number | null> {
  if (!pid) return null;
  const stat = await fs.readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return stat ? (Number(fields[11]) + Number(fields[12])) * (1000 / 100) : null; // clock ticks of 10 ms
}
/** The portal (our child running scripts/start.ts) and the embedded Meilisearch it started. */
async function portalPids(): Promise<{ portal: number | null; meili: number | null }> {
  let portal: number | null = null;
  for (const entry of await fs.readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await fs.readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid === process.pid && (await fs.readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "")).includes("start.ts")) portal = Number(entry);
  }
  const meili = Number(await fs.readFile(path.join(dir, "meilisearch", "meilisearch.pid"), "utf8").catch(() => "")) || null;
  return { portal, meili };
}

/**
 * `CLIENTS` loops at the same time, each sending its requests one after another. With `everyMs`,
 * a client starts a request at most that often (a person typing, with the page's 300 ms pause);
 * without, as fast as answers come (saturation: the latency is then mostly queueing).
 */
async function load(cookie: string, build: (i: number) => string, json: boolean, everyMs = 0, requests = REQUESTS): Promise<Sample[]> {
  const samples: Sample[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      if (everyMs) await new Promise((r) => setTimeout(r, (client * everyMs) / CLIENTS)); // spread the clients out
      while (next < requests) {
        const url = build(next++);
        const started = performance.now();
        const response = await fetch(url, { headers: { Cookie: cookie } });
        const body = json ? await response.json() : await response.arrayBuffer();
        const ms = performance.now() - started;
        if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
        if (json && (body as { mode: string }).mode !== "meili") throw new Error(`${url} answered from the database: Meilisearch not in use`);
        const answer = body as { processingTimeMs: number; cached?: boolean };
        samples.push({ ms, meiliMs: json && !answer.cached ? answer.processingTimeMs : null, cached: json && answer.cached === true });
        if (everyMs > ms) await new Promise((r) => setTimeout(r, everyMs - ms));
      }
    }),
  );
  return samples;
}

try {
  const cookie = await login(base, "qiye", DEMO_PASSWORD);
  // Wait until the portal answers from Meilisearch (its start-up check has run).
  for (let i = 0; ; i++) {
    const r = await (await fetch(`${base}/policies?q=x${DATA}`, { headers: { Cookie: cookie } })).json();
    if (r.mode === "meili") break;
    if (i > 600) throw new Error("portal never answered from Meilisearch");
    await new Promise((r) => setTimeout(r, 100));
  }
  // …and has finished its start-up work (the daily match run over 10,000 policies, the outbox),
  // which would otherwise compete with the searches for the two cores.
  const waited = performance.now();
  const busy = async () =>
    (await prisma.matchRun.count({ where: { status: "RUNNING" } })) +
    (await prisma.outboxMessage.count({ where: { status: { in: ["PENDING", "SENDING"] }, nextAttemptAt: { lte: new Date() } } }));
  while ((await busy()) > 0) await new Promise((r) => setTimeout(r, 500));
  await prisma.$disconnect();
  console.log(`门户启动后的后台任务完成，等待 ${((performance.now() - waited) / 1000).toFixed(0)} 秒`);
  const pids = await portalPids();
  const measured = async (run: () => Promise<Sample[]>) => {
    const before = { portal: await cpuMs(pids.portal), meili: await cpuMs(pids.meili), client: process.cpuUsage() };
    const startedAt = performance.now();
    const samples = await run();
    const seconds = (performance.now() - startedAt) / 1000;
    const used = (pid: number | null, at: number | null) => cpuMs(pid).then((now) => (now !== null && at !== null ? (now - at) / samples.length : null));
    const client = process.cpuUsage(before.client);
    return { samples, seconds, portal: await used(pids.portal, before.portal), meili: await used(pids.meili, before.meili), client: (client.user + client.system) / 1000 / samples.length };
  };
  await load(cookie, (i) => urlFor(i) + DATA, true); // warm-up: one full round, not counted
  const typing = await measured(() => load(cookie, (i) => urlFor(i + 3) + DATA, true, 300));
  // The same searches with a number added to every query, so no two are alike: none can come from
  // the results cache (the 30 queries × 10 filters above repeat, as popular searches do).
  const fresh = (i: number) => urlFor(i + 11).replace("?q=", `?q=${i + 1}+`) + DATA;
  const typingFresh = await measured(() => load(cookie, (i) => fresh(i + REQUESTS), true, 300));
  const data = await measured(() => load(cookie, (i) => urlFor(i + 11) + DATA, true));
  const saturatedFresh = await measured(() => load(cookie, fresh, true));
  const pages = await measured(() => load(cookie, (i) => urlFor(i + 5), false));

  const ms = (s: Sample[]) => s.map((x) => x.ms).sort((a, b) => a - b);
  const meiliMs = [...typing.samples, ...typingFresh.samples, ...data.samples, ...saturatedFresh.samples].filter((x) => x.meiliMs !== null).map((x) => x.meiliMs!).sort((a, b) => a - b);
  console.log(`\n亲清网格 · 政策检索基准（${report.documents.toLocaleString()} 项政策，${os.cpus().length} 核，${CLIENTS} 个并发客户端，每项 ${REQUESTS} 次请求，先预热一轮；以企业用户 qiye 登录）\n`);
  console.log(row(`${report.documents.toLocaleString()} 项政策建索引`, indexSeconds, 30, "秒"));
  const lines = [
    ["A 检索数据·打字节奏（每客户端 ≥300 ms 一次）", typing, true],
    ["A′ 检索数据·打字节奏，关键词各不相同（不经缓存）", typingFresh, true],
    ["B 检索数据·连续请求（饱和）", data, true],
    ["C 检索数据·连续请求，关键词各不相同（饱和，不经缓存）", saturatedFresh, true],
    ["D 检索整页 HTML·连续请求（饱和）", pages, false],
  ] as const;
  for (const [name, run, json] of lines) {
    const sorted = ms(run.samples);
    const hits = run.samples.filter((x) => x.cached).length;
    const cpu = (v: number | null) => (v === null ? "?" : v.toFixed(1));
    console.log(row(`${name} p95`, pct(sorted, 0.95), 50, "ms"));
    console.log(
      `    p50 ${pct(sorted, 0.5).toFixed(1)} ms，最大 ${sorted[sorted.length - 1].toFixed(1)} ms；${(run.samples.length / run.seconds).toFixed(0)} 次/秒` +
        (json ? `；结果缓存命中 ${((100 * hits) / run.samples.length).toFixed(0)}%` : "") +
        `；每次请求 CPU：门户 ${cpu(run.portal)} ms，Meilisearch ${cpu(run.meili)} ms，压测客户端 ${run.client.toFixed(1)} ms`,
    );
  }
  console.log(`Meilisearch 自身处理时间（未经缓存的检索数据请求的 processingTimeMs，多路查询中最慢的一路）：p50 ${pct(meiliMs, 0.5)} ms，p95 ${pct(meiliMs, 0.95)} ms，最大 ${meiliMs[meiliMs.length - 1]} ms`);
  console.log(
    "说明：饱和时 20 个客户端不停发请求，延迟主要是排队：平均延迟 ≈ 客户端数 ÷ 每秒处理数，而每秒处理数受每次请求的 CPU 限制" +
      "（门户是单线程，2 核还要分给 Meilisearch 和压测客户端）。A、B 中反复出现的检索由结果缓存回答；A′、C 每次都由 Meilisearch 计算。按打字节奏（A、A′）更接近真实使用。",
  );
} finally {
  await portal.stop();
  if (!values.keep) await fs.rm(dir, { recursive: true, force: true });
  else console.log(`数据保留在 ${dir}`);
}
