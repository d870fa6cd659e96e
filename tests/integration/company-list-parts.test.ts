import { beforeAll, describe, expect, it, vi } from "vitest";

// Its own database: it adds companies that other tests' counts would see.
vi.hoisted(() => {
  process.env.DATABASE_URL = `file:${process.env.QQ_TEST_DIR}/company-list-parts.db`;
});

import { prisma } from "~/db.server";
import { actorFor } from "~/auth/actor.server";
import { companyWhere } from "~/auth/scope.server";
import { listCompanies } from "~/companies/company.server";
import { parseCompanyFilters, type CompanyFilters } from "~/companies/filters";
import { makeUscc } from "~/companies/uscc";
import { migrateDatabase } from "../../scripts/db/migrate";
import { seedDemo } from "../../seed/demo";

beforeAll(async () => {
  await migrateDatabase(process.env.DATABASE_URL!);
  await seedDemo();
  const code = (c: string) => prisma.gridNode.findUniqueOrThrow({ where: { code: c } }).then((g) => g.id);
  const [fengyang, wutong, park] = await Promise.all([code("410172560001"), code("410172561001"), code("P410172-01")]);
  const names = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
  let serial = 80_000_000;
  const company = (name: string, gridId: string | null, parkGridId: string | null, i: number) => ({
    uscc: makeUscc("410172", serial++), name, gridId, parkGridId, sizeClass: i % 3 ? "MICRO" : "SMALL",
    lastVisitAt: i % 4 ? new Date(Date.UTC(2026, i % 12, 1 + i)) : null,
  });
  // Interleaved names so pages must mix the two parts: in the street by grid, in the street's park
  // but placed in another street, and in the park without any grid.
  await prisma.company.createMany({
    data: [
      ...Array.from({ length: 25 }, (_, i) => company(`郑州${names[i % 10]}${i}号测试企业`, fengyang, null, i)),
      ...Array.from({ length: 15 }, (_, i) => company(`郑州${names[(i + 3) % 10]}${i}园区企业`, wutong, park, i)),
      ...Array.from({ length: 4 }, (_, i) => company(`郑州${names[(i + 5) % 10]}${i}待分配园区企业`, null, park, i)),
    ],
  });
});

/** The plain way: one query with the scope's OR, sorted by SQLite. */
async function expected(username: string, f: CompanyFilters) {
  const actor = await actorFor(username);
  const where = { AND: [await companyWhere(actor), f.size ? { sizeClass: { in: f.size } } : {}] };
  const field = f.sort;
  return (await prisma.company.findMany({ where, orderBy: [{ [field]: f.order }, { id: "asc" }], select: { id: true } })).map((c) => c.id);
}

async function allPages(username: string, f: CompanyFilters) {
  const actor = await actorFor(username);
  const ids: string[] = [];
  let total = 0;
  for (let page = 1; page <= 10; page++) {
    const result = await listCompanies({ actor, filters: { ...f, page } });
    total = result.total;
    ids.push(...result.rows.map((r) => r.id));
    if (result.rows.length < f.pageSize) break;
  }
  return { ids, total };
}

describe("grid-scoped lists built from parts", () => {
  it.each([
    ["name asc", "sort=name&order=asc"],
    ["name desc", "sort=name&order=desc"],
    ["last visit, nulls first", "sort=lastVisitAt&order=asc"],
    ["last visit desc, nulls last", "sort=lastVisitAt&order=desc"],
    ["filtered by size", "size=MICRO"],
  ])("page through exactly what one OR query returns (%s)", async (_, query) => {
    const f = parseCompanyFilters(new URLSearchParams(`${query}&pageSize=20`));
    const want = await expected("wangge", f);
    const got = await allPages("wangge", f);
    expect(want.length).toBeGreaterThan(20); // more than one page, both parts present
    expect(got.total).toBe(want.length);
    expect(got.ids).toEqual(want);
  });

  it("the park operator sees the park's companies wherever they are placed", async () => {
    const f = parseCompanyFilters(new URLSearchParams("pageSize=20"));
    const got = await allPages("yuanqu", f);
    expect(got.ids).toEqual(await expected("yuanqu", f));
    expect(got.total).toBe(2 + 15 + 4);
  });
});
