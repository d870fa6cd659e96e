import { beforeAll, describe, expect, it, vi } from "vitest";

// Its own database: it files and refuses cases.
vi.hoisted(() => {
  process.env.DATABASE_URL = `file:${process.env.QQ_TEST_DIR}/placement.db`;
});

import type { Prisma } from "~/generated/prisma/client";
import { prisma, sqliteConnection } from "~/db.server";
import { compileWhere } from "~/utils/count-sql";
import { actorFor } from "~/auth/actor.server";
import { subtreeGridIds } from "~/auth/scope.server";
import { act, fileCase } from "./case-store.server";
import { syncCaseWords, wordCandidates } from "./case-words.server";
import { FINAL_STATUSES, type CaseStatus } from "./flow";
import { scopeColumns } from "./placement";
import { countCases, listQueue, queueCounts, queueWhere } from "./queue.server";
import { CASE_COLUMNS } from "./queue-text.server";
import { parseQueueFilters } from "./queue-filters";
import { caseWhere } from "./scope.server";
import { migrateDatabase } from "../../scripts/db/migrate";
import { seedDemo } from "../../seed/demo";

beforeAll(async () => {
  await migrateDatabase(process.env.DATABASE_URL!);
  await seedDemo({ registrySize: 0 });
}, 180_000);

/** Cases whose copied columns disagree with their status or their grid's path. */
async function disagreements() {
  const cases = await prisma.case.findMany({ select: { id: true, status: true, open: true, gridId: true, districtId: true, streetId: true } });
  const paths = new Map((await prisma.gridNode.findMany({ select: { id: true, path: true } })).map((g) => [g.id, g.path]));
  return cases.filter((c) => {
    const scope = scopeColumns(c.gridId ? paths.get(c.gridId) : null);
    return c.open === FINAL_STATUSES.has(c.status as CaseStatus) || c.districtId !== scope.districtId || c.streetId !== scope.streetId;
  });
}

