import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prisma, refreshPlannerStatistics } from "~/db.server";
import { importRulesDirectory } from "~/policies/policy-store.server";
import { hashPassword } from "~/auth/password.server";
import { ImportPipeline } from "~/companies/import/pipeline.server";
import type { ImportRow } from "~/companies/import/columns";
import type { GridLevel } from "~/grids/levels";
import { loadPlacementIndex } from "~/grids/placement.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";
import { demoCompanyRows } from "./demo-companies";
import { seedCalendar } from "~/cases/calendar.server";
import { seedDemoCases } from "./demo-cases";
import { DEMO_DEPARTMENTS, DEMO_ESTATES, DEMO_PARKS } from "./demo-grids";

interface Divisions {
  city: { code: string; name: string };
  districts: { code: string; name: string; streets: { code: string; name: string; communities: [string, string][] }[] }[];
}

interface GridRow {
  id: string;
  code: string;
  name: string;
  level: GridLevel;
  kind: string | null;
  parentId: string | null;
  path: string;
  depth: number;
  sortOrder: number;
}

/** The demo city's grid tree: the real Zhengzhou divisions plus demo estates and parks. */
export async function buildGridRows(): Promise<GridRow[]> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const divisions: Divisions = JSON.parse(await readFile(path.join(here, "divisions", "zhengzhou.json"), "utf8"));
  const rows: GridRow[] = [];
  const byCode = new Map<string, GridRow>();
  const add = (code: string, name: string, level: GridLevel, parent: GridRow | null, kind: string | null = null) => {
    const id = randomUUID();
    const row: GridRow = {
      id, code, name, level, kind,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? "/"}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      sortOrder: rows.length,
    };
    rows.push(row);
    byCode.set(code, row);
    return row;
  };
  const city = add(divisions.city.code, divisions.city.name, "CITY", null);
  for (const d of divisions.districts) {
    const district = add(d.code, d.name, "DISTRICT", city);
    for (const s of d.streets) {
      const street = add(s.code, s.name, "STREET", district);
      for (const [code, name] of s.communities) add(code, name, "COMMUNITY", street);
    }
  }
  for (const e of DEMO_ESTATES) add(e.code, e.name, "ESTATE", byCode.get(e.parentCode)!);
  for (const p of DEMO_PARKS) add(p.code, p.name, "DEDICATED", byCode.get(p.parentCode)!, p.kind);
  return rows;
}

/**
 * Seeds the demo city once: grids, departments and accounts in one transaction (a crash leaves
 * an empty database and the next start seeds again), then the companies through the import
 * pipeline, whose batches are idempotent. Returns false when data already exists.
 */
export async function seedDemo(options: { registrySize?: number; cases?: number } = {}): Promise<boolean> {
  if ((await prisma.gridNode.count()) > 0) return false;
  const grids = await buildGridRows();
  const gridId = new Map(grids.map((g) => [g.code, g.id]));
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await prisma.$transaction(
    async (tx) => {
      for (let i = 0; i < grids.length; i += 500) await tx.gridNode.createMany({ data: grids.slice(i, i + 500) });
      await tx.department.createMany({ data: DEMO_DEPARTMENTS });
      const departments = new Map((await tx.department.findMany()).map((d) => [d.code, d.id]));
      for (const a of DEMO_ACCOUNTS) {
        await tx.user.create({
          data: {
            username: a.username, phone: a.phone, displayName: a.displayName, role: a.role, passwordHash,
            departmentId: a.departmentCode ? departments.get(a.departmentCode)! : null,
            grids: a.gridCodes ? { create: a.gridCodes.map((code) => ({ gridId: gridId.get(code)! })) } : undefined,
          },
        });
      }
    },
    { timeout: 120_000 },
  );
  await seedCompanies(options.registrySize ?? 0);
  await seedPolicies();
  await seedCalendar();
  // Enough for every queue and for the category classifier to learn from (about 30 per category).
  await seedDemoCases({ count: options.cases ?? 1200 });
  return true;
}

/** Imports the policies of rules/ that the database lacks, as published by the system. */
export async function seedPolicies(): Promise<string[]> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const { imported } = await importRulesDirectory(path.join(here, "..", "rules"));
  return imported;
}

/** The named demo companies (two years of figures) plus `registrySize` generated ones. */
export async function seedCompanies(registrySize: number): Promise<void> {
  const admin = await prisma.user.findUniqueOrThrow({ where: { username: "admin" } });
  const year = new Date().getFullYear() - 1;
  const placement = await loadPlacementIndex();
  const run = async (rows: Iterable<ImportRow>, source: string) => {
    const problems: string[] = [];
    const pipeline = new ImportPipeline({ actorId: admin.id, placement, source }, (errors) => {
      problems.push(...errors.map((e) => `第 ${e.row} 行 ${e.column}：${e.message}`));
    });
    let n = 1;
    for (const row of rows) await pipeline.accept(++n, row);
    await pipeline.flush();
    if (problems.length) throw new Error(`演示数据有误：\n${problems.slice(0, 10).join("\n")}`);
  };
  await run(demoCompanyRows(year), "演示数据");
  await run(demoCompanyRows(year - 1, true), "演示数据");
  if (registrySize > 0) {
    const { generateRegistryRows } = await import("./registry-generator");
    await run(generateRegistryRows({ count: registrySize, seed: 2026, year }), "演示数据（生成）");
  }
  const usccOf = new Map(demoCompanyRows(year).map((r) => [r.企业名称, r.统一社会信用代码!]));
  await refreshPlannerStatistics();
  for (const a of DEMO_ACCOUNTS.filter((x) => x.companyName)) {
    const company = await prisma.company.findUniqueOrThrow({ where: { uscc: usccOf.get(a.companyName!)! } });
    await prisma.user.update({ where: { username: a.username }, data: { companyId: company.id } });
  }
}
