import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvStream, neutraliseFormula, toCsv, toXlsx, type ExportColumn, type ExportRow } from "./export.server";
import { readTable, type TableItem } from "./read-table.server";

const COMPANY = "郑州云帆智能科技有限公司";
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "export-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const COLUMNS: ExportColumn[] = [
  { key: "name", header: "企业名称" },
  { key: "address", header: "注册地址" },
  { key: "capital", header: "注册资本（万元）" },
  { key: "registeredAt", header: "成立日期" },
  { key: "visitedAt", header: "最近走访" },
  { key: "phone", header: "联系电话" },
  { key: "note", header: "备注" },
  { key: "tags", header: "标签" },
  { key: "active", header: "在营" },
];

const ROWS: ExportRow[] = [
  {
    name: COMPANY,
    address: '郑州市金水区花园路 1 号, "云帆大厦"\n5 楼',
    capital: 1234.5,
    registeredAt: new Date(Date.UTC(2019, 5, 15)),
    visitedAt: new Date("2024-03-01T08:30:00Z"),
    phone: "+86 371 6666 8888",
    note: '=HYPERLINK("http://evil.example","点我")',
    tags: ["专精特新", "高新技术企业"],
    active: true,
  },
  { name: "@SUM(A1:A9)", address: "\t=1+1", capital: -12, registeredAt: null, phone: "-5", note: "\r=cmd|' /C calc'!A0", tags: [], active: false },
  { name: "  前后空格  ", capital: 1e21, note: { formula: "1+1" } },
];

/** What every export must read back as, whatever the format. */
const EXPECTED_CELLS = [
  {
    企业名称: COMPANY,
    注册地址: '郑州市金水区花园路 1 号, "云帆大厦"\n5 楼',
    "注册资本（万元）": "1234.5",
    成立日期: "2019-06-15",
    最近走访: "2024-03-01 16:30:00", // Beijing time
    联系电话: "'+86 371 6666 8888",
    备注: `'=HYPERLINK("http://evil.example","点我")`,
    标签: "专精特新、高新技术企业",
    在营: "是",
  },
  {
    企业名称: "'@SUM(A1:A9)",
    注册地址: "'\t=1+1",
    "注册资本（万元）": "-12", // a negative number is a number, not a formula
    成立日期: "",
    最近走访: "",
    联系电话: "'-5",
    备注: "'\r=cmd|' /C calc'!A0",
    标签: "",
    在营: "否",
  },
  {
    企业名称: "  前后空格  ",
    注册地址: "",
    "注册资本（万元）": "1000000000000000000000",
    成立日期: "",
    最近走访: "",
    联系电话: "",
    备注: '{"formula":"1+1"}',
    标签: "",
    在营: "",
  },
];

async function readBack(name: string, content: string | Buffer) {
  const filePath = path.join(dir, name);
  await writeFile(filePath, content);
  const items: TableItem[] = [];
  for await (const item of readTable(filePath)) items.push(item);
  return items;
}

describe("neutraliseFormula", () => {
  it("prefixes ' to text a spreadsheet would run", () => {
    for (const s of ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"]) expect(neutraliseFormula(s)).toBe(`'${s}`);
    for (const s of ["企业", "1+1", "a=b", "", " =1"]) expect(neutraliseFormula(s)).toBe(s);
  });
});

describe("toCsv", () => {
  it("writes UTF-8 with BOM, CRLF, quoting only where needed", () => {
    const csv = toCsv(COLUMNS.slice(0, 3), [ROWS[0], ROWS[1]]);
    expect(csv).toBe(
      "\uFEFF企业名称,注册地址,注册资本（万元）\r\n" +
        `${COMPANY},"郑州市金水区花园路 1 号, ""云帆大厦""\n5 楼",1234.5\r\n` +
        "'@SUM(A1:A9),'\t=1+1,-12\r\n",
    );
  });

  it("reads back the same cells, dangerous ones neutralised", async () => {
    const items = await readBack("round-trip.csv", toCsv(COLUMNS, ROWS));
    expect(items[0]).toEqual({ kind: "header", format: "csv", headers: COLUMNS.map((c) => c.header) });
    expect(items.slice(1)).toEqual(EXPECTED_CELLS.map((cells, i) => ({ kind: "row", rowNumber: i + 2, cells, formulaCells: [] })));
  });

  it("streams the same text for large exports", async () => {
    async function* rows() {
      yield* ROWS;
    }
    let streamed = "";
    for await (const chunk of csvStream(COLUMNS, rows())) streamed += chunk;
    expect(streamed).toBe(toCsv(COLUMNS, ROWS));
  });

  it("formats dates as asked", () => {
    const at = new Date("2024-03-01T20:00:00Z"); // 2024-03-02 04:00 in Beijing
    const csv = toCsv(
      [
        { key: "at", header: "日期", format: "date" },
        { key: "at", header: "时间", format: "datetime" },
      ],
      [{ at }],
    );
    expect(csv.split("\r\n")[1]).toBe("2024-03-02,2024-03-02 04:00:00");
  });
});

describe("toXlsx", () => {
  it("reads back what the CSV reads back (line breaks as LF)", async () => {
    const items = await readBack("round-trip.xlsx", await toXlsx(COLUMNS, ROWS));
    expect(items[0]).toEqual({ kind: "header", format: "xlsx", headers: COLUMNS.map((c) => c.header) });
    const expected = EXPECTED_CELLS.map((cells) => Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, v.replace(/\r\n?/g, "\n")])));
    expect(expected[1].备注).toBe("'\n=cmd|' /C calc'!A0");
    expect(items.slice(1)).toEqual(expected.map((cells, i) => ({ kind: "row", rowNumber: i + 2, cells, formulaCells: [] })));
  });

  it("stores formula-like text as text, numbers as numbers and dates as dates", async () => {
    const bytes = await toXlsx(COLUMNS, ROWS);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const sheet = workbook.worksheets[0];

    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell.formula).toBeUndefined();
      }),
    );
    const note = sheet.getCell("G2");
    expect(note.type).toBe(ExcelJS.ValueType.String);
    expect(note.value).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(sheet.getCell("G4").value).toBe('{"formula":"1+1"}');

    expect(sheet.getCell("C3").value).toBe(-12);
    expect(sheet.getCell("C3").type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell("D2").value).toEqual(new Date(Date.UTC(2019, 5, 15)));
    expect(sheet.getCell("D2").numFmt).toBe("yyyy-mm-dd");
    expect(sheet.getCell("E2").numFmt).toBe("yyyy-mm-dd hh:mm:ss");

    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getCell("A1").font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const nameWidth = sheet.getColumn(1).width ?? 0;
    expect(nameWidth).toBeGreaterThanOrEqual(24); // 12 Chinese characters
    expect(nameWidth).toBeLessThanOrEqual(60);
  });
});
