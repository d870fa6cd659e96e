/**
 * XLSX rows for readTable (read-table.server.ts): exceljs's streaming reader, first visible
 * worksheet, cell values as the user sees them; formulas flagged, never evaluated.
 */
import { createReadStream, ReadStream } from "node:fs";
import { Transform } from "node:stream";
// Must load before exceljs: it corrects how exceljs decodes streamed XML.
import "./exceljs-utf8.server";
import ExcelJS from "exceljs";
import { TableFileError, type RawRow } from "./read-table.server";
// ---------------------------------------------------------------------------------------------
// XLSX: exceljs's streaming reader, first visible worksheet, cell values as displayed text.

interface SheetModel {
  name: string;
  state?: string;
}

export async function* xlsxRawRows(filePath: string, onBytes: (n: number) => void): AsyncGenerator<RawRow> {
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
