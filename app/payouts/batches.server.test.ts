import { beforeAll, describe, expect, it, vi } from "vitest";

// Its own database: it writes match records, payouts, batches and notifications.
vi.hoisted(() => {
  process.env.DATABASE_URL = `file:${process.env.QQ_TEST_DIR}/payouts.db`;
});

import { prisma } from "~/db.server";
import { actorFor } from "~/auth/actor.server";
import type { Actor } from "~/auth/actor";
import { runMatch } from "~/matching/match-run.server";
import { actOn, companyOutcome } from "~/matching/outcomes.server";
import { MAIL_SEND } from "~/notifications/notify.server";
import { saveDraft, startDraft, transition } from "~/policies/policy-store.server";
import { cityDate } from "~/utils/dates";
import { createBatch, decideBatch, discardBatch, markBatchPaid, PayoutError, recordFailure, submitBatch } from "./batches.server";
import { getBatch, listBatches, batchesToReview } from "./batch-read.server";
import { findCandidates, poolSummary } from "./candidates.server";
import { roundToYuan } from "./labels";
import { ledger, ledgerExport, ledgerOptions } from "./ledger.server";
import { parseLedgerFilters } from "./ledger-filters";
import { migrateDatabase } from "../../scripts/db/migrate";
import { seedDemo } from "../../seed/demo";
import { outcomeRows } from "../../tests/support/outcomes";

const ON = cityDate();
const RD = "keji-qiye-yanfa-feiyong-houbuzhu"; // 科技型企业研发费用后补助 (免申即享)
const TIDU = "henan-youzhi-zhongxiao-qiye-tidu-peiyu";
const ACCOUNT = { name: "测试企业", bank: "中国银行郑州高新技术开发区支行", number: "6217000012345678" };
let officer: Actor, reviewer: Actor, company: Actor;

/** What 我的政策 does when a company confirms its account (for every company at once). */
async function confirmAll(policyId: string) {
  const waiting = (await outcomeRows()).filter((r) => r.policyId === policyId && r.status === "QUALIFIED" && (r.amount ?? 0) > 0 && r.response === "PENDING");
  for (const r of waiting) {
    await prisma.$transaction(async (tx) => {
      const id = await actOn(tx, r.companyId, (await companyOutcome(tx, r.companyId, r.clauseId))!);
      await tx.matchRecord.update({ where: { id }, data: { response: "CONFIRMED", respondedAt: new Date(), account: JSON.stringify(ACCOUNT) } });
    });
  }
  return waiting.length;
}

async function refusal(p: Promise<unknown>): Promise<PayoutError> {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(PayoutError);
  return error as PayoutError;
}

beforeAll(async () => {
  await migrateDatabase(process.env.DATABASE_URL!);
  await seedDemo({ registrySize: 200 });
  await runMatch({ kind: "FULL", trigger: "测试", on: ON });
  [officer, reviewer, company] = await Promise.all(["zhengce", "shenhe", "qiye"].map(actorFor));
}, 180_000);

