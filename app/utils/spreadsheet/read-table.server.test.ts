import { createWriteStream } from "node:fs";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import v8 from "node:v8";
import vm from "node:vm";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readTable, type ReadTableOptions, type TableItem, type TableRow } from "./read-table.server";

const COMPANY = "郑州云帆智能科技有限公司";
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "read-table-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const filePath = path.join(dir, name);
  await writeFile(filePath, content);
  return filePath;
}

async function readAll(filePath: string, options?: ReadTableOptions): Promise<TableItem[]> {
  const items: TableItem[] = [];
  for await (const item of readTable(filePath, options)) items.push(item);
  return items;
}

const rowsOf = (items: TableItem[]) => items.filter((i): i is TableRow => i.kind === "row");
const problemsOf = (items: TableItem[]) => items.filter((i) => i.kind === "problem");

const SAMPLE_CSV =
  "企业名称,注册地址,主营业务\r\n" +
  `${COMPANY},"郑州市金水区花园路 1 号, 5 楼","软件开发\r\n系统集成"\r\n` +
  "\r\n" +
  '河南"老字号"食品有限公司,"他说""好""",食品\r\n';

function expectSampleRows(items: TableItem[]) {
  expect(items[0]).toEqual({ kind: "header", format: "csv", headers: ["企业名称", "注册地址", "主营业务"] });
  expect(problemsOf(items)).toEqual([]);
  expect(rowsOf(items)).toEqual([
    {
      kind: "row",
      rowNumber: 2,
      cells: { 企业名称: COMPANY, 注册地址: "郑州市金水区花园路 1 号, 5 楼", 主营业务: "软件开发\r\n系统集成" },
      formulaCells: [],
    },
    // Row 3 is blank: skipped, but still counted as Excel would show it.
    { kind: "row", rowNumber: 4, cells: { 企业名称: '河南"老字号"食品有限公司', 注册地址: '他说"好"', 主营业务: "食品" }, formulaCells: [] },
  ]);
}

