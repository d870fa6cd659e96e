import { beforeAll, describe, expect, it, vi } from "vitest";

// Its own database: it writes match records.
vi.hoisted(() => {
  process.env.DATABASE_URL = `file:${process.env.QQ_TEST_DIR}/push-status.db`;
});

import { prisma } from "~/db.server";
import { actorFor } from "~/auth/actor.server";
import { runMatch } from "./match-run.server";
import { POLICIES_PER_PAGE, pushStatus } from "./push-status.server";
import { migrateDatabase } from "../../scripts/db/migrate";
import { seedDemo } from "../../seed/demo";

beforeAll(async () => {
  await migrateDatabase(process.env.DATABASE_URL!);
  await seedDemo({ registrySize: 300 });
  await runMatch({ kind: "FULL", trigger: "测试" });
}, 180_000);

describe("匹配推送: counts by policy", () => {
  it("pages through every policy with records, most qualified first, each with the database's counts and its title", async () => {
    const officer = await actorFor("zhengce");
    const first = (await pushStatus(officer))!;
    const policyIds = (await prisma.matchRecord.findMany({ distinct: ["policyId"], select: { policyId: true } })).map((r) => r.policyId);
    expect(first.policyTotal).toBe(policyIds.length);
    expect(policyIds.length).toBeGreaterThan(0);
    const rows = [];
    for (let page = 1; page <= Math.ceil(first.policyTotal / POLICIES_PER_PAGE); page++) rows.push(...(await pushStatus(officer, { page }))!.policies);
    expect(rows.map((r) => r.policyId).sort()).toEqual([...policyIds].sort());
    const qualified = rows.map((r) => r.qualified);
    expect(qualified).toEqual([...qualified].sort((a, b) => b - a));
    for (const r of rows) {
      expect(r.qualified).toBe(await prisma.matchRecord.count({ where: { policyId: r.policyId, status: "QUALIFIED" } }));
      expect(r.pending).toBe(await prisma.matchRecord.count({ where: { policyId: r.policyId, status: "QUALIFIED", response: "PENDING" } }));
      const version = await prisma.policyVersion.findFirst({ where: { policyId: r.policyId, status: "PUBLISHED" }, select: { title: true } });
      expect(r.title).toBe(version?.title);
    }
    // Past the end: the last page; a company user gets nothing.
    expect((await pushStatus(officer, { page: 9_999 }))!.policyPage).toBe(Math.ceil(first.policyTotal / POLICIES_PER_PAGE));
    expect(await pushStatus(await actorFor("qiye"))).toBeNull();
  });
});
