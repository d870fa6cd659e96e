import { beforeAll, describe, expect, it, vi } from "vitest";

// Its own database: it files and works cases.
vi.hoisted(() => {
  process.env.DATABASE_URL = `file:${process.env.QQ_TEST_DIR}/cases.db`;
});

import { prisma } from "~/db.server";
import { actorFor } from "~/auth/actor.server";
import type { Actor } from "~/auth/actor";
import { MAIL_SEND } from "~/notifications/notify.server";
import { act, bulkDispatch, fileCase, StepError } from "./case-store.server";
import { getCase } from "./case-detail.server";
import { exportQueue, listQueue, queueCounts } from "./queue.server";
import { parseQueueFilters } from "./queue-filters";
import { deadlineAfter, endOfDay } from "./calendar";
import { CalendarError, calendarExceptions, listCalendarDays, removeCalendarDay, setCalendarDay } from "./calendar.server";
import { migrateDatabase } from "../../scripts/db/migrate";
import { seedDemo } from "../../seed/demo";

let company: Actor, grid: Actor, park: Actor, dept: Actor, supervisor: Actor, officer: Actor, admin: Actor;
const FORM = {
  categoryCode: "YGZP-02", title: "社保缴费基数核定有疑问", description: "今年新招的 20 名员工社保缴费基数核定有疑问，希望社保部门给予指导。",
  urgency: "NORMAL" as const, contactName: "李娜", contactPhone: "13800000001", contactEmail: "lina@example.com",
};

async function refused(p: Promise<unknown>): Promise<StepError> {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(StepError);
  return error as StepError;
}

const step = (actor: Actor, caseId: string, action: string, extra: Partial<Parameters<typeof act>[0]> = {}) => act({ actor, caseId, action, ...extra });

beforeAll(async () => {
  await migrateDatabase(process.env.DATABASE_URL!);
  await seedDemo({ registrySize: 0 });
  [company, grid, park, dept, supervisor, officer, admin] = await Promise.all(["qiye", "wangge", "yuanqu", "bumen", "ducha", "zhengce", "admin"].map(actorFor));
}, 180_000);