describe("readTable: CSV encodings", () => {
  it("reads UTF-8 without BOM", async () => {
    expectSampleRows(await readAll(await file("utf8.csv", SAMPLE_CSV)));
  });

  it("reads UTF-8 with BOM (BOM not part of the first header)", async () => {
    expectSampleRows(await readAll(await file("bom.csv", "\uFEFF" + SAMPLE_CSV)));
  });

  it("reads GBK as Excel and WPS save it", async () => {
    expectSampleRows(await readAll(await file("gbk.csv", iconv.encode(SAMPLE_CSV, "gbk"))));
  });

  it("decides GBK even when the first 100 KB are ASCII", async () => {
    const ascii = "code,name\n" + Array.from({ length: 5000 }, (_, i) => `${i},company-${i}\n`).join("");
    const items = await readAll(await file("late-gbk.csv", Buffer.concat([Buffer.from(ascii), iconv.encode(`5000,${COMPANY}\n`, "gbk")])));
    const rows = rowsOf(items);
    expect(rows).toHaveLength(5001);
    expect(rows.at(-1)).toMatchObject({ rowNumber: 5002, cells: { code: "5000", name: COMPANY } });
  });

  it("reads GB18030 four-byte characters", async () => {
    const text = "名称\n𠀀字号\n"; // U+20000 is four bytes in GB18030
    expect(rowsOf(await readAll(await file("gb18030.csv", iconv.encode(text, "gb18030"))))[0].cells).toEqual({ 名称: "𠀀字号" });
  });

  it("rejects UTF-16 with a Chinese message", async () => {
    const items = await readAll(await file("utf16.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("名称\r\n甲\r\n", "utf16le")])));
    expect(items).toEqual([expect.objectContaining({ kind: "problem", scope: "file", code: "unsupported_encoding" })]);
    expect((items[0] as { message: string }).message).toMatch(/编码/);
  });
});

describe("readTable: CSV shape", () => {
  it("accepts LF and lone CR line ends and a missing final newline", async () => {
    for (const newline of ["\n", "\r"]) {
      const rows = rowsOf(await readAll(await file("nl.csv", ["名称,城市", "甲,郑州", "乙,洛阳"].join(newline))));
      expect(rows.map((r) => [r.rowNumber, r.cells])).toEqual([
        [2, { 名称: "甲", 城市: "郑州" }],
        [3, { 名称: "乙", 城市: "洛阳" }],
      ]);
    }
  });

  it("fills short rows with empty cells and ignores empty extra cells", async () => {
    const rows = rowsOf(await readAll(await file("short.csv", "名称,城市,区县\n甲\n乙,郑州,金水区,,\n")));
    expect(rows.map((r) => r.cells)).toEqual([
      { 名称: "甲", 城市: "", 区县: "" },
      { 名称: "乙", 城市: "郑州", 区县: "金水区" },
    ]);
  });

  it("reports a row with more cells than headers and goes on", async () => {
    const items = await readAll(await file("extra.csv", "名称,城市\n甲,郑州,金水区\n乙,洛阳\n"));
    expect(problemsOf(items)).toEqual([
      { kind: "problem", scope: "row", rowNumber: 2, code: "cell_without_header", message: "第 2 行 C 列有内容，但第 1 行该列没有表头" },
    ]);
    expect(rowsOf(items).map((r) => r.rowNumber)).toEqual([3]);
  });

  it("rejects a duplicate header", async () => {
    const items = await readAll(await file("dup.csv", "企业名称,城市, 企业名称 \n甲,郑州,乙\n"));
    expect(items).toEqual([
      { kind: "problem", scope: "file", code: "header_duplicate", message: "表头“企业名称”重复（A 列和 C 列）" },
    ]);
  });

  it("wants the header in row 1", async () => {
    const items = await readAll(await file("late-header.csv", "\n名称\n甲\n"));
    expect(items).toEqual([expect.objectContaining({ scope: "file", code: "header_missing" })]);
    expect((items[0] as { message: string }).message).toMatch(/^第 1 行应为表头/);
  });

  it("says a header-only file has no data", async () => {
    expect(await readAll(await file("header-only.csv", "名称,城市\r\n"))).toEqual([
      { kind: "header", format: "csv", headers: ["名称", "城市"] },
      { kind: "problem", scope: "file", code: "no_data", message: "文件只有表头，没有数据行" },
    ]);
  });

  it("reports an unclosed quote at the row where it opened", async () => {
    const items = await readAll(await file("unclosed.csv", '名称,地址\n甲,郑州\n乙,"洛阳\n丙,开封\n'));
    expect(rowsOf(items).map((r) => r.rowNumber)).toEqual([2]);
    expect(problemsOf(items)).toEqual([expect.objectContaining({ scope: "row", rowNumber: 3, code: "unclosed_quote" })]);
  });

  it("stops growing a field at Excel's cell limit (no quadratic work on a runaway quote)", async () => {
    const items = await readAll(await file("runaway.csv", '名称\n"' + "x".repeat(3_000_000)));
    expect(problemsOf(items)).toEqual([expect.objectContaining({ scope: "row", rowNumber: 2, code: "unclosed_quote" })]);
    const long = await readAll(await file("long.csv", "名称,备注\n甲," + "长".repeat(40_000) + "\n乙,短\n"));
    expect(problemsOf(long)).toEqual([expect.objectContaining({ rowNumber: 2, code: "cell_too_long", message: "第 2 行 B 列内容超过 32767 个字符" })]);
    expect(rowsOf(long).map((r) => r.cells)).toEqual([{ 名称: "乙", 备注: "短" }]);
  });

  it("enforces maxRows as a file problem", async () => {
    const items = await readAll(await file("many.csv", "名称\n甲\n乙\n丙\n"), { maxRows: 2 });
    expect(rowsOf(items)).toHaveLength(2);
    expect(items.at(-1)).toEqual({ kind: "problem", scope: "file", code: "too_many_rows", message: "数据超过 2 行的上限，请拆分为多个文件后分批导入" });
  });

  it("keeps a header named __proto__ as a plain cell", async () => {
    const rows = rowsOf(await readAll(await file("proto.csv", "__proto__,名称\nx,甲\n")));
    expect(Object.getPrototypeOf(rows[0].cells)).toBe(Object.prototype);
    expect(Object.keys(rows[0].cells)).toEqual(["__proto__", "名称"]);
  });
});

describe("readTable: not a table", () => {
  it("says an empty file is empty", async () => {
    expect(await readAll(await file("empty.csv", ""))).toEqual([{ kind: "problem", scope: "file", code: "empty_file", message: "文件为空" }]);
    expect(await readAll(await file("blank.csv", "\r\n\r\n  \r\n"))).toEqual([{ kind: "problem", scope: "file", code: "empty_file", message: "文件为空" }]);
  });

  it("rejects a text file named .xlsx by content", async () => {
    const items = await readAll(await file("fake.xlsx", "企业名称\n甲\n"));
    expect(items).toEqual([expect.objectContaining({ kind: "problem", scope: "file", code: "not_spreadsheet" })]);
    expect((items[0] as { message: string }).message).toMatch(/\.xlsx.*不是有效的 Excel 表格/);
  });

  it("uses the uploaded name for the extension check", async () => {
    const items = await readAll(await file("upload-1234", "企业名称\n甲\n"), { fileName: "企业名单.xlsx" });
    expect(items).toEqual([expect.objectContaining({ code: "not_spreadsheet" })]);
  });

  it("rejects binary content", async () => {
    const items = await readAll(await file("image.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])));
    expect(items).toEqual([{ kind: "problem", scope: "file", code: "not_spreadsheet", message: "文件不是有效的 CSV 或 XLSX 表格" }]);
  });

  it("names legacy .xls files", async () => {
    const items = await readAll(await file("old.xls", Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(504)])));
    expect(items).toEqual([expect.objectContaining({ code: "legacy_xls" })]);
  });

  it("reports a corrupt or truncated XLSX", async () => {
    const whole = await sampleWorkbookBuffer();
    const items = await readAll(await file("truncated.xlsx", whole.subarray(0, Math.floor(whole.length / 2))));
    expect(items).toEqual([expect.objectContaining({ kind: "problem", scope: "file" })]);
    expect(["corrupt_xlsx", "not_spreadsheet"]).toContain((items[0] as { code: string }).code);
  });
});

async function sampleWorkbookBuffer(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("企业");
  sheet.addRow(["企业名称", "注册资本（万元）", "成立日期", "链接", "简介", "官网", "从业人员（人）", "备注"]);
  sheet.addRow([
    COMPANY,
    1234.5,
    new Date(Date.UTC(2019, 5, 15)),
    { formula: 'HYPERLINK("http://evil.example","点我")', result: "点我" },
    { richText: [{ text: "专精", font: { bold: true } }, { text: "特新" }] },
    { text: "云帆官网", hyperlink: "http://yunfan.example" },
    0.1 + 0.2,
    -12,
  ]);
  sheet.getCell("C2").numFmt = "yyyy-mm-dd";
  sheet.addRow(["第二家", 1e21, null, { formula: "1+1" }, "", "", 2e-7, true]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("readTable: XLSX", () => {
  it("reads strings, numbers, dates, rich text and hyperlinks; flags formulas without evaluating them", async () => {
    const items = await readAll(await file("sample.xlsx", await sampleWorkbookBuffer()));
    expect(items[0]).toEqual({
      kind: "header",
      format: "xlsx",
      headers: ["企业名称", "注册资本（万元）", "成立日期", "链接", "简介", "官网", "从业人员（人）", "备注"],
    });
    expect(problemsOf(items)).toEqual([]);
    expect(rowsOf(items)).toEqual([
      {
        kind: "row",
        rowNumber: 2,
        cells: {
          企业名称: COMPANY,
          "注册资本（万元）": "1234.5",
          成立日期: "2019-06-15",
          链接: "点我", // the cached result, shown as plain text
          简介: "专精特新",
          官网: "云帆官网",
          "从业人员（人）": "0.3",
          备注: "-12",
        },
        formulaCells: ["链接"],
      },
      {
        kind: "row",
        rowNumber: 3,
        cells: {
          企业名称: "第二家",
          "注册资本（万元）": "1000000000000000000000",
          成立日期: "",
          链接: "", // no cached result: nothing is computed
          简介: "",
          官网: "",
          "从业人员（人）": "0.0000002",
          备注: "TRUE",
        },
        formulaCells: ["链接"],
      },
    ]);
  });

  it("is detected by content whatever the name", async () => {
    const items = await readAll(await file("renamed.csv", await sampleWorkbookBuffer()));
    expect(items[0]).toMatchObject({ kind: "header", format: "xlsx" });
  });

  it("reads the first visible tab, not the first sheet created", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("说明", { state: "hidden" }).addRow(["说明"]);
    workbook.addWorksheet("数据").addRows([["企业名称"], [COMPANY]]);
    const items = await readAll(await file("tabs.xlsx", Buffer.from(await workbook.xlsx.writeBuffer())));
    expect(rowsOf(items).map((r) => r.cells)).toEqual([{ 企业名称: COMPANY }]);
  });

  it("leaves no temp files behind, also when reading stops early", async () => {
    // Excel-ordered files (sheets before shared strings) make exceljs spool sheets to temp files.
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("企业").addRows([["企业名称"], ...Array.from({ length: 100 }, (_, i) => [`${COMPANY}${i}`])]);
    workbook.addWorksheet("说明").addRow(["填写说明"]);
    const filePath = await file("spooled.xlsx", Buffer.from(await workbook.xlsx.writeBuffer()));
    const spool = await mkdtemp(path.join(dir, "spool-"));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = spool; // os.tmpdir(), which exceljs's temp files go to, reads it on each call
    try {
      expect(rowsOf(await readAll(filePath))).toHaveLength(100);
      expect(await readAll(filePath, { maxRows: 10 })).toContainEqual(expect.objectContaining({ code: "too_many_rows" }));
      for await (const item of readTable(filePath)) if (item.kind === "row") break;
      // tmp unlinks asynchronously.
      await vi.waitFor(async () => expect(await readdir(spool)).toEqual([]), { timeout: 5000, interval: 50 });
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
  });

  it("wants the header in row 1 and counts rows as Excel numbers them", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("企业");
    sheet.getCell("A2").value = "企业名称";
    sheet.getCell("A3").value = COMPANY;
    const items = await readAll(await file("title-row.xlsx", Buffer.from(await workbook.xlsx.writeBuffer())));
    expect(items).toEqual([expect.objectContaining({ scope: "file", code: "header_missing" })]);

    const gaps = new ExcelJS.Workbook();
    const gapSheet = gaps.addWorksheet("企业");
    gapSheet.getCell("A1").value = "企业名称";
    gapSheet.getCell("A5").value = COMPANY;
    gapSheet.getCell("C5").value = "多余";
    gapSheet.getCell("A7").value = "乙";
    const gapItems = await readAll(await file("gaps.xlsx", Buffer.from(await gaps.xlsx.writeBuffer())));
    expect(problemsOf(gapItems)).toEqual([expect.objectContaining({ rowNumber: 5, code: "cell_without_header", message: "第 5 行 C 列有内容，但第 1 行该列没有表头" })]);
    expect(rowsOf(gapItems).map((r) => r.rowNumber)).toEqual([7]);
  });
});

/** A full GC before measuring, so garbage left by earlier tests does not count against the reader. */
function collectGarbage() {
  v8.setFlagsFromString("--expose-gc");
  (vm.runInNewContext("gc") as () => void)();
}

describe("readTable: a 50 MB CSV", () => {
  it("streams with bounded memory and reports byte progress", async () => {
    const filePath = path.join(dir, "big.csv");
    const out = createWriteStream(filePath);
    const rowsWanted = 400_000;
    out.write("\uFEFF统一社会信用代码,企业名称,注册地址,注册资本（万元）\r\n");
    for (let i = 0; i < rowsWanted; i++) {
      const line = `91410100MA${String(i).padStart(8, "0")},${COMPANY}第${i}分公司,"郑州市金水区花园路 ${i} 号, 东区 5 楼",${i % 1000}.5\r\n`;
      if (!out.write(line)) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
    const { size } = await stat(filePath);
    expect(size).toBeGreaterThan(45_000_000);

    // Collecting now and then measures what the reader keeps, not how lazily V8 frees garbage.
    collectGarbage();
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    let count = 0;
    let lastProgress = 0;
    let last: TableRow | undefined;
    for await (const item of readTable(filePath, { onProgress: (p) => (lastProgress = p.bytesRead / p.totalBytes) })) {
      if (item.kind === "problem") throw new Error(item.message);
      if (item.kind !== "row") continue;
      count += 1;
      last = item;
      if (count % 25_000 === 0) {
        collectGarbage();
        const memory = process.memoryUsage();
        peakRss = Math.max(peakRss, memory.rss);
        peakHeap = Math.max(peakHeap, memory.heapUsed);
      }
    }
    expect(count).toBe(rowsWanted);
    expect(last).toMatchObject({
      rowNumber: rowsWanted + 1,
      cells: { 企业名称: `${COMPANY}第${rowsWanted - 1}分公司`, 注册地址: `郑州市金水区花园路 ${rowsWanted - 1} 号, 东区 5 楼` },
    });
    expect(lastProgress).toBe(1);
    // Streaming keeps a few MB; the file as one string would alone be ~70 MB, all parsed rows far more.
    expect(peakHeap - baseline.heapUsed).toBeLessThan(32 * 1024 * 1024);
    expect(peakRss - baseline.rss).toBeLessThan(64 * 1024 * 1024);
  });
});
