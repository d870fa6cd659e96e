// Must load before exceljs: it corrects how exceljs decodes streamed XML.
import "./exceljs-utf8.server";
import ExcelJS from "exceljs";

/**
 * List exports as CSV or XLSX. Every text cell is neutralised against formula injection (OWASP
 * "CSV injection"): text starting with = + - @ tab or CR gets a leading ', so a company name like
 * =HYPERLINK(...) is shown, never run, wherever the file is opened. Numbers stay numbers.
 *
 *   const columns = [{ key: "name", header: "企业名称" }, { key: "registeredAt", header: "成立日期", format: "date" }];
 *   return new Response(toCsv(columns, companies), { headers: { "Content-Type": "text/csv; charset=utf-8" } });
 */
export interface ExportColumn {
  key: string;
  header: string;
  /** How Date values show; by default a Date at exactly UTC midnight is a date, any other a date-time. */
  format?: "date" | "datetime";
  /** XLSX column width in characters; by default fitted to the content. */
  width?: number;
}

export type ExportRow = Record<string, unknown>;

const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes ' to text a spreadsheet would otherwise read as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** UTF-8 with BOM (so Excel detects the encoding of Chinese text) and CRLF line ends. */
export function toCsv(columns: ExportColumn[], rows: Iterable<ExportRow>): string {
  const lines = [csvLine(columns.map((c) => neutraliseFormula(c.header)))];
  for (const row of rows) lines.push(csvRow(columns, row));
  return "\uFEFF" + lines.join("");
}

/** The same CSV in pieces of about 64 KB, for large exports: `Readable.from(csvStream(columns, rows))`. */
export async function* csvStream(
  columns: ExportColumn[],
  rows: Iterable<ExportRow> | AsyncIterable<ExportRow>,
): AsyncGenerator<string, void, undefined> {
  let buffer = "\uFEFF" + csvLine(columns.map((c) => neutraliseFormula(c.header)));
  for await (const row of rows) {
    buffer += csvRow(columns, row);
    if (buffer.length >= 64 * 1024) {
      yield buffer;
      buffer = "";
    }
  }
  if (buffer) yield buffer;
}

function csvRow(columns: ExportColumn[], row: ExportRow): string {
  return csvLine(
    columns.map((column) => {
      const value = exportValue(row[column.key], column);
      if (value === null) return "";
      if (typeof value === "number") return plainNumber(value);
      if (value instanceof Date) return formatDate(value, dateOnly(value, column));
      return neutraliseFormula(value);
    }),
  );
}

function csvLine(texts: string[]): string {
  return texts.map(csvField).join(",") + "\r\n";
}

