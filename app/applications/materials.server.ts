import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { config } from "~/config.server";
import { cleanFileName, detectFileKind, materialProblem } from "./file-type";
import type { UploadedMaterial } from "./upload.server";

/**
 * Application materials on disk under DATA_DIR/applications/<companyId>/, each under a generated
 * name with the extension of what its content is. The database keeps the list (Application.materials);
 * files are only ever read back through a scoped lookup (applications.server.ts).
 */
export interface StoredMaterial {
  /** The required material it answers, as the policy names it ("上年度研发费用专项审计报告"). */
  material: string;
  fileName: string;
  /** Relative to the materials folder. */
  path: string;
  size: number;
  type: string;
}

export function materialsDir(): string {
  return path.resolve(config().DATA_DIR, "applications");
}

/** Field errors for the uploads, keyed "material-<i>"; empty when every required file is fine. */
export function checkMaterials(required: string[], files: Map<number, UploadedMaterial>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  required.forEach((_, i) => {
    const f = files.get(i);
    const problem = materialProblem(f ? { size: f.size, head: f.bytes ?? new Uint8Array() } : null);
    if (problem) errors[`material-${i}`] = [problem];
  });
  return errors;
}

/** Writes checked files; returns their entries. On any failure nothing is left behind. */
export async function storeMaterials(companyId: string, required: string[], files: Map<number, UploadedMaterial>): Promise<StoredMaterial[]> {
  const dir = path.join(materialsDir(), companyId);
  await fs.mkdir(dir, { recursive: true });
  const stored: StoredMaterial[] = [];
  try {
    for (let i = 0; i < required.length; i++) {
      const f = files.get(i)!;
      const kind = detectFileKind(f.bytes!)!;
      const relative = `${companyId}/${randomUUID()}.${kind.ext}`;
      await fs.writeFile(path.join(materialsDir(), relative), f.bytes!, { flag: "wx" });
      stored.push({ material: required[i], fileName: cleanFileName(f.fileName, kind.ext), path: relative, size: f.size, type: kind.type });
    }
  } catch (error) {
    await removeMaterials(stored);
    throw error;
  }
  return stored;
}

export async function removeMaterials(list: { path: string }[]): Promise<void> {
  await Promise.all(list.map((m) => fs.rm(resolveInside(m.path), { force: true }).catch(() => undefined)));
}

export async function readMaterial(m: StoredMaterial): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await fs.readFile(resolveInside(m.path)));
}

/** A stored path, refused if it would point outside the materials folder. */
function resolveInside(relative: string): string {
  const root = materialsDir();
  const full = path.resolve(root, relative);
  if (!full.startsWith(root + path.sep)) throw new Error("材料路径无效");
  return full;
}

export function parseMaterials(json: string): StoredMaterial[] {
  try {
    const list = JSON.parse(json) as StoredMaterial[];
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}