describe("a company's issue, from filing to rating", () => {
  let caseId = "";

  it("is filed by the company and routed to its grid, once per submission", async () => {
    const first = await fileCase({ actor: company, form: FORM, submissionKey: "form-1" });
    const again = await fileCase({ actor: company, form: FORM, submissionKey: "form-1" });
    expect([again.id, again.duplicate]).toEqual([first.id, true]);
    caseId = first.id;
    const c = await prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    const co = await prisma.company.findUniqueOrThrow({ where: { id: company.companyId! } });
    expect(c.gridId).toBe(co.parkGridId ?? co.gridId);
    expect([c.status, c.source, c.number]).toEqual(["SUBMITTED", "PORTAL", expect.stringMatching(/^\d{13}$/)]);
    expect(c.stageDeadline!.getTime()).toBeGreaterThan(c.createdAt.getTime());
    expect(await prisma.case.count({ where: { submissionKey: "form-1" } })).toBe(1);
  });

  it("is seen by the company and its grid, not by another company's staff or a department it was not sent to", async () => {
    expect(await getCase({ actor: company, caseId })).not.toBeNull();
    expect(await getCase({ actor: grid, caseId })).not.toBeNull();
    expect(await getCase({ actor: dept, caseId })).toBeNull();
    expect(await getCase({ actor: officer, caseId })).toBeNull();
    expect((await getCase({ actor: grid, caseId }))?.actions.map((a) => a.key)).toEqual(["accept", "refuse"]);
    expect((await getCase({ actor: company, caseId }))?.actions).toEqual([]);
  });

  it("refuses a step out of order, by the wrong role, or without a reason, and audits each refusal", async () => {
    expect((await refused(step(grid, caseId, "dispatch"))).status).toBe(409);
    expect((await refused(step(company, caseId, "accept"))).status).toBe(403);
    expect((await refused(step(dept, caseId, "accept"))).message).toMatch("没有找到该诉求");
    const noReason = await refused(step(grid, caseId, "refuse", { comment: "  " }));
    expect([noReason.status, noReason.field]).toEqual([400, "comment"]);
    expect(await prisma.auditLog.count({ where: { entityId: caseId, action: { endsWith: ".refused" } } })).toBe(4);
    expect((await prisma.case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("SUBMITTED");
  });

  it("is accepted, registered and dispatched by the grid, telling the company at acceptance and dispatch", async () => {
    await step(grid, caseId, "accept");
    await step(grid, caseId, "register");
    expect((await refused(step(grid, caseId, "dispatch", { target: "DEPT:nope" }))).field).toBe("target");
    const hrss = await prisma.department.findUniqueOrThrow({ where: { code: "HRSS" } });
    await step(grid, caseId, "dispatch", { target: `DEPT:${hrss.id}`, comment: "请人社局指导" });
    const c = await prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect([c.status, c.assigneeDeptId]).toEqual(["DISPATCHED", hrss.id]);
    const notices = await prisma.notification.findMany({ where: { userId: company.id, kind: "CASE" }, orderBy: { createdAt: "asc" } });
    expect(notices.map((n) => n.title)).toEqual([`诉求已受理：${FORM.title}`, `诉求已派遣办理：${FORM.title}`]);
    expect(notices[1].body).toContain("郑州市人力资源和社会保障局");
    expect(await prisma.outboxMessage.count({ where: { topic: MAIL_SEND, key: { startsWith: `case:${caseId}:` } } })).toBe(2);
  });

  it("is handled by the department, which may ask for more time", async () => {
    expect(await getCase({ actor: dept, caseId })).not.toBeNull();
    expect((await refused(step(dept, caseId, "extend", { days: 99, comment: "需要调取档案" }))).field).toBe("days");
    const before = (await prisma.case.findUniqueOrThrow({ where: { id: caseId } })).stageDeadline!;
    await step(dept, caseId, "extend", { days: 3, comment: "需要调取历年缴费档案" });
    expect((await refused(step(dept, caseId, "extend", { days: 2, comment: "再延" }))).message).toBe("已有待审批的延期申请");
    await step(grid, caseId, "approveExtension");
    const after = await prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(after.stageDeadline!.getTime()).toBeGreaterThan(before.getTime());
    expect([after.extendedDays, after.pendingExtension]).toEqual([3, null]);
    await step(dept, caseId, "resolve", { comment: "已电话指导企业按上年度月平均工资核定基数。" });
  });

  it("is checked and closed by the grid, then rated once by the company", async () => {
    await step(grid, caseId, "verify", { comment: "已回访企业，问题解决" });
    await step(grid, caseId, "close");
    const c = await prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect([c.status, c.closedAt !== null]).toEqual(["CLOSED", true]);
    expect((await getCase({ actor: company, caseId }))?.actions.map((a) => a.key)).toEqual(["rate", "reopen"]);
    expect((await refused(step(company, caseId, "rate", { rating: 6 }))).field).toBe("rating");
    await step(company, caseId, "rate", { rating: 5, comment: "很及时" });
    expect((await refused(step(company, caseId, "rate", { rating: 4 }))).message).toBe("该诉求已经评价过");
    const detail = (await getCase({ actor: company, caseId }))!;
    expect(detail.timeline.map((e) => e.action)).toEqual(["提交诉求", "受理", "立案", "派遣", "申请延期", "批准延期", "办结反馈", "核查通过", "结案", "评价"]);
    expect(await prisma.notification.count({ where: { userId: company.id, kind: "CASE" } })).toBe(3);
  });

  it("may be reopened within 7 days with a reason, and goes back to the dispatcher", async () => {
    expect((await refused(step(company, caseId, "reopen"))).field).toBe("comment");
    await step(company, caseId, "reopen", { comment: "新员工的基数仍未更正" });
    const c = await prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect([c.status, c.reopenCount, c.rating]).toEqual(["REGISTERED", 1, null]);
    // Eight days after closing it could not be.
    await step(grid, caseId, "dispatch", { target: `DEPT:${c.assigneeDeptId}` });
    await step(dept, caseId, "resolve", { comment: "已更正" });
    await step(grid, caseId, "verify");
    await step(grid, caseId, "close");
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect((await refused(act({ actor: company, caseId, action: "reopen", comment: "还是不对", now: later }))).message).toMatch("超过 7 天");
  });
});

describe("escalation, suspension and supervision", () => {
  it("goes up to the street, where a park operator no longer works it but the street grid does", async () => {
    const c = await fileCase({ actor: grid, companyId: company.companyId, form: { ...FORM, title: "园区道路积水需要联动整治", categoryCode: "JCSS-01" } });
    await step(grid, c.id, "accept");
    const parkSees = await getCase({ actor: park, caseId: c.id });
    await step(grid, c.id, "escalate", { comment: "涉及市政排水，需要街道协调" });
    const row = await prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.level).toBe("STREET");
    expect((await prisma.gridNode.findUniqueOrThrow({ where: { id: row.handlerGridId! } })).level).toBe("STREET");
    if (parkSees) expect((await getCase({ actor: park, caseId: c.id }))?.actions).toEqual([]);
    expect((await getCase({ actor: grid, caseId: c.id }))?.actions.map((a) => a.key)).toContain("register");
    await step(grid, c.id, "escalate", { comment: "需要区级多部门联动" });
    expect((await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).level).toBe("DISTRICT");
    expect((await getCase({ actor: grid, caseId: c.id }))?.actions.map((a) => a.key)).not.toContain("register");
    await step(supervisor, c.id, "register");
    expect((await refused(step(supervisor, c.id, "escalate", { comment: "再升" }))).message).toMatch("已是区级");
  });

  it("stops the clock while suspended and gives the rest back when resumed", async () => {
    const c = await fileCase({ actor: company, form: { ...FORM, title: "等待补充材料的诉求" } });
    await step(grid, c.id, "accept");
    await step(grid, c.id, "suspend", { comment: "等待企业补充工资表" });
    const held = await prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect([held.status, held.stageDeadline, held.resumeStatus]).toEqual(["SUSPENDED", null, "ACCEPTED"]);
    await step(grid, c.id, "resume");
    const back = await prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect([back.status, back.stageDeadline !== null]).toEqual(["ACCEPTED", true]);
  });

  it("shows an overdue case on the supervisor's list, who flags it for supervision", async () => {
    const c = await fileCase({ actor: company, form: { ...FORM, title: "超期未受理的诉求" } });
    await prisma.case.update({ where: { id: c.id }, data: { stageDeadline: endOfDay("2026-01-05") } });
    const overdue = await listQueue({ actor: supervisor, filters: parseQueueFilters(new URLSearchParams({ view: "overdue" })) });
    const row = overdue.rows.find((r) => r.id === c.id);
    expect(row?.countdown?.overdue).toBe(true);
    expect(row?.countdown?.label).toMatch(/^超期 \d+ 个工作日$/);
    expect((await queueCounts(supervisor)).overdue).toBeGreaterThanOrEqual(1);
    expect((await refused(step(grid, c.id, "supervise", { comment: "请尽快受理" }))).status).toBe(403);
    await step(supervisor, c.id, "supervise", { comment: "请今天内受理并回复企业" });
    const flagged = await listQueue({ actor: supervisor, filters: parseQueueFilters(new URLSearchParams({ view: "supervised" })) });
    expect(flagged.rows.map((r) => r.id)).toContain(c.id);
    // A company's own queue never shows another company's case.
    const mine = await listQueue({ actor: company, filters: parseQueueFilters(new URLSearchParams({ view: "all" })) });
    expect(mine.rows.every((r) => r.company === "郑州云帆智能科技有限公司")).toBe(true);
    // Its export holds every page of the same list, and nothing else.
    const exported = await exportQueue({ actor: company, filters: parseQueueFilters(new URLSearchParams({ view: "all" })), limit: 10_000 });
    expect([exported.total, exported.rows.length]).toEqual([mine.total, mine.total]);
    expect(exported.rows.every((r) => r.company === "郑州云帆智能科技有限公司")).toBe(true);
  });
});

describe("bulk dispatch and concurrent steps", () => {
  it("dispatches several registered cases at once and reports the ones it could not", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await fileCase({ actor: company, form: { ...FORM, title: `批量派遣测试 ${i + 1}` } });
      await step(grid, c.id, "accept");
      if (i < 2) await step(grid, c.id, "register");
      ids.push(c.id);
    }
    const hrss = await prisma.department.findUniqueOrThrow({ where: { code: "HRSS" } });
    const result = await bulkDispatch({ actor: grid, caseIds: ids, target: `DEPT:${hrss.id}` });
    expect(result.done).toBe(2);
    expect(result.failed.map((f) => f.caseId)).toEqual([ids[2]]);
    expect(result.failed[0].message).toMatch("已受理");
  });

  it("lets only one of two people accept the same case at the same moment", async () => {
    const c = await fileCase({ actor: company, form: { ...FORM, title: "并发受理测试" } });
    const results = await Promise.allSettled([step(grid, c.id, "accept"), step(admin.role === "ADMIN" ? supervisor : grid, c.id, "accept")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.caseEvent.count({ where: { caseId: c.id, action: "accept" } })).toBe(1);
  });
});