describe("a case's district, street and open columns", () => {
  it("agree with its grid and status for every seeded case", async () => {
    expect(await prisma.case.count()).toBeGreaterThan(1000);
    expect(await prisma.case.count({ where: { open: false } })).toBeGreaterThan(100);
    expect(await prisma.case.count({ where: { districtId: null } })).toBe(0);
    expect(await disagreements()).toEqual([]);
  });

  it("are written when a case is filed and when its status changes", async () => {
    const company = await actorFor("qiye");
    const grid = await actorFor("wangge");
    const form = { categoryCode: "QTSX-01", title: "园区路灯损坏", description: "园区东门外路灯已损坏两周，夜间出行不便。", urgency: "NORMAL" as const, contactName: "李娜", contactPhone: "13800000001", contactEmail: "" };
    const filed = await fileCase({ actor: company, form, submissionKey: "placement-1" });
    const c = await prisma.case.findUniqueOrThrow({ where: { id: filed.id } });
    expect([c.open, c.districtId, c.streetId].every((x) => x !== null)).toBe(true);
    expect(c.open).toBe(true);
    await act({ actor: grid, caseId: filed.id, action: "refuse", comment: "不属于本平台受理范围" });
    expect((await prisma.case.findUniqueOrThrow({ where: { id: filed.id } })).open).toBe(false);
    expect(await disagreements()).toEqual([]);
  });

  it("give each grid-side user exactly the cases of their grid subtree", async () => {
    // The district supervisor (a district root), the street grid worker (a street root), the park
    // operator (a smaller subtree, by grid ids) and the administrator (everything).
    for (const username of ["ducha", "wangge", "yuanqu", "admin"]) {
      const actor = await actorFor(username);
      const expected = actor.role === "ADMIN" ? await prisma.case.count() : await prisma.case.count({ where: { gridId: { in: await subtreeGridIds(actor.gridPaths) } } });
      expect(expected, username).toBeGreaterThan(0);
      expect(await prisma.case.count({ where: await caseWhere(actor) }), username).toBe(expected);
      const all = await listQueue({ actor, filters: parseQueueFilters(new URLSearchParams("view=all")) });
      const open = await listQueue({ actor, filters: parseQueueFilters(new URLSearchParams("view=open")) });
      const closed = await listQueue({ actor, filters: parseQueueFilters(new URLSearchParams("view=closed")) });
      expect([all.total, open.total + closed.total], username).toEqual([expected, expected]);
    }
  });

  it("count each tab as many cases as the tab lists (the counts read their own indexes)", async () => {
    const now = new Date();
    for (const username of ["wangge", "yuanqu", "ducha"]) {
      const actor = await actorFor(username);
      const counts = await queueCounts(actor, now);
      const total = async (view: string) => (await listQueue({ actor, now, filters: parseQueueFilters(new URLSearchParams({ view })) })).total;
      expect([counts.todo, counts.overdue, counts.supervised], username).toEqual([await total("todo"), await total("overdue"), await total("supervised")]);
      // Written out: the counts of a grid-side user, straight from the rows.
      const grids = await subtreeGridIds(actor.gridPaths);
      const open = (await prisma.case.findMany({ where: { gridId: { in: grids }, open: true }, select: { supervisedAt: true, stageDeadline: true } }));
      expect(counts.supervised, username).toBe(open.filter((c) => c.supervisedAt).length);
      expect(counts.overdue, username).toBe(open.filter((c) => c.stageDeadline && c.stageDeadline < now).length);
    }
  });

  it("count with one plain COUNT(*) exactly what Prisma counts, for every role, view and filter", async () => {
    const now = new Date();
    const grid = await prisma.gridNode.findFirstOrThrow({ where: { level: "STREET" }, select: { id: true } });
    const filters = ["", "status=DISPATCHED", "category=SDQN", "category=QTSX-01", `gridId=${grid.id}`, "q=2026", "status=CLOSED&category=ZCZX"];
    expect(await sqliteConnection()).not.toBeNull(); // the plain statement's connection (else Prisma counts)
    let compared = 0, nonZero = 0;
    for (const username of ["qiye", "wangge", "yuanqu", "ducha", "bumen", "admin"]) {
      const actor = await actorFor(username);
      for (const view of ["todo", "open", "overdue", "supervised", "closed", "all"]) {
        for (const extra of filters) {
          const where = await queueWhere(actor, parseQueueFilters(new URLSearchParams(`view=${view}&${extra}`)), now);
          // Counted by the plain statement, not handed back to Prisma.
          expect(compileWhere(where as Record<string, unknown>, CASE_COLUMNS), `${username} ${view} ${extra}`).not.toBeNull();
          const direct = await countCases(where);
          expect(direct, `${username} ${view} ${extra}`).toBe(await prisma.case.count({ where }));
          compared++;
          if (direct > 0) nonZero++;
        }
      }
    }
    expect(compared).toBe(6 * 6 * 7);
    expect(nonZero).toBeGreaterThan(100); // the comparison is not between empty answers
  });

  it("filter the queue by any grid node of the user's subtree, street and community alike", async () => {
    const supervisor = await actorFor("ducha");
    const streets = await prisma.gridNode.findMany({ where: { level: "STREET", path: { startsWith: supervisor.gridPaths[0] } }, select: { id: true, path: true }, take: 3 });
    const community = await prisma.gridNode.findFirstOrThrow({ where: { level: "COMMUNITY", path: { startsWith: streets[0].path } }, select: { id: true, path: true } });
    for (const node of [...streets, community]) {
      const expected = await prisma.case.count({ where: { gridId: { in: await subtreeGridIds([node.path]) } } });
      const listed = await listQueue({ actor: supervisor, filters: parseQueueFilters(new URLSearchParams(`view=all&gridId=${node.id}`)) });
      expect(listed.total).toBe(expected);
    }
  });
});

