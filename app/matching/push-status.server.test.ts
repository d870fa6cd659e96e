import { beforeAll, describe, expect, it, vi } from "vitest";

// Its own database: it writes match outcomes.
vi.hoisted(() => {
  process.env.DATABASE_URL = `file:${process.env.QQ_TEST_DIR}/push-status.db`;
});

import { prisma } from "~/db.server";
import { actorFor } from "~/auth/actor.server";
import { runMatch, setDirectWrites } from "./match-run.server";
import { recountMatchStats } from "./match-stats.server";
import { respondToMatch } from "./my-policies.server";
import { POLICIES_PER_PAGE, pushStatus } from "./push-status.server";
import { migrateDatabase } from "../../scripts/db/migrate";
import { seedDemo } from "../../seed/demo";
import { outcomeRows } from "../../tests/support/outcomes";

beforeAll(async () => {
  await migrateDatabase(process.env.DATABASE_URL!);
  await seedDemo({ registrySize: 300 });
  await runMatch({ kind: "FULL", trigger: "测试" });
}, 180_000);

describe("匹配推送: counts by policy", () => {
  it("pages through every policy with outcomes, most qualified first, each with the stored outcomes' counts and its title", async () => {
    const officer = await actorFor("zhengce");
    const first = (await pushStatus(officer))!;
    const outcomes = await outcomeRows();
    const policyIds = [...new Set(outcomes.map((r) => r.policyId))];
    expect(first.policyTotal).toBe(policyIds.length);
    expect(policyIds.length).toBeGreaterThan(0);
    const rows = [];
    for (let page = 1; page <= Math.ceil(first.policyTotal / POLICIES_PER_PAGE); page++) rows.push(...(await pushStatus(officer, { page }))!.policies);
    expect(rows.map((r) => r.policyId).sort()).toEqual([...policyIds].sort());
    const qualified = rows.map((r) => r.qualified);
    expect(qualified).toEqual([...qualified].sort((a, b) => b - a));
    for (const r of rows) {
      expect(r.qualified).toBe(outcomes.filter((o) => o.policyId === r.policyId && o.status === "QUALIFIED").length);
      expect(r.pending).toBe(outcomes.filter((o) => o.policyId === r.policyId && o.status === "QUALIFIED" && o.response === "PENDING").length);
      const version = await prisma.policyVersion.findFirst({ where: { policyId: r.policyId, status: "PUBLISHED" }, select: { title: true } });
      expect(r.title).toBe(version?.title);
    }
    // Past the end: the last page; a company user gets nothing.
    expect((await pushStatus(officer, { page: 9_999 }))!.policyPage).toBe(Math.ceil(first.policyTotal / POLICIES_PER_PAGE));
    expect(await pushStatus(await actorFor("qiye"))).toBeNull();
  });

  it("keeps its counts, and 待领取's by company, equal to the outcomes through runs, re-matches (both write paths), answers and a recount", async () => {
    const groupBy = <T>(rows: T[], key: (r: T) => string) => {
      const groups = new Map<string, T[]>();
      for (const r of rows) (groups.get(key(r)) ?? groups.set(key(r), []).get(key(r))!).push(r);
      return [...groups];
    };
    const grouped = async () =>
      groupBy(await outcomeRows(), (r) => `${r.clauseId} ${r.status} ${r.response ?? ""}`)
        .map(([key, rows]) => `${key} ${rows.length} ${rows.reduce((sum, r) => sum + (r.amount ?? 0), 0).toFixed(2)}`).sort();
    const kept = async () =>
      (await prisma.matchStat.findMany({ where: { count: { not: 0 } } }))
        .map((r) => `${r.clauseId} ${r.status} ${r.response} ${r.count} ${r.amount.toFixed(2)}`).sort();
    expect(await kept()).toEqual(await grouped());
    // MatchPending: per company, its QUALIFIED outcomes still PENDING, their amount and the earliest.
    const pendingGrouped = async () =>
      groupBy((await outcomeRows()).filter((r) => r.status === "QUALIFIED" && r.response === "PENDING"), (r) => r.companyId)
        .map(([companyId, rows]) => `${companyId} ${rows.length} ${rows.reduce((sum, r) => sum + (r.amount ?? 0), 0).toFixed(2)} ${new Date(Math.min(...rows.map((r) => r.firstQualifiedAt))).toISOString()}`).sort();
    const pendingKept = async () =>
      (await prisma.matchPending.findMany()).map((r) => `${r.companyId} ${r.count} ${r.amount.toFixed(2)} ${r.since.toISOString()}`).sort();
    expect((await pendingGrouped()).length).toBeGreaterThan(50);
    expect(await pendingKept()).toEqual(await pendingGrouped());

    // The company answers: one outcome confirmed, one declined.
    const qiye = await actorFor("qiye");
    const pending = (await outcomeRows({ companyId: qiye.companyId! })).filter((r) => r.status === "QUALIFIED" && r.response === "PENDING").slice(0, 2);
    expect(pending.length).toBe(2);
    await respondToMatch({ actor: qiye, clauseId: pending[0].clauseId, decision: "confirm", account: { name: "郑州云帆智能科技有限公司", bank: "中国银行郑州高新支行", number: "6217000012345678" } });
    await respondToMatch({ actor: qiye, clauseId: pending[1].clauseId, decision: "decline" });
    expect(await kept()).toEqual(await grouped());
    expect(await pendingKept()).toEqual(await pendingGrouped());

    // Companies' data change (qualifications gone, revenue down): their re-match updates and lapses
    // outcomes, through the prepared statements and through Prisma's queries.
    // Until some outcome lapsed (the registry is random: a company's outcomes may not depend on
    // what changes), and at least two companies per write path.
    const companies = await prisma.company.findMany({ where: { qualifications: { some: {} } }, take: 40, select: { id: true } });
    const lapsed = async (ids: string[]) => (await outcomeRows()).filter((r) => ids.includes(r.companyId) && r.status === "LAPSED").length;
    for (const [i, c] of companies.entries()) {
      if (i >= 4 && (await lapsed(companies.slice(0, i).map((x) => x.id))) > 0) break;
      await prisma.companyQualification.deleteMany({ where: { companyId: c.id } });
      await prisma.companyIndicator.updateMany({ where: { companyId: c.id }, data: { revenue: { multiply: 0.05 } } });
      setDirectWrites(i % 2 === 0);
      try {
        await runMatch({ kind: "COMPANY", trigger: "测试", companyIds: [c.id] });
      } finally {
        setDirectWrites(true);
      }
    }
    expect(await lapsed(companies.map((c) => c.id))).toBeGreaterThan(0);
    expect(await kept()).toEqual(await grouped());
    expect(await pendingKept()).toEqual(await pendingGrouped());

    // A full run over what changed, then a rebuild from the stored outcomes: the same counts.
    await runMatch({ kind: "FULL", trigger: "测试" });
    expect(await kept()).toEqual(await grouped());
    expect(await pendingKept()).toEqual(await pendingGrouped());
    await prisma.matchStat.updateMany({ data: { count: 999 } });
    await recountMatchStats();
    expect(await kept()).toEqual(await grouped());
  });
});
