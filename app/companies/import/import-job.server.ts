import fs from "node:fs/promises";
import path from "node:path";
import { requestFullMatch } from "~/matching/triggers.server";
import { prisma, refreshPlannerStatistics } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { audit } from "~/audit.server";
import { config } from "~/config.server";
import { loadPlacementIndex } from "~/grids/placement.server";
import { logger } from "~/utils/logger.server";
import { readTable } from "~/utils/spreadsheet/read-table.server";
import { IMPORT_COLUMNS, REQUIRED_FIELDS } from "./columns";
import { ImportPipeline, type RowError } from "./pipeline.server";

/** Row errors kept per job; beyond this only the count grows (a broken 50 MB file has millions). */
const MAX_STORED_ERRORS = 5_000;
export const MAX_UPLOAD_BYTES = 60 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 500_000;

function requireAdmin(actor: Actor) {
  if (actor.role !== "ADMIN") throw new Response("只有管理员可以导入企业数据。", { status: 403 });
}

export function importDir(): string {
  return path.resolve(config().DATA_DIR, "imports");
}

/** Registers an uploaded file as a job and starts it in the background. */
export async function createImportJob({ actor, filePath, fileName }: { actor: Actor; filePath: string; fileName: string }) {
  const job = await registerImportFile({ actor, filePath, fileName, keepSource: false });
  enqueue(job.id);
  return job;
}

/** Makes a job for a file (moved, or copied with keepSource) without starting it: for the CLI. */
export async function registerImportFile({ actor, filePath, fileName, keepSource }: { actor: Actor; filePath: string; fileName: string; keepSource: boolean }) {
  requireAdmin(actor);
  const job = await prisma.importJob.create({ data: { fileName: fileName.slice(0, 200), createdById: actor.id } });
  await fs.mkdir(importDir(), { recursive: true });
  await (keepSource ? fs.copyFile(filePath, jobFile(job.id)) : fs.rename(filePath, jobFile(job.id)));
  await audit({ actorId: actor.id, action: "import.create", entityType: "ImportJob", entityId: job.id, detail: { fileName } });
  return job;
}

const jobFile = (id: string) => path.join(importDir(), `${id}.upload`);

// One import at a time: SQLite has one writer, and a queue keeps progress honest.
let queue: Promise<void> = Promise.resolve();
function enqueue(jobId: string) {
  queue = queue.then(() => runImportJob(jobId)).catch((error) => logger.error(error, "import job crashed"));
}

/**
 * Jobs a crash or restart interrupted run again from the start. Safe because writes are
 * per-batch transactions and matching is by USCC: finished batches come back "unchanged".
 */
export async function resumeImportJobs(): Promise<number> {
  const pending = await prisma.importJob.findMany({ where: { status: { in: ["QUEUED", "RUNNING"] } }, orderBy: { createdAt: "asc" } });
  for (const job of pending) enqueue(job.id);
  return pending.length;
}

