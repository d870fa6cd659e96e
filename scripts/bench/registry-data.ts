// Shared by the benchmarks: a database with the demo city and `count` generated companies,
// imported through the real import job (or a folder a previous run kept, reused as it is).
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export interface BenchData {
  dir: string;
  importSeconds: number | null;
  fresh: boolean;
}

/** Sets DATABASE_URL / DATA_DIR for this process; call before importing app modules. */
export async function prepareRegistry(options: { name: string; count: number; reuse?: string }): Promise<BenchData> {
  const dir = options.reuse ?? (await fs.mkdtemp(path.join(os.tmpdir(), `qinqing-bench-${options.name}-`)));
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  process.env.DATA_DIR = dir;
  process.env.SESSION_SECRET ??= "bench-secret-bench-secret-bench-secret-00";
  process.env.LOG_LEVEL = "warn";
  console.log(`基准测试数据目录：${dir}`);
  const { migrateDatabase } = await import("../db/migrate");
  // A kept folder from older code gets the migrations added since.
  if (options.reuse) {
    await migrateDatabase(process.env.DATABASE_URL);
    return { dir, importSeconds: null, fresh: false };
  }

  const { seedDemo } = await import("../../seed/demo");
  const { writeRegistryCsv } = await import("../../seed/registry-csv");
  const { prisma } = await import("~/db.server");
  const { actorFor } = await import("~/auth/actor.server");
  const { registerImportFile, runImportJob } = await import("~/companies/import/import-job.server");
  await migrateDatabase(process.env.DATABASE_URL);
  await seedDemo();
  const csv = path.join(dir, "registry.csv");
  let t = performance.now();
  const { bytes } = await writeRegistryCsv({ out: csv, count: options.count, seed: 2026, year: new Date().getFullYear() - 1 });
  console.log(`生成 ${options.count} 家企业的导入文件：${(bytes / 1024 / 1024).toFixed(1)} MB，${((performance.now() - t) / 1000).toFixed(1)} 秒（不计入导入时间）`);
  const admin = await actorFor("admin");
  const job = await registerImportFile({ actor: admin, filePath: csv, fileName: "registry.csv", keepSource: true });
  t = performance.now();
  await runImportJob(job.id);
  const importSeconds = (performance.now() - t) / 1000;
  const done = await prisma.importJob.findUniqueOrThrow({ where: { id: job.id } });
  console.log(`导入结果：${done.message}`);
  return { dir, importSeconds, fresh: true };
}
