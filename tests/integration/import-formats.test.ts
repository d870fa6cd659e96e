import fs from "node:fs/promises";
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.DATABASE_URL = `file:${process.env.QQ_TEST_DIR}/import-formats.db`;
  process.env.DATA_DIR = `${process.env.QQ_TEST_DIR}/import-formats-data`;
});

import { prisma } from "~/db.server";
import { actorFor } from "~/auth/actor.server";
import { IMPORT_COLUMNS } from "~/companies/import/columns";
import { registerImportFile, runImportJob } from "~/companies/import/import-job.server";
import { toXlsx } from "~/utils/spreadsheet/export.server";
import { migrateDatabase } from "../../scripts/db/migrate";
import { seedDemo } from "../../seed/demo";
import { writeRegistryCsv } from "../../seed/registry-csv";
import { generateRegistryRows } from "../../seed/registry-generator";

const dir = process.env.DATA_DIR!;

async function importFile(file: string, name: string) {
  const job = await registerImportFile({ actor: await actorFor("admin"), filePath: file, fileName: name, keepSource: true });
  await runImportJob(job.id);
  return prisma.importJob.findUniqueOrThrow({ where: { id: job.id } });
}

beforeAll(async () => {
  await migrateDatabase(process.env.DATABASE_URL!);
  await seedDemo();
  await fs.mkdir(dir, { recursive: true });
});

describe("import file formats", () => {
  it("reads a GBK CSV as Excel and WPS save it", async () => {
    const file = `${dir}/registry-gbk.csv`;
    await writeRegistryCsv({ out: file, count: 300, seed: 11, year: 2025, gbk: true });
    const job = await importFile(file, "企业名录（GBK）.csv");
    expect(job).toMatchObject({ status: "DONE", created: 300, failed: 0 });
    const first = [...generateRegistryRows({ count: 1, seed: 11, year: 2025 })][0];
    const stored = await prisma.company.findUniqueOrThrow({ where: { uscc: first[IMPORT_COLUMNS.uscc]! } });
    expect(stored.name).toBe(first[IMPORT_COLUMNS.name]); // Chinese survived the GBK round trip
  });

  it("reads the same companies from XLSX and finds nothing to change", async () => {
    const columns = Object.values(IMPORT_COLUMNS).map((h) => ({ key: h, header: h }));
    const file = `${dir}/registry.xlsx`;
    await fs.writeFile(file, await toXlsx(columns, [...generateRegistryRows({ count: 300, seed: 11, year: 2025 })]));
    const job = await importFile(file, "企业名录.xlsx");
    expect(job).toMatchObject({ status: "DONE", created: 0, updated: 0, failed: 0 });
    expect(job.message).toContain("无变化 300 家");
  });

  it("renames a company, and its cases carry the new name (the queue searches it)", async () => {
    const company = await prisma.company.findFirstOrThrow({ where: { cases: { some: {} } }, select: { id: true, uscc: true, name: true } });
    const file = `${dir}/rename.csv`;
    await fs.writeFile(file, `\ufeff统一社会信用代码,企业名称\r\n${company.uscc},${company.name}（更名）\r\n`);
    expect(await importFile(file, "更名.csv")).toMatchObject({ status: "DONE", updated: 1, failed: 0 });
    const names = await prisma.case.findMany({ where: { companyId: company.id }, select: { companyName: true } });
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names.map((c) => c.companyName))).toEqual(new Set([`${company.name}（更名）`]));
  });

  it("refuses a file that is not a spreadsheet, with a clear reason", async () => {
    const file = `${dir}/fake.xlsx`;
    await fs.writeFile(file, "MZ\x90\x00 this is an executable, renamed");
    const job = await importFile(file, "名录.xlsx");
    expect(job.status).toBe("FAILED");
    expect(job.message).toMatch(/不是|无法|xlsx|XLSX/);
  });

  it("refuses a file without the required columns", async () => {
    const file = `${dir}/wrong-columns.csv`;
    await fs.writeFile(file, "\ufeff名称,地址\r\n某公司,某地\r\n");
    const job = await importFile(file, "wrong.csv");
    expect(job.status).toBe("FAILED");
    expect(job.message).toBe("表头缺少必填列：统一社会信用代码、企业名称。请下载导入模板核对列名。");
  });
});
