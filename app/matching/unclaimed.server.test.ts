import { beforeAll, describe, expect, it, vi } from "vitest";

// Its own database: it writes match records.
vi.hoisted(() => {
  process.env.DATABASE_URL = `file:${process.env.QQ_TEST_DIR}/unclaimed.db`;
});

import { prisma } from "~/db.server";
import { actorFor } from "~/auth/actor.server";
import { companyWhere } from "~/auth/scope.server";
import { runMatch } from "./match-run.server";
import { parseUnclaimedQuery, unclaimedBenefits, unclaimedPage } from "./unclaimed.server";
import { migrateDatabase } from "../../scripts/db/migrate";
import { seedDemo } from "../../seed/demo";

beforeAll(async () => {
  await migrateDatabase(process.env.DATABASE_URL!);
  await seedDemo({ registrySize: 300 });
  await runMatch({ kind: "FULL", trigger: "测试" });
}, 180_000);

describe("unclaimed 免申即享 benefits for grid workers", () => {
  it("lists only companies in the worker's grids, with pending benefits, oldest first", async () => {
    const worker = await actorFor("wangge");
    const rows = await unclaimedBenefits(worker);
    expect(rows.length).toBeGreaterThan(0);
    const inScope = new Set((await prisma.company.findMany({ where: await companyWhere(worker), select: { id: true } })).map((c) => c.id));
    expect(rows.every((r) => inScope.has(r.id))).toBe(true);
    // Every such company, not only some: the in-scope companies with a pending qualified record.
    const pending = await prisma.matchRecord.findMany({ where: { status: "QUALIFIED", response: "PENDING" }, select: { companyId: true } });
    expect(rows.map((r) => r.id).sort()).toEqual([...new Set(pending.map((p) => p.companyId).filter((id) => inScope.has(id)))].sort());
    // The whole city for the admin.
    expect((await unclaimedBenefits(await actorFor("admin"))).map((r) => r.id).sort()).toEqual([...new Set(pending.map((p) => p.companyId))].sort());
    for (const r of rows) {
      expect(r.count).toBe(await prisma.matchRecord.count({ where: { companyId: r.id, status: "QUALIFIED", response: "PENDING" } }));
    }
    // A company that answered everything drops off the list.
    await prisma.matchRecord.updateMany({ where: { companyId: rows[0].id }, data: { response: "CONFIRMED" } });
    expect((await unclaimedBenefits(worker)).map((r) => r.id)).not.toContain(rows[0].id);
    expect(await unclaimedBenefits(await actorFor("qiye"))).toEqual([]);
  });

  it("pages through the list without overlap or gaps, and keeps the companies whose name contains the search", async () => {
    const admin = await actorFor("admin");
    const all = await unclaimedBenefits(admin);
    expect(all.length).toBeGreaterThan(40); // more than two pages of 20
    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(all.length / 20); page++) {
      const result = await unclaimedPage(admin, { page, pageSize: 20 });
      expect(result.total).toBe(all.length);
      expect(result.rows.length).toBe(Math.min(20, all.length - (page - 1) * 20));
      seen.push(...result.rows.map((r) => r.id));
    }
    expect(seen).toEqual(all.map((r) => r.id));
    expect(new Set(seen).size).toBe(all.length);
    // The total amount is the list's, not the page's.
    const first = await unclaimedPage(admin, { page: 1, pageSize: 20 });
    expect(first.amount).toBeCloseTo(all.reduce((sum, r) => sum + r.amount, 0), 2);
    // Past the end: the last page.
    const last = await unclaimedPage(admin, { page: 99_999, pageSize: 100 });
    expect(last.page).toBe(Math.ceil(all.length / 100));
    expect(last.rows.at(-1)?.id).toBe(all.at(-1)?.id);

    // A name search: exactly the listed companies whose name contains the word, still scoped.
    const word = all[0].name.slice(2, 4);
    const found = await unclaimedBenefits(admin, { q: word });
    expect(found.map((r) => r.id)).toEqual(all.filter((r) => r.name.includes(word)).map((r) => r.id));
    const worker = await actorFor("wangge");
    const inScope = new Set((await unclaimedBenefits(worker)).map((r) => r.id));
    expect((await unclaimedBenefits(worker, { q: word })).map((r) => r.id)).toEqual(found.filter((r) => inScope.has(r.id)).map((r) => r.id));
    expect(await unclaimedBenefits(admin, { q: "没有这样的企业名称" })).toEqual([]);
  });

  it("reads its search and paging from the URL, falling back to defaults on bad values", () => {
    expect(parseUnclaimedQuery(new URLSearchParams("q=%20云帆%20&page=3&pageSize=50"))).toEqual({ q: "云帆", page: 3, pageSize: 50 });
    expect(parseUnclaimedQuery(new URLSearchParams("page=-1&pageSize=7&q="))).toEqual({ q: undefined, page: 1, pageSize: 20 });
    expect(parseUnclaimedQuery(new URLSearchParams("page=abc"))).toEqual({ q: undefined, page: 1, pageSize: 20 });
  });
});
