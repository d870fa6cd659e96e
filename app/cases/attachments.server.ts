import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { config } from "~/config.server";
import { cleanFileName, detectFileKind } from "~/applications/file-type";

/**
 * Case attachments: photos and PDFs, at most 5 per step and 10 MB each, the type told by the
 * content (a renamed .exe is refused whatever its name). Stored under DATA_DIR/cases/<caseId>/.
 * A part over the limit is read to its end and dropped, so the user gets an error next to the
 * field and keeps the rest of the form.
 */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;
const MAX_TEXT = 20_000;

export interface Upload {
  fileName: string;
  size: number;
  bytes: Uint8Array | null;
}

export async function parseCaseUpload(request: Request): Promise<{ form: FormData; files: Upload[] }> {
  const files: Upload[] = [];
  let parts = 0;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    parts++;
    const isFile = filename !== undefined;
    const wanted = parts <= 50 && (!isFile || name === "attachment");
    const limit = isFile ? MAX_ATTACHMENT_BYTES : MAX_TEXT;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (wanted && size <= limit) chunks.push(chunk);
    }
    if (!wanted) return undefined;
    const bytes = size <= limit ? Buffer.concat(chunks) : null;
    if (!isFile) return bytes ? new TextDecoder().decode(bytes) : "";
    if (!filename && size === 0) return undefined; // an empty file input
    files.push({ fileName: filename, size, bytes });
    return undefined;
  };
  const form = await unstable_parseMultipartFormData(request, handler);
  return { form, files };
}

/** The Chinese problem with the uploads, or null. */
export function attachmentProblem(files: Upload[]): string | null {
  if (files.length > MAX_ATTACHMENTS) return `最多上传 ${MAX_ATTACHMENTS} 个附件`;
  for (const f of files) {
    if (f.size > MAX_ATTACHMENT_BYTES || !f.bytes) return `“${f.fileName}”超过 10 MB，请压缩后重新上传`;
    if (!detectFileKind(f.bytes)) return `“${f.fileName}”不是图片（JPG、PNG）或 PDF 文件（按文件内容识别，与扩展名无关）`;
  }
  return null;
}

export interface StoredAttachment {
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  storedPath: string;
}

export function casesDir(): string {
  return path.resolve(config().DATA_DIR, "cases");
}

/** Writes checked files; on any failure nothing is left behind. */
export async function storeAttachments(caseKey: string, files: Upload[]): Promise<StoredAttachment[]> {
  if (!files.length) return [];
  await fs.mkdir(path.join(casesDir(), caseKey), { recursive: true });
  const stored: StoredAttachment[] = [];
  try {
    for (const f of files) {
      const kind = detectFileKind(f.bytes!)!;
      const storedPath = `${caseKey}/${randomUUID()}.${kind.ext}`;
      await fs.writeFile(path.join(casesDir(), storedPath), f.bytes!, { flag: "wx" });
      stored.push({ fileName: cleanFileName(f.fileName, kind.ext), mimeType: kind.type, size: f.size, sha256: createHash("sha256").update(f.bytes!).digest("hex"), storedPath });
    }
  } catch (error) {
    await removeAttachments(stored);
    throw error;
  }
  return stored;
}

export async function removeAttachments(list: { storedPath: string }[]): Promise<void> {
  await Promise.all(list.map((a) => fs.rm(resolveInside(a.storedPath), { force: true }).catch(() => undefined)));
}

export async function readAttachment(storedPath: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await fs.readFile(resolveInside(storedPath)));
}

function resolveInside(relative: string): string {
  const root = casesDir();
  const full = path.resolve(root, relative);
  if (!full.startsWith(root + path.sep)) throw new Error("附件路径无效");
  return full;
}
