/**
 * What an uploaded file is, from its first bytes (its "magic number"), never from its name or
 * the type the browser claims: a renamed .exe stays an .exe. Only the formats offices accept
 * for application materials: PDF, JPEG, PNG. Pure, so it is tested without a server.
 */
export const MAX_MATERIAL_BYTES = 10 * 1024 * 1024;

export interface FileKind {
  type: "application/pdf" | "image/jpeg" | "image/png";
  ext: "pdf" | "jpg" | "png";
  label: string;
}

const KINDS: { magic: number[]; kind: FileKind }[] = [
  { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: { type: "application/pdf", ext: "pdf", label: "PDF" } }, // %PDF-
  { magic: [0xff, 0xd8, 0xff], kind: { type: "image/jpeg", ext: "jpg", label: "JPG" } },
  { magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], kind: { type: "image/png", ext: "png", label: "PNG" } },
];

export function detectFileKind(bytes: Uint8Array): FileKind | null {
  // The signature must open the file: a PDF header found later would let other files through.
  return KINDS.find((k) => k.magic.length <= bytes.length && k.magic.every((b, i) => bytes[i] === b))?.kind ?? null;
}

/** The Chinese error for a material, or null when it is acceptable. */
export function materialProblem(file: { size: number; head: Uint8Array } | null): string | null {
  if (!file || file.size === 0) return "请上传此项材料";
  if (file.size > MAX_MATERIAL_BYTES) return "文件超过 10 MB，请压缩或分页扫描后重新上传";
  if (!detectFileKind(file.head)) return "文件内容不是 PDF、JPG 或 PNG（按文件内容识别，与扩展名无关），请转换格式后重新上传";
  return null;
}

/** An uploaded name made safe to show and to send back in Content-Disposition. */
export function cleanFileName(name: string, ext: string): string {
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "").trim().slice(0, 120);
  const stem = base.replace(/\.[^.]*$/, "") || "材料";
  return `${stem}.${ext}`;
}