describe("the working-day calendar", () => {
  it("is seeded with the year's holidays and kept by administrators only, with errors per field", async () => {
    expect((await listCalendarDays(2026)).find((d) => d.date === "2026-10-01")).toMatchObject({ kind: "OFF", name: "国庆节" });
    const error = await setCalendarDay({ actor: admin, date: "2026-13-01", kind: "HOLIDAY", name: "" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CalendarError);
    expect(Object.keys((error as CalendarError).fieldErrors).sort()).toEqual(["date", "kind", "name"]);
    await expect(setCalendarDay({ actor: grid, date: "2026-12-31", kind: "OFF", name: "测试" })).rejects.toBeInstanceOf(Response);

    // A holiday on Thursday 31 December moves a one-day limit set on Wednesday the 30th to Friday
    // 1 January (2027's 元旦 is not in the seeded calendar).
    const from = new Date("2026-12-30T02:00:00Z");
    expect(deadlineAfter(from, 1, await calendarExceptions())).toEqual(endOfDay("2026-12-31"));
    await setCalendarDay({ actor: admin, date: "2026-12-31", kind: "OFF", name: "测试假日" });
    expect(deadlineAfter(from, 1, await calendarExceptions())).toEqual(endOfDay("2027-01-01"));
    await removeCalendarDay({ actor: admin, date: "2026-12-31" });
    expect(deadlineAfter(from, 1, await calendarExceptions())).toEqual(endOfDay("2026-12-31"));
    expect(await prisma.auditLog.count({ where: { entityType: "CalendarDay", entityId: "2026-12-31" } })).toBe(2);
  });
});