describe("preparing a batch", () => {
  it("takes only confirmed, qualified records with an amount, never a record twice", async () => {
    expect((await findCandidates(prisma, RD)).candidates).toEqual([]); // nothing confirmed yet
    const confirmed = await confirmAll(RD);
    expect(confirmed).toBeGreaterThan(3);
    // A declined record and one still waiting are not payable.
    // (Not the demo company's own record: the tests below follow its payout.)
    const declined = await prisma.matchRecord.findFirstOrThrow({ where: { policyId: RD, response: "CONFIRMED", companyId: { not: company.companyId! } }, orderBy: { id: "asc" } });
    await prisma.matchRecord.update({ where: { id: declined.id }, data: { response: "DECLINED" } });

    const pool = await poolSummary(RD);
    expect(pool.count).toBe(confirmed - 1);
    const { batchId, count, amount } = await createBatch({ actor: officer, policyId: RD });
    expect(count).toBe(confirmed - 1);
    const payouts = await prisma.payout.findMany({ where: { batchId } });
    expect(payouts.every((p) => p.status === "PENDING" && p.policyId === RD && p.amount > 0)).toBe(true);
    expect(payouts.map((p) => p.matchId)).not.toContain(declined.id);
    expect(roundToYuan(payouts.reduce((n, p) => n + p.amount, 0))).toBe(amount);

    // Again: nothing left; and the database itself refuses a second payout for a record.
    expect((await refusal(createBatch({ actor: officer, policyId: RD }))).message).toMatch("没有可纳入批次的记录");
    await expect(prisma.payout.create({ data: { matchId: payouts[0].matchId, companyId: payouts[0].companyId, clauseId: payouts[0].clauseId, policyId: RD, amount: 1 } })).rejects.toThrow();
    // Only officers prepare batches.
    expect((await refusal(createBatch({ actor: reviewer, policyId: null }))).status).toBe(403);
  });

  it("gives a record to only one of two batches prepared at the same moment", async () => {
    await confirmAll(TIDU);
    const results = await Promise.allSettled([createBatch({ actor: officer, policyId: TIDU }), createBatch({ actor: officer, policyId: TIDU })]);
    const done = results.filter((r) => r.status === "fulfilled");
    expect(done).toHaveLength(1);
    const records = await prisma.matchRecord.count({ where: { policyId: TIDU, response: "CONFIRMED", status: "QUALIFIED", amount: { gt: 0 } } });
    expect(await prisma.payout.count({ where: { policyId: TIDU } })).toBe(records);
    // The draft is given up: its records return to the pool.
    const { batchId } = (done[0] as PromiseFulfilledResult<{ batchId: string }>).value;
    await discardBatch({ actor: officer, batchId });
    expect(await prisma.payoutBatch.findUnique({ where: { id: batchId } })).toBeNull();
    expect((await poolSummary(TIDU)).count).toBe(records);
    expect(await prisma.auditLog.count({ where: { entityId: batchId, action: "payout.batch.discard" } })).toBe(1);
  });
});

describe("four eyes", () => {
  let batchId = "";

  it("is submitted by the officer and waits for a reviewer", async () => {
    batchId = (await prisma.payoutBatch.findFirstOrThrow({ where: { policyId: RD, status: "DRAFT" } })).id;
    await submitBatch({ actor: officer, batchId, comment: "请审核" });
    expect((await prisma.payoutBatch.findUniqueOrThrow({ where: { id: batchId } })).status).toBe("SUBMITTED");
    const queue = await batchesToReview(reviewer);
    expect(queue.map((b) => b.id)).toContain(batchId);
    expect(queue.find((b) => b.id === batchId)?.ownWork).toBe(false);
    expect((await getBatch({ actor: reviewer, batchId }))?.actions).toEqual(["approve", "reject"]);
    expect((await getBatch({ actor: officer, batchId }))?.actions).toEqual([]);
    expect(await getBatch({ actor: company, batchId })).toBeNull();
  });

  it("never lets the person who prepared a batch approve it, and audits the refusal", async () => {
    expect((await refusal(decideBatch({ actor: officer, batchId, decision: "approve" }))).status).toBe(403);
    // The officer who prepared it, later made a reviewer.
    await prisma.user.update({ where: { id: officer.id }, data: { role: "REVIEWER" } });
    try {
      const preparer = await actorFor("zhengce");
      expect((await refusal(decideBatch({ actor: preparer, batchId, decision: "approve" }))).message).toMatch("四眼原则");
      expect((await batchesToReview(preparer)).find((b) => b.id === batchId)?.ownWork).toBe(true);
      expect((await getBatch({ actor: preparer, batchId }))?.actions).toEqual([]);
    } finally {
      await prisma.user.update({ where: { id: officer.id }, data: { role: "POLICY_OFFICER" } });
    }
    expect((await prisma.payoutBatch.findUniqueOrThrow({ where: { id: batchId } })).status).toBe("SUBMITTED");
    expect(await prisma.auditLog.count({ where: { entityId: batchId, action: "payout.batch.approve.refused", actorId: officer.id } })).toBe(1);
  });

  it("puts a rejected batch's payouts back in the pool for a later batch", async () => {
    const count = await prisma.payout.count({ where: { batchId } });
    expect((await refusal(decideBatch({ actor: reviewer, batchId, decision: "reject" }))).message).toMatch("理由");
    await decideBatch({ actor: reviewer, batchId, decision: "reject", comment: "请按区县拆分后重新提交" });
    const batch = await prisma.payoutBatch.findUniqueOrThrow({ where: { id: batchId } });
    expect([batch.status, batch.comment]).toEqual(["REJECTED", "请按区县拆分后重新提交"]);
    expect(await prisma.payout.count({ where: { batchId } })).toBe(0);
    expect((await poolSummary(RD)).count).toBe(count);
    const detail = await getBatch({ actor: officer, batchId });
    expect(detail?.totals.count).toBe(count);
    expect(detail?.released).toHaveLength(count);
    expect(detail?.timeline.map((t) => t.action)).toEqual(["编制批次", "提交审核", "审核被拒绝（四眼原则）", "退回"]);
    expect((await listBatches({ actor: officer })).rows.find((b) => b.id === batchId)?.count).toBe(count);

    const again = await createBatch({ actor: officer, policyId: RD, title: "研发费用后补助第二批" });
    expect(again.count).toBe(count);
  });

  it("refuses to approve a batch whose records changed since it was prepared", async () => {
    const batch = await prisma.payoutBatch.findFirstOrThrow({ where: { title: "研发费用后补助第二批" } });
    await submitBatch({ actor: officer, batchId: batch.id });
    const [one] = await prisma.payout.findMany({ where: { batchId: batch.id }, take: 1 });
    await prisma.matchRecord.update({ where: { id: one.matchId }, data: { status: "LAPSED" } });
    expect((await getBatch({ actor: reviewer, batchId: batch.id }))?.stale).toBe(1);
    expect((await refusal(decideBatch({ actor: reviewer, batchId: batch.id, decision: "approve" }))).message).toMatch("匹配结果已变化");
    await prisma.matchRecord.update({ where: { id: one.matchId }, data: { status: "QUALIFIED" } });
    await decideBatch({ actor: reviewer, batchId: batch.id, decision: "approve", comment: "同意" });
    expect(await prisma.payout.count({ where: { batchId: batch.id, status: { not: "APPROVED" } } })).toBe(0);
  });
});

