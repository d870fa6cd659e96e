import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prisma } from "~/db.server";
import { hashPassword } from "~/auth/password.server";
import { makeUscc } from "~/companies/uscc";
import type { GridLevel } from "~/grids/levels";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";
import { DEMO_COMPANIES, DEMO_DEPARTMENTS, DEMO_ESTATES, DEMO_PARKS } from "./demo-grids";

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
 * Seeds the demo city once, in one transaction: a crash half-way leaves an empty database and
 * the next start simply seeds again. Returns false when data already exists.
 */
export async function seedDemo(): Promise<boolean> {
  if ((await prisma.gridNode.count()) > 0) return false;
  const grids = await buildGridRows();
  const gridId = new Map(grids.map((g) => [g.code, g.id]));
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await prisma.$transaction(
    async (tx) => {
      for (let i = 0; i < grids.length; i += 500) await tx.gridNode.createMany({ data: grids.slice(i, i + 500) });
      await tx.department.createMany({ data: DEMO_DEPARTMENTS });
      const departments = new Map((await tx.department.findMany()).map((d) => [d.code, d.id]));
      const companyIds: string[] = [];
      for (const c of DEMO_COMPANIES) {
        const company = await tx.company.create({
          data: {
            uscc: makeUscc(c.gridCode.replace(/^E/, "").slice(0, 6), c.serial),
            name: c.name,
            gridId: gridId.get(c.gridCode)!,
            parkGridId: c.parkCode ? gridId.get(c.parkCode)! : null,
          },
        });
        companyIds.push(company.id);
      }
      for (const a of DEMO_ACCOUNTS) {
        await tx.user.create({
          data: {
            username: a.username,
            phone: a.phone,
            displayName: a.displayName,
            role: a.role,
            passwordHash,
            companyId: a.companyIndex === undefined ? null : companyIds[a.companyIndex],
            departmentId: a.departmentCode ? departments.get(a.departmentCode)! : null,
            grids: a.gridCodes ? { create: a.gridCodes.map((code) => ({ gridId: gridId.get(code)! })) } : undefined,
          },
        });
      }
    },
    { timeout: 120_000 },
  );
  return true;
}
