import { createReadStream, ReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
// Must load before exceljs: it corrects how exceljs decodes streamed XML.
import "./exceljs-utf8.server";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";

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

class TableFileError extends Error {
  constructor(
    readonly code: FileProblemCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** A physical row before headers are applied; values[0] is column A. */
interface RawRow {
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
function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

// ---------------------------------------------------------------------------------------------
// CSV: bytes → text (UTF-8 or GB18030, decided on the first non-ASCII bytes) → records.

async function* csvRawRows(filePath: string, onBytes: (n: number) => void): AsyncGenerator<RawRow | RowProblem> {
  const decoder = new CsvTextDecoder();
  const parser = new CsvParser();
  const stream = createReadStream(filePath, { highWaterMark: 64 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      onBytes(chunk.length);
      yield* parser.push(decoder.decode(chunk));
    }
    yield* parser.push(decoder.end());
    yield* parser.end();
  } finally {
    stream.destroy();
  }
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
// Enough Chinese text that GBK bytes which happen to form valid UTF-8 are practically impossible.
const ENCODING_SAMPLE_BYTES = 4096;

const undecodable = () =>
  new TableFileError("unsupported_encoding", "无法识别文件编码，请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”后重新上传");

/**
 * Excel and WPS in China save CSV as GBK unless told otherwise; newer Excel offers UTF-8 with BOM.
 * ASCII is the same in both, so ASCII passes straight through and the choice waits for the first
 * non-ASCII bytes: valid UTF-8 there means UTF-8, anything else is read as GB18030 (a GBK superset).
 */
class CsvTextDecoder {
  private decodeBytes: ((bytes: Buffer, final: boolean) => string) | null = null;
  private started = false;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  decode(chunk: Buffer): string {
    if (!this.started) {
      this.started = true;
      chunk = this.checkStart(chunk);
    }
    // Text files never contain NUL; binaries (PDF, images, UTF-16 without BOM) do.
    if (chunk.includes(0)) throw new TableFileError("not_spreadsheet", "文件不是有效的 CSV 或 XLSX 表格");
    if (this.decodeBytes) return this.decodeBytes(chunk, false);
    let head = "";
    if (this.pendingBytes === 0) {
      const firstNonAscii = indexOfNonAscii(chunk);
      if (firstNonAscii === -1) return chunk.toString("latin1");
      head = chunk.toString("latin1", 0, firstNonAscii);
      chunk = chunk.subarray(firstNonAscii);
    }
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    return this.pendingBytes >= ENCODING_SAMPLE_BYTES ? head + this.decide(false) : head;
  }

  end(): string {
    if (this.decodeBytes) return this.decodeBytes(Buffer.alloc(0), true);
    return this.pendingBytes ? this.decide(true) : "";
  }

  private checkStart(chunk: Buffer): Buffer {
    if (chunk.subarray(0, 3).equals(UTF8_BOM)) {
      this.decodeBytes = utf8Decoder();
      return chunk.subarray(3);
    }
    if (chunk[0] === 0xff && chunk[1] === 0xfe) throw undecodable();
    if (chunk[0] === 0xfe && chunk[1] === 0xff) throw undecodable();
    return chunk;
  }

  private decide(final: boolean): string {
    const sample = Buffer.concat(this.pending);
    this.pending = [];
    this.decodeBytes = isUtf8(sample, final) ? utf8Decoder() : gb18030Decoder();
    return this.decodeBytes(sample, final);
  }
}

function indexOfNonAscii(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return i;
  return -1;
}

function isUtf8(bytes: Buffer, final: boolean): boolean {
  try {
    // stream: true tolerates a character cut off at the end of the sample.
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: !final });
    return true;
  } catch {
    return false;
  }
}

function utf8Decoder() {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  return (bytes: Buffer, final: boolean) => {
    try {
      return decoder.decode(bytes, { stream: !final });
    } catch {
      throw undecodable();
    }
  };
}

function gb18030Decoder() {
  const decoder = iconv.getDecoder("gb18030", { stripBOM: false });
  return (bytes: Buffer, final: boolean) => {
    const text = decoder.write(bytes) + (final ? (decoder.end() ?? "") : "");
    // iconv-lite substitutes U+FFFD for byte sequences that are not GB18030 either.
    if (text.includes("\uFFFD")) throw undecodable();
    return text;
  };
}

const FIELD_END = /[,\r\n]/g;

/**
 * RFC 4180 records from text chunks, read the way Excel reads them: quoted fields may hold commas,
 * quotes ("") and line breaks; stray quotes inside unquoted fields are literal; CRLF, LF and CR all
 * end a record. Linear time, and no field grows beyond MAX_CELL_CHARS, so an unclosed quote in a
 * 50 MB file costs neither quadratic time nor the whole file in memory.
 */
class CsvParser {
  private state: "start" | "unquoted" | "quoted" | "quoteInQuoted" = "start";
  private record: string[] = [];
  private field = "";
  private rowNumber = 1;
  private tooLongColumn: number | null = null;
  private afterCR = false;

  push(text: string): (RawRow | RowProblem)[] {
    const out: (RawRow | RowProblem)[] = [];
    let i = 0;
    if (this.afterCR && text.length) {
      if (text[0] === "\n") i = 1;
      this.afterCR = false;
    }
    while (i < text.length) {
      if (this.state === "quoted") {
        const quote = text.indexOf('"', i);
        if (quote === -1) {
          this.append(text.slice(i));
          break;
        }
        this.append(text.slice(i, quote));
        i = quote + 1;
        this.state = "quoteInQuoted";
        continue;
      }
      if (this.state === "quoteInQuoted") {
        if (text[i] === '"') {
          this.append('"');
          i += 1;
          this.state = "quoted";
          continue;
        }
        // Text after a closing quote is kept, as Excel does; delimiters are handled below.
        this.state = "unquoted";
      }
      if (this.state === "start" && text[i] === '"') {
        this.state = "quoted";
        i += 1;
        continue;
      }
      FIELD_END.lastIndex = i;
      const match = FIELD_END.exec(text);
      const end = match ? match.index : text.length;
      if (end > i) {
        this.append(text.slice(i, end));
        this.state = "unquoted";
      }
      if (!match) break;
      i = end + 1;
      this.endField();
      if (match[0] === ",") continue;
      out.push(this.endRecord());
      if (match[0] === "\r") {
        if (i === text.length) this.afterCR = true;
        else if (text[i] === "\n") i += 1;
      }
    }
    return out;
  }

  end(): (RawRow | RowProblem)[] {
    if (this.state === "quoted") {
      const message = `第 ${this.rowNumber} 行有未闭合的双引号，从该行起的内容无法读取`;
      return [{ kind: "problem", scope: "row", rowNumber: this.rowNumber, code: "unclosed_quote", message }];
    }
    if (this.state === "start" && this.record.length === 0) return [];
    this.endField();
    return [this.endRecord()];
  }

  private append(text: string) {
    if (this.tooLongColumn !== null) return;
    if (this.field.length + text.length > MAX_CELL_CHARS) this.tooLongColumn = this.record.length;
    else this.field += text;
  }

  private endField() {
    this.record.push(this.field);
    this.field = "";
    this.state = "start";
  }

  private endRecord(): RawRow | RowProblem {
    const rowNumber = this.rowNumber++;
    const values = this.record;
    const tooLong = this.tooLongColumn;
    this.record = [];
    this.tooLongColumn = null;
    if (tooLong === null) return { kind: "raw", rowNumber, values };
    const message = `第 ${rowNumber} 行 ${columnLetter(tooLong)} 列内容超过 ${MAX_CELL_CHARS} 个字符`;
    return { kind: "problem", scope: "row", rowNumber, code: "cell_too_long", message };
  }
}

// ---------------------------------------------------------------------------------------------
// XLSX: exceljs's streaming reader, first visible worksheet, cell values as displayed text.

interface SheetModel {
  name: string;
  state?: string;
}

async function* xlsxRawRows(filePath: string, onBytes: (n: number) => void): AsyncGenerator<RawRow> {
  const file = createReadStream(filePath);
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
  file.on("error", (error) => counter.destroy(error));
  file.pipe(counter);
  // Styles are needed to tell dates from numbers; hyperlinks are ignored so linked cells read as their text.
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(counter, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    worksheets: "emit",
    entries: "ignore",
  });
  const sheets = workbook[Symbol.asyncIterator]();
  let found = false;
  let finished = false;
  let current: ExcelJS.stream.xlsx.WorksheetReader | null = null;
  try {
    // Rows are read inside this loop, which must run to its end: exceljs deletes a sheet's temp
    // file (it spools sheets stored before the shared strings, as Excel stores them) only when
    // iteration moves past that sheet.
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) {
      const sheet = next.value;
      if (found || !isFirstSheet(workbook, sheet)) {
        closeSpooledSheet(sheet);
        continue;
      }
      found = true;
      current = sheet;
      for await (const row of sheet) yield rawRowOf(row);
    }
    finished = true;
  } catch (error) {
    if (error instanceof TableFileError) throw error;
    throw new TableFileError("corrupt_xlsx", "XLSX 文件已损坏或格式不受支持，请用 Excel 打开后重新保存再上传", String(error));
  } finally {
    if (!finished) await releaseSpooledSheets(sheets, current);
    file.destroy();
    counter.destroy();
  }
  if (!found) throw new TableFileError("not_spreadsheet", "文件不是有效的 XLSX 表格（找不到工作表）");
}

/** A sheet exceljs spooled to a temp file reads from an fs stream; close it when it is skipped. */
function closeSpooledSheet(sheet: ExcelJS.stream.xlsx.WorksheetReader): boolean {
  const source = (sheet as unknown as { iterator?: unknown }).iterator;
  if (!(source instanceof ReadStream)) return false;
  source.destroy();
  return true;
}

/**
 * When reading stops early (row limit, caller stopped), walk the remaining sheets without parsing
 * them so exceljs deletes their temp files. If the current sheet was not spooled, the ZIP is still
 * being read: stop instead of inflating the rest of a possibly huge file.
 */
async function releaseSpooledSheets(
  sheets: AsyncGenerator<ExcelJS.stream.xlsx.WorksheetReader>,
  current: ExcelJS.stream.xlsx.WorksheetReader | null,
): Promise<void> {
  try {
    if (!current || !closeSpooledSheet(current)) {
      await sheets.return(undefined);
      return;
    }
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) closeSpooledSheet(next.value);
  } catch {
    // Best effort: tmp removes leftovers when the process exits.
  }
}

