import { open, stat } from "node:fs/promises";
import path from "node:path";
import { csvRawRows } from "./csv-rows.server";
import { xlsxRawRows } from "./xlsx-rows.server";

/**
 * Streams a user-supplied CSV or XLSX file as header, rows and problems, in that order, with
 * bounded memory. File-level problems end the stream (discard anything read so far); row-level
 * problems stand in for the row they describe and reading continues. Values are returned as the
 * user sees them (not trimmed); formulas are never evaluated.
 *
 *   for await (const item of readTable(upload.path, { fileName: upload.name, maxRows: 20_000 })) {
 *     if (item.kind === "header") checkColumns(item.headers);
 *     else if (item.kind === "row") importRow(item.rowNumber, item.cells, item.formulaCells);
 *     else if (item.scope === "row") report(item.rowNumber, item.message);
 *     else return fail(item.message);
 *   }
 */
export type TableItem = TableHeader | TableRow | TableProblem;

export interface TableHeader {
  kind: "header";
  format: "csv" | "xlsx";
  /** Trimmed, non-empty, unique header texts in column order. */
  headers: string[];
}

export interface TableRow {
  kind: "row";
  /** As the user sees it in Excel: the header is row 1; blank rows are skipped but counted. */
  rowNumber: number;
  /** Every header is present; cells missing from the row are "". */
  cells: Record<string, string>;
  /** Headers of cells that held a formula (XLSX); their value is the cached result, if any. */
  formulaCells: string[];
}

export type TableProblem = FileProblem | RowProblem;

export type FileProblemCode =
  | "empty_file"
  | "not_spreadsheet"
  | "legacy_xls"
  | "unsupported_encoding"
  | "corrupt_xlsx"
  | "header_missing"
  | "header_duplicate"
  | "no_data"
  | "too_many_rows";

export interface FileProblem {
  kind: "problem";
  scope: "file";
  code: FileProblemCode;
  message: string;
  /** Technical cause for the server log, never for users. */
  detail?: string;
}

export type RowProblemCode = "cell_without_header" | "cell_too_long" | "unclosed_quote";

export interface RowProblem {
  kind: "problem";
  scope: "row";
  rowNumber: number;
  code: RowProblemCode;
  message: string;
}

export interface ReadProgress {
  bytesRead: number;
  totalBytes: number;
}

export interface ReadTableOptions {
  /** Data rows (header excluded) allowed before the file is rejected; default unlimited. */
  maxRows?: number;
  /** The name the user uploaded, for the extension check; defaults to the file path. */
  fileName?: string;
  /**
   * Called as the file is read. For XLSX files whose sheet precedes its shared strings in the
   * ZIP (what Excel writes), the whole file is read before the first row, so bytes lead rows.
   */
  onProgress?: (progress: ReadProgress) => void;
}

/** Excel's own limit; longer CSV fields are almost certainly a broken file (or an attack). */
export const MAX_CELL_CHARS = 32_767;

export async function* readTable(filePath: string, options: ReadTableOptions = {}): AsyncGenerator<TableItem, void, undefined> {
  try {
    const { size } = await stat(filePath);
    if (size === 0) throw new TableFileError("empty_file", "文件为空");
    const format = await sniffFormat(filePath, options.fileName ?? filePath);
    let bytesRead = 0;
    const onBytes = (n: number) => {
      bytesRead += n;
      options.onProgress?.({ bytesRead, totalBytes: size });
    };
    const raw = format === "xlsx" ? xlsxRawRows(filePath, onBytes) : csvRawRows(filePath, onBytes);
    yield* shapeTable(format, raw, options.maxRows ?? Infinity);
  } catch (error) {
    if (!(error instanceof TableFileError)) throw error;
    const problem: FileProblem = { kind: "problem", scope: "file", code: error.code, message: error.message };
    if (error.detail) problem.detail = error.detail;
    yield problem;
  }
}