describe("recording the payment", () => {
  it("records a failure and the rest paid, tells each company, and a failed payout is paid in a later batch", async () => {
    const batch = await prisma.payoutBatch.findFirstOrThrow({ where: { title: "研发费用后补助第二批" } });
    const ours = await prisma.payout.findFirstOrThrow({ where: { batchId: batch.id, companyId: company.companyId! } });
    const other = await prisma.payout.findFirstOrThrow({ where: { batchId: batch.id, companyId: { not: company.companyId! } } });
    expect((await refusal(recordFailure({ actor: officer, batchId: batch.id, payoutId: other.id, reason: " " }))).message).toMatch("原因");
    await recordFailure({ actor: officer, batchId: batch.id, payoutId: other.id, reason: "收款账户户名不符" });
    expect((await refusal(recordFailure({ actor: officer, batchId: batch.id, payoutId: other.id, reason: "再次" }))).message).toMatch("已经登记");
    const { paid, failed } = await markBatchPaid({ actor: officer, batchId: batch.id });
    expect(failed).toBe(1);
    expect(paid).toBe(await prisma.payout.count({ where: { batchId: batch.id, status: "PAID" } }));
    expect((await prisma.payoutBatch.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe("PAID");
    expect((await prisma.payout.findUniqueOrThrow({ where: { id: ours.id } })).paidAt).not.toBeNull();

    // The company's users are told in-app, and its contact by email (through the outbox).
    const notice = await prisma.notification.findFirstOrThrow({ where: { userId: company.id, key: `payout:paid:${ours.id}` } });
    expect(notice.kind).toBe("PAYOUT");
    expect(notice.body).toMatch(/万元已于 \d{4}-\d{2}-\d{2} 拨付至中国银行郑州高新技术开发区支行（尾号 5678）/);
    expect(await prisma.outboxMessage.count({ where: { topic: MAIL_SEND, key: { startsWith: `payout:paid:${ours.id}:` } } })).toBe(1);
    expect(await prisma.outboxMessage.count({ where: { topic: MAIL_SEND, key: { startsWith: `payout:failed:${other.id}:` } } })).toBe(
      (await prisma.company.findUniqueOrThrow({ where: { id: other.companyId } })).contactEmail ? 1 : 0,
    );

    const detail = await getBatch({ actor: officer, batchId: batch.id });
    expect(detail?.timeline.map((t) => t.action)).toEqual(["编制批次", "提交审核", "审核被拒绝（四眼原则）", "审核通过", "登记支付失败", "登记支付完成"]);
    expect(detail?.timeline.find((t) => t.action === "登记支付失败")?.comment).toBe("收款账户户名不符");
    expect(detail?.totals.failed.count).toBe(1);

    // The failed one, and only it, goes into the next batch.
    const retry = await createBatch({ actor: officer, policyId: RD });
    expect(retry.count).toBe(1);
    const moved = await prisma.payout.findUniqueOrThrow({ where: { id: other.id } });
    expect([moved.batchId, moved.status, moved.failure]).toEqual([retry.batchId, "PENDING", "收款账户户名不符"]);
  });
});

describe("never twice across policy versions", () => {
  it("does not pay a clause again because a revision gave it a new id", async () => {
    const paid = await prisma.payout.findMany({ where: { policyId: RD, status: "PAID" }, select: { companyId: true } });
    expect(paid.length).toBeGreaterThan(0);
    const { versionId } = await startDraft({ actor: officer, policyId: RD });
    const draft = await prisma.policyVersion.findUniqueOrThrow({ where: { id: versionId } });
    await saveDraft({ actor: officer, versionId, text: draft.document.replace(/^summary: /m, "summary: 修订：") });
    await transition({ actor: officer, versionId, action: "submit" });
    await transition({ actor: reviewer, versionId, action: "approve" });
    await transition({ actor: officer, versionId, action: "publish" });
    await runMatch({ kind: "CLAUSE", trigger: "发布", versionId, on: ON });
    await confirmAll(RD);
    const { candidates, skipped } = await findCandidates(prisma, RD);
    const paidCompanies = new Set(paid.map((p) => p.companyId));
    expect(skipped).toBeGreaterThanOrEqual(paidCompanies.size);
    expect(candidates.some((c) => paidCompanies.has(c.companyId) && !c.retry)).toBe(false);
  });
});

describe("兑付台账", () => {
  it("lists payouts with filters, totals by policy and district that add up, and exports whole account numbers", async () => {
    const all = (await ledger({ actor: reviewer, filters: parseLedgerFilters(new URLSearchParams()) }))!;
    expect(all.total).toBe(await prisma.payout.count());
    const sum = (xs: { amount: number }[]) => roundToYuan(xs.reduce((n, x) => n + x.amount, 0));
    expect(sum(all.byPolicy)).toBe(all.amount);
    expect(sum(all.byDistrict)).toBe(all.amount);
    expect(all.byDistrict.reduce((n, d) => n + d.count, 0)).toBe(all.total);
    expect(all.rows[0].accountNumber).toMatch(/^\*{4}\d{4}$/);

    const paid = (await ledger({ actor: officer, filters: parseLedgerFilters(new URLSearchParams({ status: "PAID", from: ON, to: ON })) }))!;
    expect(paid.total).toBe(await prisma.payout.count({ where: { status: "PAID" } }));
    expect(paid.paid).toBe(paid.amount);
    // Nothing paid among the pending ones: the sum is a plain zero, not a database integer type.
    const pending = (await ledger({ actor: officer, filters: parseLedgerFilters(new URLSearchParams({ status: "PENDING" })) }))!;
    expect([pending.paid, pending.byDistrict.every((d) => d.paid === 0)]).toEqual([0, true]);
    const none = (await ledger({ actor: officer, filters: parseLedgerFilters(new URLSearchParams({ status: "PAID", to: "2020-01-01" })) }))!;
    expect(none.total).toBe(0);

    // By district: the high-tech zone holds the named demo companies.
    const options = await ledgerOptions(officer);
    const zone = options.districts.find((d) => d.label === "郑州高新技术产业开发区")!;
    const inZone = (await ledger({ actor: officer, filters: parseLedgerFilters(new URLSearchParams({ districtId: zone.value })) }))!;
    expect(inZone.total).toBe(all.byDistrict.find((d) => d.name === zone.label)?.count);
    expect(inZone.rows.every((r) => r.district === zone.label)).toBe(true);
    const byName = (await ledger({ actor: officer, filters: parseLedgerFilters(new URLSearchParams({ q: "云帆" })) }))!;
    expect(byName.rows.every((r) => r.company.includes("云帆"))).toBe(true);
    expect(byName.total).toBeGreaterThan(0);

    const exported = (await ledgerExport({ actor: officer, filters: parseLedgerFilters(new URLSearchParams({ status: "PAID" })), limit: 10 }))!;
    expect(exported.rows.length).toBe(Math.min(10, paid.total));
    expect(exported.rows[0].accountNumber).toBe(ACCOUNT.number);

    // Nobody else reads the ledger.
    expect(await ledger({ actor: company, filters: parseLedgerFilters(new URLSearchParams()) })).toBeNull();
    expect(await ledgerExport({ actor: company, filters: parseLedgerFilters(new URLSearchParams()), limit: 10 })).toBeNull();
  });
});
