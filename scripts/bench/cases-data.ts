// The case benchmark's database: built once per size and generator by cases-build.ts in a child
// process, kept in a cache folder, and copied into a fresh data folder for each run (a run files
// cases, adds users and an API key, and the portal's start-up match writes its results).
//
// Schema: the cache remembers the migrations it was built with. Migrations added since (a new
// index, say) are applied to the copy, as `npm start` applies them to a deployed database, and the
// new indexes analyzed; a migration that was changed or removed makes the cache be built again.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { GenerateStats } from "./cases-generate";
import { prepareRegistry } from "./registry-data";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const sha = (data: string | Buffer) => createHash("sha256").update(data).digest("hex").slice(0, 12);

/** The code that fills the cached database (the schema is followed through its migrations). */
const INPUTS = [
  "scripts/bench/cases-generate.ts", "scripts/bench/cases-build.ts", "seed/case-texts.ts", "seed/demo.ts", "seed/demo-cases.ts",
  "seed/registry-generator.ts", "app/cases/categories.ts", "app/cases/calendar.ts", "app/cases/flow.ts",
];

async function generatorKey(): Promise<string> {
  const parts = await Promise.all(INPUTS.map(async (f) => `${f}:${sha(await fs.readFile(path.join(root, f)).catch(() => Buffer.from("-")))}`));
  return sha(parts.join("\n"));
}

/** Migration folder → hash of its SQL. */
async function migrations(): Promise<Record<string, string>> {
  const dir = path.join(root, "prisma", "migrations");
  const out: Record<string, string> = {};
  for (const m of (await fs.readdir(dir)).sort()) {
    const sql = await fs.readFile(path.join(dir, m, "migration.sql")).catch(() => null);
    if (sql) out[m] = sha(sql);
  }
  return out;
}

export interface BuildInfo extends GenerateStats {
  importSeconds: number | null;
  analyzeSeconds: number;
  migrations?: Record<string, string>;
}

export interface CasesData {
  dir: string;
  cacheDir: string;
  /** This run built the cache (else it was found). */
  built: boolean;
  build: BuildInfo;
  copySeconds: number;
  /** Migrations newer than the cache, applied to this run's copy. */
  applied: string[];
}

/** Sets DATABASE_URL / DATA_DIR for this process (as prepareRegistry does); call before importing app modules. */
export async function prepareCases(options: { companies: number; cases: number; rebuild?: boolean; inPlace?: boolean }): Promise<CasesData> {
  const cacheRoot = process.env.BENCH_CACHE_DIR ?? path.join(os.tmpdir(), "qinqing-bench-cache");
  const prefix = `cases-${options.cases}-${options.companies}-`;
  const cacheDir = path.join(cacheRoot, prefix + (await generatorKey()));
  const infoFile = path.join(cacheDir, "build.json");
  const now = await migrations();
  const cached = await fs.readFile(infoFile, "utf8").then((t) => JSON.parse(t) as BuildInfo, () => null);
  const compatible = cached?.migrations && Object.entries(cached.migrations).every(([m, h]) => now[m] === h);
  if (options.rebuild || !compatible) {
    // Older builds of this size (another generator or history) only take disk space.
    await fs.mkdir(cacheRoot, { recursive: true });
    for (const old of (await fs.readdir(cacheRoot)).filter((d) => d.startsWith(prefix))) await fs.rm(path.join(cacheRoot, old), { recursive: true, force: true });
    console.log(`建立基准数据缓存（${options.companies.toLocaleString()} 家企业，${options.cases.toLocaleString()} 件诉求）：${cacheDir}`);
    const result = path.join(cacheRoot, `${prefix}result.json`);
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "bench", "cases-build.ts"),
        "--companies", String(options.companies), "--cases", String(options.cases), "--result", result], { cwd: root, stdio: "inherit" });
      child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`cases-build exited with ${code}`))));
    });
    const built = JSON.parse(await fs.readFile(result, "utf8")) as BuildInfo & { dir: string };
    await fs.mkdir(cacheDir, { recursive: true });
    await fs.rename(path.join(built.dir, "bench.db"), path.join(cacheDir, "bench.db"));
    await fs.rm(built.dir, { recursive: true, force: true });
    await fs.rm(result, { force: true });
    await fs.writeFile(infoFile, JSON.stringify({ ...built, migrations: now }));
  } else {
    console.log(`使用已缓存的基准数据：${cacheDir}（--rebuild 重建）`);
  }
  const build = JSON.parse(await fs.readFile(infoFile, "utf8")) as BuildInfo;
  let dir = cacheDir;
  const t = performance.now();
  if (!options.inPlace) {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "qinqing-bench-cases-"));
    await fs.copyFile(path.join(cacheDir, "bench.db"), path.join(dir, "bench.db"), fs.constants.COPYFILE_FICLONE);
  }
  const copySeconds = (performance.now() - t) / 1000;
  // Applies the migrations added since the cache was built (prepareRegistry does, for a kept folder).
  await prepareRegistry({ name: "cases", count: options.companies, reuse: dir });
  const applied = Object.keys(now).filter((m) => !build.migrations?.[m]);
  if (applied.length) analyzeNewIndexes(path.join(dir, "bench.db"), applied);
  return { dir, cacheDir, built: !compatible || !!options.rebuild, build, copySeconds, applied };
}

/** Planner statistics for indexes that have none (made by the migrations just applied), as a running system would have. */
function analyzeNewIndexes(file: string, applied: string[]): void {
  const db = new Database(file);
  try {
    const fresh = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT IN (SELECT idx FROM sqlite_stat1 WHERE idx IS NOT NULL)`).all() as { name: string }[];
    const t = performance.now();
    for (const { name } of fresh) db.exec(`ANALYZE "${name.replaceAll('"', '""')}"`);
    console.log(`缓存之后新增的迁移已在副本上执行：${applied.join("，")}；尚无统计信息的索引 ${fresh.length} 个已 ANALYZE（${((performance.now() - t) / 1000).toFixed(1)} 秒）`);
  } finally {
    db.close();
  }
}