export class TableFileError extends Error {
  constructor(
    readonly code: FileProblemCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** A physical row before headers are applied; values[0] is column A. */
export interface RawRow {
  kind: "raw";
  rowNumber: number;
  values: string[];
  /** 0-based columns whose cell held a formula. */
  formulas?: Set<number>;
}

// ---------------------------------------------------------------------------------------------
// Format detection: by content, since users rename files and upload handlers rename them again.

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
// OLE2 compound file: .xls, and also password-protected .xlsx.
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

async function sniffFormat(filePath: string, fileName: string): Promise<"csv" | "xlsx"> {
  const handle = await open(filePath, "r");
  const head = Buffer.alloc(8);
  try {
    await handle.read(head, 0, 8, 0);
  } finally {
    await handle.close();
  }
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return "xlsx";
  if (head.equals(OLE2_MAGIC)) {
    throw new TableFileError("legacy_xls", "不支持旧版 Excel（.xls）文件或加密的 Excel 文件，请在 Excel 中另存为 .xlsx（不设密码）或 CSV 后重新上传");
  }
  const ext = path.extname(fileName).toLowerCase();
  if (ext === ".xlsx" || ext === ".xlsm" || ext === ".xls") {
    throw new TableFileError(
      "not_spreadsheet",
      `文件名是 ${ext}，但内容不是有效的 Excel 表格（可能只是改了扩展名），请用 Excel 打开后另存为 .xlsx 或 CSV 再上传`,
    );
  }
  return "csv";
}

// ---------------------------------------------------------------------------------------------
// Shared: header row, blank rows, mapping cells to headers, row limit.

async function* shapeTable(
  format: "csv" | "xlsx",
  raw: AsyncIterable<RawRow | RowProblem>,
  maxRows: number,
): AsyncGenerator<TableItem, void, undefined> {
  let headers: (string | null)[] | null = null;
  let dataRows = 0;
  for await (const item of raw) {
    if (headers === null) {
      if (item.kind === "raw" && isBlank(item)) continue;
      if (item.rowNumber !== 1) {
        throw new TableFileError("header_missing", "第 1 行应为表头，但该行为空（表头上方不要留空行或标题行）");
      }
      if (item.kind === "problem") throw new TableFileError("header_missing", `第 1 行（表头）无法读取：${item.message}`);
      headers = readHeaders(item.values);
      yield { kind: "header", format, headers: headers.filter((h): h is string => h !== null) };
      continue;
    }
    if (item.kind === "raw" && isBlank(item)) continue;
    dataRows += 1;
    if (dataRows > maxRows) {
      throw new TableFileError("too_many_rows", `数据超过 ${maxRows} 行的上限，请拆分为多个文件后分批导入`);
    }
    yield item.kind === "raw" ? toRow(headers, item) : item;
  }
  if (headers === null) throw new TableFileError("empty_file", "文件为空");
  if (dataRows === 0) throw new TableFileError("no_data", "文件只有表头，没有数据行");
}

function isBlank(row: RawRow): boolean {
  return !row.formulas?.size && row.values.every((v) => v.trim() === "");
}

/** Header texts by column; null where a column has no header (such columns must stay empty). */
function readHeaders(values: string[]): (string | null)[] {
  const headers = values.map((v) => v.trim() || null);
  while (headers.length && headers[headers.length - 1] === null) headers.pop();
  // A row of formulas that show nothing is not a header either.
  if (!headers.length) throw new TableFileError("header_missing", "第 1 行应为表头，但该行没有内容");
  const seen = new Map<string, number>();
  headers.forEach((header, column) => {
    if (header === null) return;
    const first = seen.get(header);
    if (first !== undefined) {
      throw new TableFileError("header_duplicate", `表头“${header}”重复（${columnLetter(first)} 列和 ${columnLetter(column)} 列）`);
    }
    seen.set(header, column);
  });
  return headers;
}

function toRow(headers: (string | null)[], raw: RawRow): TableRow | RowProblem {
  const entries: [string, string][] = [];
  const formulaCells: string[] = [];
  for (let column = 0; column < Math.max(headers.length, raw.values.length); column++) {
    const header = headers[column] ?? null;
    const value = raw.values[column] ?? "";
    const formula = raw.formulas?.has(column) ?? false;
    if (header === null) {
      if (value.trim() === "" && !formula) continue;
      const message = `第 ${raw.rowNumber} 行 ${columnLetter(column)} 列有内容，但第 1 行该列没有表头`;
      return { kind: "problem", scope: "row", rowNumber: raw.rowNumber, code: "cell_without_header", message };
    }
    entries.push([header, value]);
    if (formula) formulaCells.push(header);
  }
  // fromEntries defines own properties, so a header like "__proto__" cannot touch the prototype.
  return { kind: "row", rowNumber: raw.rowNumber, cells: Object.fromEntries(entries), formulaCells };
}

/** 0 → A, 25 → Z, 26 → AA: how users find a cell in Excel. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