/** The first visible tab: ZIP order (sheet1.xml, …) is creation order, not tab order. */
function isFirstSheet(workbook: ExcelJS.stream.xlsx.WorkbookReader, sheet: ExcelJS.stream.xlsx.WorksheetReader): boolean {
  const sheets = (workbook as unknown as { model?: { sheets?: SheetModel[] } }).model?.sheets;
  if (!sheets?.length) return true;
  const first = sheets.find((s) => s.state !== "hidden" && s.state !== "veryHidden") ?? sheets[0];
  const name = (sheet as unknown as { name?: string }).name;
  // A sheet exceljs could not match to the workbook keeps a made-up name; take it rather than nothing.
  return name === first.name || !sheets.some((s) => s.name === name);
}

function rawRowOf(row: ExcelJS.Row): RawRow {
  const values: string[] = [];
  const formulas = new Set<number>();
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    if (isFormula(cell.value)) formulas.add(column - 1);
    values[column - 1] = cellText(cell.value, cell.numFmt);
  });
  return { kind: "raw", rowNumber: row.number, values: Array.from(values, (v) => v ?? ""), formulas };
}

function isFormula(value: unknown): boolean {
  // Shared-formula followers arrive as { formula: "" }, so test for the key, not its text.
  return typeof value === "object" && value !== null && ("formula" in value || "sharedFormula" in value);
}