describe("a queue searched by words", () => {
  it("lists exactly the cases whose title or company name contains them, in the queue's order", async () => {
    const supervisor = await actorFor("ducha");
    const scope = await caseWhere(supervisor);
    const company = await prisma.company.findFirstOrThrow({ where: { cases: { some: {} } }, select: { name: true } });
    // A title word, a company's full name, a fragment of company names, a word nobody used.
    const found: Record<string, number> = {};
    for (const q of ["社保", company.name, company.name.slice(2, 4), "没有这样的诉求"]) {
      for (const view of ["all", "open", "closed"] as const) {
        const extra = view === "open" ? { open: true } : view === "closed" ? { open: false } : {};
        const orderBy = view === "open" ? [{ stageDeadline: "asc" as const }, { id: "asc" as const }] : [{ createdAt: "desc" as const }, { id: "desc" as const }];
        const expected = await prisma.case.findMany({
          where: { AND: [scope, extra, { OR: [{ title: { contains: q } }, { company: { name: { contains: q } } }] }] }, orderBy, select: { id: true },
        });
        const listed = await listQueue({ actor: supervisor, filters: parseQueueFilters(new URLSearchParams({ view, q })) });
        expect(listed.total, `${view} ${q}`).toBe(expected.length);
        expect(listed.rows.map((r) => r.id), `${view} ${q}`).toEqual(expected.slice(0, 20).map((c) => c.id));
        expect(listed.capped).toBe(false);
        // And the last page: every match sorted, not just the first twenty.
        const last = await listQueue({ actor: supervisor, filters: parseQueueFilters(new URLSearchParams({ view, q, page: String(listed.pages) })) });
        expect(last.rows.map((r) => r.id), `${view} ${q} last page`).toEqual(expected.slice((listed.pages - 1) * 20, listed.pages * 20).map((c) => c.id));
        found[q] = (found[q] ?? 0) + listed.total;
      }
    }
    expect(Object.values(found).map((n) => n > 0)).toEqual([true, true, true, false]);
  });

  it("beyond the cap, pages a common word in the queue's order and says there are more", async () => {
    const supervisor = await actorFor("ducha");
    const scope = await caseWhere(supervisor);
    const q = "有限"; // in nearly every company's name
    for (const view of ["all", "open"] as const) {
      const extra = view === "open" ? { open: true } : {};
      const orderBy = view === "open" ? [{ stageDeadline: "asc" as const }, { id: "asc" as const }] : [{ createdAt: "desc" as const }, { id: "desc" as const }];
      const expected = await prisma.case.findMany({
        where: { AND: [scope, extra, { OR: [{ title: { contains: q } }, { company: { name: { contains: q } } }] }] }, orderBy, select: { id: true }, take: 60,
      });
      expect(expected.length).toBe(60);
      for (const page of [1, 2]) {
        const listed = await listQueue({ actor: supervisor, filters: parseQueueFilters(new URLSearchParams({ view, q, page: String(page) })), textCap: 50 });
        expect([listed.capped, listed.total, listed.pages], view).toEqual([true, 50, 3]);
        expect(listed.rows.map((r) => r.id), `${view} page ${page}`).toEqual(expected.slice((page - 1) * 20, page * 20).map((c) => c.id));
      }
    }
  });
});

