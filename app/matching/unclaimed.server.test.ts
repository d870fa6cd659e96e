import { beforeAll, describe, expect, it, vi } from "vitest";

// Its own database: it writes match outcomes.
vi.hoisted(() => {
  process.env.DATABASE_URL = `file:${process.env.QQ_TEST_DIR}/unclaimed.db`;
});

import { prisma } from "~/db.server";
import { actorFor } from "~/auth/actor.server";
import { companyWhere } from "~/auth/scope.server";
import { runMatch } from "./match-run.server";
import { respondToMatch } from "./my-policies.server";
import { parseUnclaimedQuery, unclaimedBenefits, unclaimedPage } from "./unclaimed.server";
import { migrateDatabase } from "../../scripts/db/migrate";
import { seedDemo } from "../../seed/demo";
import { outcomeRows } from "../../tests/support/outcomes";

beforeAll(async () => {
  await migrateDatabase(process.env.DATABASE_URL!);
  await seedDemo({ registrySize: 300 });
  await runMatch({ kind: "FULL", trigger: "测试" });
}, 180_000);

describe("unclaimed 免申即享 benefits for grid workers", () => {
  it("lists only companies in the worker's grids, with pending benefits, oldest first, the largest amount first on the same day", async () => {
    const worker = await actorFor("wangge");
    const rows = await unclaimedBenefits(worker);
    expect(rows.length).toBeGreaterThan(0);
    const inScope = new Set((await prisma.company.findMany({ where: await companyWhere(worker), select: { id: true } })).map((c) => c.id));
    expect(rows.every((r) => inScope.has(r.id))).toBe(true);
    // Every such company, not only some: the in-scope companies with a pending qualified outcome.
    const pendingOf = async (companyId?: string) => (await outcomeRows({ companyId })).filter((r) => r.status === "QUALIFIED" && r.response === "PENDING");
    const pending = await pendingOf();
    expect(rows.map((r) => r.id).sort()).toEqual([...new Set(pending.map((p) => p.companyId).filter((id) => inScope.has(id)))].sort());
    // The whole city for the admin.
    expect((await unclaimedBenefits(await actorFor("admin"))).map((r) => r.id).sort()).toEqual([...new Set(pending.map((p) => p.companyId))].sort());
    const order = rows.map((r) => [r.since!.getTime(), -r.amount]);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    for (const r of rows) {
      expect(r.count).toBe(pending.filter((p) => p.companyId === r.id).length);
    }
    // A company that answers one benefit has one fewer; once it has answered all, it drops off the list.
    const qiye = await actorFor("qiye");
    const listed = () => unclaimedBenefits(worker).then((list) => list.find((r) => r.id === qiye.companyId));
    const before = (await listed())!;
    const own = (await pendingOf(qiye.companyId!)).sort((a, b) => (b.amount ?? 0) - (a.amount ?? 0));
    expect(before.count).toBe(own.length);
    expect(own.length).toBeGreaterThan(1);
    await respondToMatch({ actor: qiye, clauseId: own[0].clauseId, decision: "decline" });
    expect((await listed())!.count).toBe(own.length - 1);
    expect((await listed())!.amount).toBeCloseTo(before.amount - (own[0].amount ?? 0), 2);
    for (const r of own.slice(1)) await respondToMatch({ actor: qiye, clauseId: r.clauseId, decision: "decline" });
    expect(await listed()).toBeUndefined();
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
    // The total amount is the list's, not the page's (the exact sum, rounded once: rows are
    // rounded to the 百元 each, so their sum may differ by a few of them).
    const first = await unclaimedPage(admin, { page: 1, pageSize: 20 });
    expect(Math.abs(first.amount - all.reduce((sum, r) => sum + r.amount, 0))).toBeLessThan(0.005 * all.length);
    const exact = (await outcomeRows()).filter((r) => r.status === "QUALIFIED" && r.response === "PENDING").reduce((sum, r) => sum + (r.amount ?? 0), 0);
    expect(first.amount).toBe(Math.round(exact * 100) / 100);
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
