/**
 * CSV rows for readTable (read-table.server.ts): bytes → text, UTF-8 or GB18030 decided on the
 * first non-ASCII bytes → RFC 4180 records, read as Excel reads them.
 */
import { createReadStream } from "node:fs";
import iconv from "iconv-lite";
import { columnLetter, MAX_CELL_CHARS, TableFileError, type RawRow, type RowProblem } from "./read-table.server";
// ---------------------------------------------------------------------------------------------
// CSV: bytes → text (UTF-8 or GB18030, decided on the first non-ASCII bytes) → records.

export async function* csvRawRows(filePath: string, onBytes: (n: number) => void): AsyncGenerator<RawRow | RowProblem> {
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
