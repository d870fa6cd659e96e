import { beforeAll, describe, expect, it, vi } from "vitest";

// Its own database: it writes match records.
vi.hoisted(() => {
  process.env.DATABASE_URL = `file:${process.env.QQ_TEST_DIR}/unclaimed.db`;
});

import { prisma } from "~/db.server";
import { actorFor } from "~/auth/actor.server";
import { companyWhere } from "~/auth/scope.server";
import { runMatch } from "./match-run.server";
import { unclaimedBenefits } from "./unclaimed.server";
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
});