function csvField(text: string): string {
  // Quote edge whitespace too, so no reader is tempted to trim it.
  if (!/[",\r\n]|^\s|\s$/.test(text)) return text;
  return `"${text.replaceAll('"', '""')}"`;
}

/** One worksheet: bold, frozen header row; dates as real dates; text never stored as a formula. */
export async function toXlsx(
  columns: ExportColumn[],
  rows: Iterable<ExportRow>,
  options: { sheetName?: string } = {},
): Promise<Buffer<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(options.sheetName ?? "Sheet1", { views: [{ state: "frozen", ySplit: 1 }] });
  const widths = columns.map((c) => textWidth(c.header));
  const header = sheet.addRow(columns.map((c) => neutraliseFormula(c.header)));
  header.font = { bold: true };

  let rowIndex = 0;
  for (const row of rows) {
    const cells = columns.map((column) => xlsxCell(row[column.key], column));
    const added = sheet.addRow(cells.map((cell) => cell.value));
    cells.forEach((cell, i) => {
      if (cell.numFmt) added.getCell(i + 1).numFmt = cell.numFmt;
      // Without wrapping Excel shows a multi-line address on one line.
      if (typeof cell.value === "string" && cell.value.includes("\n")) added.getCell(i + 1).alignment = { wrapText: true, vertical: "top" };
      // Sizing on the first rows is enough for a readable sheet and keeps big exports cheap.
      if (rowIndex < 500) widths[i] = Math.max(widths[i], cell.width);
    });
    rowIndex += 1;
  }
  columns.forEach((column, i) => {
    sheet.getColumn(i + 1).width = column.width ?? Math.min(Math.max(widths[i] + 2, 8), 60);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface XlsxCell {
  value: string | number | Date | null;
  numFmt?: string;
  width: number;
}

function xlsxCell(raw: unknown, column: ExportColumn): XlsxCell {
  const value = exportValue(raw, column);
  if (value === null) return { value: null, width: 0 };
  if (typeof value === "number") return { value, width: plainNumber(value).length };
  if (value instanceof Date) {
    const only = dateOnly(value, column);
    // Excel dates have no zone: store the Beijing wall-clock time, as the CSV shows it.
    const wallClock = new Date(value.getTime() + BEIJING_OFFSET_MS);
    if (only) {
      const day = new Date(Date.UTC(wallClock.getUTCFullYear(), wallClock.getUTCMonth(), wallClock.getUTCDate()));
      return { value: day, numFmt: "yyyy-mm-dd", width: 10 };
    }
    return { value: new Date(Math.round(wallClock.getTime() / 1000) * 1000), numFmt: "yyyy-mm-dd hh:mm:ss", width: 19 };
  }
  // XML turns a raw CR into LF on reading anyway; Excel's in-cell line break is LF.
  const text = neutraliseFormula(value).replace(/\r\n?/g, "\n");
  return { value: text, width: textWidth(text) };
}

/** The value to write: text, a finite number, a valid Date, or nothing. */
function exportValue(value: unknown, column: ExportColumn): string | number | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === "boolean") return value ? "是" : "否";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    return value
      .map((item) => exportValue(item, column))
      .filter((item) => item !== null)
      .map((item) => (item instanceof Date ? formatDate(item, dateOnly(item, column)) : typeof item === "number" ? plainNumber(item) : item))
      .join("、");
  }
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** Decimal notation without exponent, so Excel and importers read the number back unchanged. */
function plainNumber(n: number): string {
  if (Object.is(n, -0)) return "0";
  const text = String(n);
  // Moving the point in the shortest round-trip form keeps the digits exact (no 1.2299999…).
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign, int, fraction = "", exponentText] = m;
  const exponent = Number(exponentText);
  const digits = int + fraction;
  // String() only uses exponents from 1e21 up and below 1e-6, so digits never pass the point.
  return exponent > 0 ? sign + digits.padEnd(exponent + 1, "0") : `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
}

// China has used UTC+8 all year since 1991; the portal's users all read Beijing time.
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** Date-only values are stored at UTC midnight across the app (see companies/import/validate.ts). */
function dateOnly(date: Date, column: ExportColumn): boolean {
  if (column.format) return column.format === "date";
  return date.getTime() % 86_400_000 === 0;
}

function formatDate(date: Date, only: boolean): string {
  const iso = new Date(Math.round((date.getTime() + BEIJING_OFFSET_MS) / 1000) * 1000).toISOString();
  return only ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Approximate display width: CJK and other wide characters take two columns. */
function textWidth(text: string): number {
  let width = 0;
  for (const line of text.split("\n")) {
    let lineWidth = 0;
    for (const char of line) lineWidth += char.codePointAt(0)! >= 0x2e80 ? 2 : 1;
    width = Math.max(width, lineWidth);
  }
  return width;
}

/**
 * A list export as a download: CSV or XLSX, named `<asciiName>-<date>` for old clients and
 * `<name>-<date>` (Chinese) for the rest, never cached, with the full count in X-Export-Total so
 * the user can tell when the file was cut at the limit.
 */
export async function exportResponse(input: {
  columns: ExportColumn[];
  rows: ExportRow[];
  format: "csv" | "xlsx";
  asciiName: string;
  name: string;
  total: number;
}): Promise<Response> {
  const stamp = new Date().toISOString().slice(0, 10);
  const file = (base: string) => `${base}-${stamp}.${input.format}`;
  const headers = new Headers({
    "Content-Disposition": `attachment; filename="${file(input.asciiName)}"; filename*=UTF-8''${encodeURIComponent(file(input.name))}`,
    "Cache-Control": "no-store",
    "X-Export-Total": String(input.total),
  });
  if (input.format === "xlsx") {
    headers.set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    return new Response(await toXlsx(input.columns, input.rows), { headers });
  }
  headers.set("Content-Type", "text/csv; charset=utf-8");
  return new Response(toCsv(input.columns, input.rows), { headers });
}