describe("the substring index behind a search by words", () => {
  const matching = (scope: Prisma.CaseWhereInput, q: string) =>
    prisma.case.findMany({ where: { AND: [scope, { OR: [{ title: { contains: q } }, { companyName: { contains: q } }] }] }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true, number: true } });

  it("narrows every scope to candidates that hold every match, and the queue lists exactly the matches", async () => {
    const texts = (await prisma.case.findMany({ select: { title: true, companyName: true } })).flatMap((c) => [c.title, c.companyName ?? ""]);
    // Pieces of real titles and names, two to four characters, picked by a fixed generator.
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
    const queries = new Set<string>();
    while (queries.size < 40) {
      const chars = Array.from(texts[next(texts.length)]);
      const length = 2 + next(3);
      if (chars.length >= length) queries.add(chars.slice(next(chars.length - length + 1)).slice(0, length).join(""));
    }
    let narrowed = 0;
    for (const username of ["ducha", "wangge", "yuanqu", "bumen", "admin"]) {
      const actor = await actorFor(username);
      const scope = await caseWhere(actor);
      const inScope = await prisma.case.count({ where: scope });
      for (const q of queries) {
        const expected = await matching(scope, q);
        const candidates = await wordCandidates(q, scope, 100_000);
        expect(candidates, `${username} ${q}`).not.toBeNull();
        expect(expected.filter((c) => !candidates!.includes(c.number)), `${username} ${q}: matches the index missed`).toEqual([]);
        if (candidates!.length < inScope) narrowed++;
        const listed = await listQueue({ actor, filters: parseQueueFilters(new URLSearchParams({ view: "all", q })) });
        expect(listed.total, `${username} ${q}`).toBe(expected.length);
        expect(listed.rows.map((r) => r.id), `${username} ${q}`).toEqual(expected.slice(0, 20).map((c) => c.id));
      }
    }
    // The index did the narrowing (not the scan's answer passing for it).
    expect(narrowed).toBeGreaterThan(150);
  });

  it("follows every write to a case: filing, dispatch, a company's new name, ASCII in either case, deletion", async () => {
    const supervisor = await actorFor("ducha");
    const scope = await caseWhere(supervisor);
    const form = { categoryCode: "QTSX-01", title: "琥珀蜻蜓标本馆ERP系统故障", description: "系统无法登录。", urgency: "NORMAL" as const, contactName: "李娜", contactPhone: "13800000001", contactEmail: "" };
    const filed = await fileCase({ actor: await actorFor("qiye"), form, submissionKey: "words-1" });
    const search = async (q: string) => (await listQueue({ actor: supervisor, filters: parseQueueFilters(new URLSearchParams({ view: "all", q })) })).rows.map((r) => r.id);
    for (const q of ["蜻蜓", "erp系统", "Erp", "标本馆ERP"]) {
      expect(await search(q), q).toEqual([filed.id]);
      expect(await wordCandidates(q, scope, 100), q).toEqual([filed.number]);
    }
    // Dispatched to a department: the department's own search finds it through its token.
    const dept = await prisma.department.findFirstOrThrow({ where: { code: "HRSS" } });
    const handler = await actorFor("bumen");
    expect(await wordCandidates("蜻蜓", await caseWhere(handler), 100)).toEqual([]);
    await prisma.case.update({ where: { id: filed.id }, data: { assigneeDeptId: dept.id } });
    expect(await wordCandidates("蜻蜓", await caseWhere(handler), 100)).toEqual([filed.number]);
    expect((await listQueue({ actor: handler, filters: parseQueueFilters(new URLSearchParams({ view: "all", q: "蜻蜓" })) })).rows.map((r) => r.id)).toEqual([filed.id]);
    // A company renamed (as a registry import does): its cases are found by the new name only.
    const before = (await prisma.case.findUniqueOrThrow({ where: { id: filed.id } })).companyName!;
    await prisma.case.updateMany({ where: { id: filed.id }, data: { companyName: "郑州琉璃瓦智能科技有限公司" } });
    expect(await search("琉璃瓦")).toEqual([filed.id]);
    expect(await wordCandidates(before.slice(2, 6), scope, 100_000)).not.toContain(filed.number);
    await prisma.case.delete({ where: { id: filed.id } });
    expect(await wordCandidates("蜻蜓", scope, 100)).toEqual([]);
  });

  it("answers by scanning while a case cannot be indexed, and recovers once it can", async () => {
    const supervisor = await actorFor("ducha");
    const scope = await caseWhere(supervisor);
    const expected = await matching(scope, "社保");
    const victim = await prisma.case.findFirstOrThrow({ where: { id: expected[0].id } });
    // Not a number (only createCase makes numbers, and it makes digits): the index cannot key it.
    await prisma.case.update({ where: { id: victim.id }, data: { number: "T-1" } });
    expect(await wordCandidates("社保", scope, 100_000)).toBeNull();
    const listed = await listQueue({ actor: supervisor, filters: parseQueueFilters(new URLSearchParams({ view: "all", q: "社保" })) });
    expect(listed.total).toBe(expected.length);
    await prisma.case.update({ where: { id: victim.id }, data: { number: victim.number } });
    expect(await wordCandidates("社保", scope, 100_000)).toEqual(expect.arrayContaining(expected.map((c) => c.number)));
    expect(await prisma.caseWordsPending.count()).toBe(0);
  });

  it("leaves a backlog too large for one request to the scan, then catches up", async () => {
    const supervisor = await actorFor("ducha");
    const scope = await caseWhere(supervisor);
    const expected = await matching(scope, "社保");
    // As after a bulk load by another process: 2,001 cases waiting (numbers of no case: entries to drop).
    await prisma.$executeRawUnsafe(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2001)
      INSERT INTO "CaseWordsPending" ("number") SELECT 1990010100000 + i FROM n`);
    expect(await wordCandidates("社保", scope, 100_000)).toBeNull();
    const listed = await listQueue({ actor: supervisor, filters: parseQueueFilters(new URLSearchParams({ view: "all", q: "社保" })) });
    expect(listed.total).toBe(expected.length);
    await syncCaseWords();
    expect(await prisma.caseWordsPending.count()).toBe(0);
    expect(await wordCandidates("社保", scope, 100_000)).toEqual(expect.arrayContaining(expected.map((c) => c.number)));
  });
});