/** What the user sees in the cell, as plain text. */
function cellText(value: unknown, numFmt: string | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return isDateFormat(numFmt) ? formatExcelDate(excelSerialToDate(value)) : formatNumber(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return formatExcelDate(value);
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (isFormula(v)) return cellText(v.result, numFmt);
    if (Array.isArray(v.richText)) return v.richText.map((run: { text?: unknown }) => (typeof run.text === "string" ? run.text : "")).join("");
    if ("error" in v) return String(v.error);
    if ("text" in v) return cellText(v.text, numFmt);
  }
  return "";
}

// Excel shows at most 15 significant digits; stored binary noise (0.30000000000000004) is not data.
const PLAIN_NUMBER = new Intl.NumberFormat("en-US", { useGrouping: false, maximumSignificantDigits: 15 });

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return "";
  const text = PLAIN_NUMBER.format(n);
  return text === "-0" ? "0" : text;
}

/** Same test exceljs uses for plain cells; needed for formula results, which it leaves as numbers. */
function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return /[ymdhsb]/i.test(numFmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

function excelSerialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

/** Excel dates carry no zone: exceljs puts the wall-clock time in the UTC fields. */
function formatExcelDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  const d = new Date(Math.round(date.getTime() / 1000) * 1000);
  const iso = d.toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  if (time === "00:00:00") return day;
  return day === "1899-12-30" ? time : `${day} ${time}`;
}