export async function runImportJob(jobId: string): Promise<void> {
  const job = await prisma.importJob.findUniqueOrThrow({ where: { id: jobId } });
  await prisma.importRowError.deleteMany({ where: { jobId } });
  await prisma.importJob.update({ where: { id: jobId }, data: { status: "RUNNING", progress: 0, rowsRead: 0, created: 0, updated: 0, failed: 0, message: null } });
  let stored = 0;
  const saveErrors = async (errors: RowError[]) => {
    const room = MAX_STORED_ERRORS - stored;
    if (room <= 0) return;
    const kept = errors.slice(0, room);
    stored += kept.length;
    await prisma.importRowError.createMany({ data: kept.map((e) => ({ jobId, row: e.row, column: e.column, message: e.message })) });
  };
  const pipeline = new ImportPipeline({ actorId: job.createdById, placement: await loadPlacementIndex(), source: `批量导入：${job.fileName}` }, saveErrors);
  let progress = 0;
  let lastSaved = Date.now();
  const saveProgress = async (force = false) => {
    if (!force && Date.now() - lastSaved < 500) return;
    lastSaved = Date.now();
    const t = pipeline.totals;
    await prisma.importJob.update({ where: { id: jobId }, data: { progress, rowsRead: t.rows, created: t.created, updated: t.updated, failed: t.failed } });
  };

  try {
    for await (const item of readTable(jobFile(jobId), { fileName: job.fileName, maxRows: MAX_IMPORT_ROWS, onProgress: (p) => (progress = p.totalBytes ? p.bytesRead / p.totalBytes : 0) })) {
      if (item.kind === "header") {
        const missing = REQUIRED_FIELDS.map((f) => IMPORT_COLUMNS[f]).filter((h) => !item.headers.includes(h));
        if (missing.length) throw new ImportFileError(`表头缺少必填列：${missing.join("、")}。请下载导入模板核对列名。`);
        const known = new Set<string>(Object.values(IMPORT_COLUMNS));
        const unknown = item.headers.filter((h) => !known.has(h));
        if (unknown.length) await saveErrors([{ row: 1, column: unknown.join("、"), message: "无法识别的列，已忽略" }]);
      } else if (item.kind === "row") {
        await pipeline.accept(item.rowNumber, item.cells, item.formulaCells);
        await saveProgress();
      } else if (item.scope === "row") {
        await pipeline.reject([{ row: item.rowNumber, column: "", message: item.message }]);
      } else {
        throw new ImportFileError(item.message);
      }
    }
    await pipeline.flush();
    progress = 1;
    await saveProgress(true);
    const t = pipeline.totals;
    const message = `共 ${t.rows} 行：新增 ${t.created} 家，更新 ${t.updated} 家，无变化 ${t.unchanged} 家，${t.failed} 行有错误未导入。`;
    await prisma.$transaction(async (tx) => {
      await tx.importJob.update({ where: { id: jobId }, data: { status: "DONE", finishedAt: new Date(), message } });
      // New or changed official data changes who qualifies: one full re-match after the import.
      if (t.created + t.updated > 0) await requestFullMatch(tx, `import:${jobId}`, "数据导入", job.createdById);
    });
    await audit({ actorId: job.createdById, action: "import.done", entityType: "ImportJob", entityId: jobId, detail: t });
    await refreshPlannerStatistics();
    await fs.rm(jobFile(jobId), { force: true });
  } catch (error) {
    const message = error instanceof ImportFileError ? error.message : "导入中断：系统错误，请联系管理员。已写入的批次保留，修正后可直接重新导入。";
    if (!(error instanceof ImportFileError)) logger.error(error, "import failed");
    await saveProgress(true);
    await prisma.importJob.update({ where: { id: jobId }, data: { status: "FAILED", finishedAt: new Date(), message } });
  }
}

class ImportFileError extends Error {}

export async function listImportJobs({ actor }: { actor: Actor }) {
  requireAdmin(actor);
  return prisma.importJob.findMany({ orderBy: { createdAt: "desc" }, take: 50, include: { createdBy: { select: { displayName: true } } } });
}

export async function getImportJob({ actor, id, errorPage, pageSize = 50 }: { actor: Actor; id: string; errorPage: number; pageSize?: number }) {
  requireAdmin(actor);
  const job = await prisma.importJob.findUnique({ where: { id }, include: { createdBy: { select: { displayName: true } } } });
  if (!job) return null;
  const [errorCount, errors] = await Promise.all([
    prisma.importRowError.count({ where: { jobId: id } }),
    prisma.importRowError.findMany({ where: { jobId: id }, orderBy: [{ row: "asc" }, { id: "asc" }], skip: (errorPage - 1) * pageSize, take: pageSize }),
  ]);
  return { job, errorCount, errors };
}

export async function allImportErrors({ actor, id }: { actor: Actor; id: string }) {
  requireAdmin(actor);
  return prisma.importRowError.findMany({ where: { jobId: id }, orderBy: [{ row: "asc" }, { id: "asc" }] });
}
