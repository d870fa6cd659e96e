import type { Actor } from "~/auth/actor";
import { audit } from "~/audit.server";
import { formatDate } from "~/companies/labels";
import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { notifyCompany } from "~/notifications/notify.server";
import { payoutFailedMail, payoutPaidMail } from "~/notifications/templates-payouts";
import { cityDate } from "~/utils/dates";
import { accountsFor, findCandidates, stillPayable } from "./candidates.server";
import { formatAmount, roundToYuan } from "./labels";
import { clauseInfo, companyInfo, policyTitles } from "./lookup.server";

/**
 * 兑付批次: an officer prepares a batch from the payable pool and submits it; a reviewer who took
 * no part in preparing it approves or rejects it (four eyes); the officer records the bank's
 * result. Every step is audited against the batch (its timeline); refusals are audited outside
 * the rolled-back transaction. Companies hear of money paid or failed through notifyCompany in
 * the same transaction as the change.
 */
type Tx = Prisma.TransactionClient;

export class PayoutError extends Error {
  constructor(message: string, readonly status = 400, readonly field?: string) {
    super(message);
  }
}

export const BATCH_PAGE_SIZE = 50;
const LONG_TX = { timeout: 120_000 };

/** Who may see payouts at all: officers run them, reviewers approve them; both city-wide. */
export function seesPayouts(actor: Actor): boolean {
  return actor.role === "POLICY_OFFICER" || actor.role === "REVIEWER";
}

function requireOfficer(actor: Actor): void {
  if (actor.role !== "POLICY_OFFICER") throw new PayoutError("只有政策专员可以编制批次和登记支付结果", 403);
}

function cleanComment(comment: string | null | undefined, required: string | null): string | null {
  const text = comment?.trim() || null;
  if (!text && required) throw new PayoutError(required, 400, "comment");
  if (text && text.length > 500) throw new PayoutError("意见过长（上限 500 字）", 400, "comment");
  return text;
}

// ─── Preparing ───────────────────────────────────────────────────────────────────────────────

/** Creates a DRAFT batch from the whole payable pool of one policy (or all), in one transaction. */
export async function createBatch(input: { actor: Actor; policyId: string | null; title?: string | null; ip?: string | null }): Promise<{ batchId: string; count: number; amount: number }> {
  const { actor } = input;
  requireOfficer(actor);
  const title = input.title?.trim() || null;
  if (title && title.length > 100) throw new PayoutError("批次名称过长（上限 100 字）", 400, "title");
  try {
    return await prisma.$transaction(async (tx) => {
      const { candidates } = await findCandidates(tx, input.policyId);
      if (!candidates.length) throw new PayoutError("没有可纳入批次的记录：企业确认收款账户（免申即享）或申报获批后，才能编入兑付批次。", 409);
      const policyTitle = input.policyId ? (await policyTitles([input.policyId], tx)).get(input.policyId) ?? input.policyId : null;
      const batch = await tx.payoutBatch.create({
        data: { title: title ?? `${policyTitle ?? "全部政策"} 兑付批次（${cityDate()}）`, policyId: input.policyId, preparedById: actor.id },
      });
      const fresh = candidates.filter((c) => !c.retry);
      for (let i = 0; i < fresh.length; i += 500) {
        await tx.payout.createMany({
          data: fresh.slice(i, i + 500).map((c) => ({ matchId: c.matchId, companyId: c.companyId, clauseId: c.clauseId, policyId: c.policyId, amount: c.amount, batchId: batch.id })),
        });
      }
      // A failed payout moves into the new batch; only if it is still failed (no one else took it).
      for (const c of candidates.filter((x) => x.retry)) {
        const moved = await tx.payout.updateMany({ where: { id: c.retry!.payoutId, status: "FAILED" }, data: { batchId: batch.id, status: "PENDING", amount: c.amount } });
        if (moved.count !== 1) throw new PayoutError("有记录已被其他批次纳入，请刷新后重试。", 409);
      }
      const amount = roundToYuan(candidates.reduce((n, c) => n + c.amount, 0));
      await audit({
        actorId: actor.id, action: "payout.batch.create", entityType: "PayoutBatch", entityId: batch.id,
        detail: { policyId: input.policyId, count: candidates.length, amount, retries: candidates.length - fresh.length }, ip: input.ip,
      }, tx);
      return { batchId: batch.id, count: candidates.length, amount };
    }, LONG_TX);
  } catch (error) {
    // Another officer's batch took a record between our read and our write: Payout.matchId is unique.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new PayoutError("有记录已被其他批次纳入，请刷新后重试。", 409);
    }
    throw error;
  }
}

/** Submits a draft for review. */
export async function submitBatch(input: { actor: Actor; batchId: string; comment?: string | null; ip?: string | null }): Promise<void> {
  requireOfficer(input.actor);
  const comment = cleanComment(input.comment, null);
  await prisma.$transaction(async (tx) => {
    const batch = await draftOf(tx, input.batchId);
    if (!(await tx.payout.count({ where: { batchId: batch.id } }))) throw new PayoutError("批次中没有兑付记录，不能提交", 409);
    await tx.payoutBatch.update({ where: { id: batch.id }, data: { status: "SUBMITTED", submittedAt: new Date() } });
    await audit({ actorId: input.actor.id, action: "payout.batch.submit", entityType: "PayoutBatch", entityId: batch.id, detail: { comment }, ip: input.ip }, tx);
  });
}

/** Gives up a draft: its records go back to the pool. */
export async function discardBatch(input: { actor: Actor; batchId: string; ip?: string | null }): Promise<void> {
  requireOfficer(input.actor);
  await prisma.$transaction(async (tx) => {
    const batch = await draftOf(tx, input.batchId);
    const snapshot = await releasePayouts(tx, batch.id);
    await tx.payoutBatch.delete({ where: { id: batch.id } });
    await audit({ actorId: input.actor.id, action: "payout.batch.discard", entityType: "PayoutBatch", entityId: batch.id, detail: { title: batch.title, ...snapshot }, ip: input.ip }, tx);
  });
}

async function draftOf(tx: Tx, batchId: string) {
  const batch = await tx.payoutBatch.findUnique({ where: { id: batchId } });
  if (!batch) throw new PayoutError("没有该兑付批次", 404);
  if (batch.status !== "DRAFT") throw new PayoutError("只有草稿状态的批次可以提交或放弃", 409);
  return batch;
}

/**
 * Takes a batch's payouts out of it, back into the pool: the rows go (Payout.matchId must be free
 * for the next batch), a summary stays in the audit record. Earlier failures stay in the
 * timelines of the batches where they happened.
 */
async function releasePayouts(tx: Tx, batchId: string) {
  const payouts = await tx.payout.findMany({ where: { batchId }, select: { matchId: true, companyId: true, clauseId: true, amount: true } });
  await tx.payout.deleteMany({ where: { batchId } });
  return {
    count: payouts.length,
    amount: roundToYuan(payouts.reduce((n, p) => n + p.amount, 0)),
    items: payouts.map((p) => ({ companyId: p.companyId, clauseId: p.clauseId, amount: p.amount })),
  };
}

// ─── Reviewing (four eyes) ──────────────────────────────────────────────────────────────────

/** Everyone who prepared or submitted the batch: none of them may approve it. */
export async function writersOf(db: Tx, batch: { id: string; preparedById: string }): Promise<string[]> {
  const steps = await db.auditLog.findMany({
    where: { entityType: "PayoutBatch", entityId: batch.id, action: { in: ["payout.batch.create", "payout.batch.submit"] } },
    select: { actorId: true },
  });
  return [...new Set([batch.preparedById, ...steps.map((s) => s.actorId)].filter((x): x is string => !!x))];
}

export async function decideBatch(input: { actor: Actor; batchId: string; decision: "approve" | "reject"; comment?: string | null; ip?: string | null }): Promise<void> {
  const { actor, decision } = input;
  if (actor.role !== "REVIEWER") throw new PayoutError("只有审核人可以审核兑付批次", 403);
  const comment = cleanComment(input.comment, decision === "reject" ? "退回须填写理由" : null);
  const refused = await prisma.$transaction(async (tx) => {
    const batch = await tx.payoutBatch.findUnique({ where: { id: input.batchId } });
    if (!batch) throw new PayoutError("没有该兑付批次", 404);
    if (batch.status !== "SUBMITTED") return "该批次不在待审核状态";
    if ((await writersOf(tx, batch)).includes(actor.id)) return "按四眼原则，您编制或提交了该批次，须由其他审核人审核";
    if (decision === "approve") {
      const payouts = await tx.payout.findMany({ where: { batchId: batch.id }, select: { matchId: true } });
      const ok = await stillPayable(tx, payouts.map((p) => p.matchId));
      const stale = payouts.filter((p) => !ok.has(p.matchId)).length;
      if (stale) return `批次中有 ${stale} 笔的匹配结果已变化（已不符合条件或申报不再有效），请退回后重新编制`;
      await tx.payout.updateMany({ where: { batchId: batch.id, status: "PENDING" }, data: { status: "APPROVED" } });
      await tx.payoutBatch.update({ where: { id: batch.id }, data: { status: "APPROVED", approvedById: actor.id, approvedAt: new Date(), comment } });
      await audit({ actorId: actor.id, action: "payout.batch.approve", entityType: "PayoutBatch", entityId: batch.id, detail: { comment, count: payouts.length }, ip: input.ip }, tx);
    } else {
      const snapshot = await releasePayouts(tx, batch.id);
      await tx.payoutBatch.update({ where: { id: batch.id }, data: { status: "REJECTED", comment } });
      await audit({ actorId: actor.id, action: "payout.batch.reject", entityType: "PayoutBatch", entityId: batch.id, detail: { comment, ...snapshot }, ip: input.ip }, tx);
    }
    return null;
  }, LONG_TX);
  if (refused) {
    // A refused attempt is an official act too: audited, outside the transaction that rolled back.
    await audit({ actorId: actor.id, action: `payout.batch.${decision}.refused`, entityType: "PayoutBatch", entityId: input.batchId, detail: { reason: refused }, ip: input.ip });
    throw new PayoutError(refused, 409);
  }
}

// ─── Recording the payment ─────────────────────────────────────────────────────────────────

async function approvedBatch(tx: Tx, batchId: string) {
  const batch = await tx.payoutBatch.findUnique({ where: { id: batchId } });
  if (!batch) throw new PayoutError("没有该兑付批次", 404);
  if (batch.status !== "APPROVED") throw new PayoutError("只有已批准的批次可以登记支付结果", 409);
  return batch;
}

/** One payout the bank returned: FAILED with the reason; it can go into a later batch. */
export async function recordFailure(input: { actor: Actor; batchId: string; payoutId: string; reason: string; ip?: string | null }): Promise<void> {
  requireOfficer(input.actor);
  const reason = cleanComment(input.reason, "请填写支付失败的原因，如“账户名与户名不符”")!;
  await prisma.$transaction(async (tx) => {
    const batch = await approvedBatch(tx, input.batchId);
    const payout = await tx.payout.findFirst({ where: { id: input.payoutId, batchId: batch.id } });
    if (!payout) throw new PayoutError("该批次中没有这笔兑付", 404);
    if (payout.status !== "APPROVED") throw new PayoutError("这笔兑付的结果已经登记过", 409);
    await tx.payout.update({ where: { id: payout.id }, data: { status: "FAILED", failure: reason } });
    const [company, clause] = await Promise.all([companyInfo([payout.companyId], tx), clauseInfo([payout.clauseId], tx)]);
    const c = clause.get(payout.clauseId);
    const name = company.get(payout.companyId)?.name ?? "";
    await notifyCompany(tx, payout.companyId, {
      key: `payout:failed:${payout.id}:${batch.id}`, kind: "PAYOUT", essential: true, link: "/my-policies",
      title: `兑付未成功：${c?.policyTitle ?? ""}`,
      body: `“${c?.name ?? ""}”${formatAmount(payout.amount)}本次拨付未成功，原因：${reason}。请核对收款账户，核实后将重新拨付。`,
      mail: payoutFailedMail({ company: name, policy: c?.policyTitle ?? "", clause: c?.name ?? "", amount: formatAmount(payout.amount), reason }),
    });
    await audit({
      actorId: input.actor.id, action: "payout.fail", entityType: "PayoutBatch", entityId: batch.id,
      detail: { payoutId: payout.id, companyId: payout.companyId, company: name, amount: payout.amount, comment: reason }, ip: input.ip,
    }, tx);
  });
}

/** Every payout of the batch not recorded as failed is paid; the batch is done. */
export async function markBatchPaid(input: { actor: Actor; batchId: string; comment?: string | null; ip?: string | null }): Promise<{ paid: number; failed: number }> {
  requireOfficer(input.actor);
  const comment = cleanComment(input.comment, null);
  return prisma.$transaction(async (tx) => {
    const batch = await approvedBatch(tx, input.batchId);
    const payouts = await tx.payout.findMany({ where: { batchId: batch.id, status: "APPROVED" } });
    const failed = await tx.payout.count({ where: { batchId: batch.id, status: "FAILED" } });
    const now = new Date();
    await tx.payout.updateMany({ where: { batchId: batch.id, status: "APPROVED" }, data: { status: "PAID", paidAt: now, failure: null } });
    await tx.payoutBatch.update({ where: { id: batch.id }, data: { status: "PAID" } });
    const [companies, clauses, accounts] = await Promise.all([
      companyInfo(payouts.map((p) => p.companyId), tx), clauseInfo(payouts.map((p) => p.clauseId), tx), accountsFor(tx, payouts.map((p) => p.matchId)),
    ]);
    for (const p of payouts) {
      const c = clauses.get(p.clauseId);
      const account = accounts.get(p.matchId);
      const where = account ? `${account.bank}（尾号 ${account.number.slice(-4)}）` : "";
      await notifyCompany(tx, p.companyId, {
        key: `payout:paid:${p.id}`, kind: "PAYOUT", essential: true, link: "/my-policies",
        title: `兑付到账：${c?.policyTitle ?? ""}`,
        body: `“${c?.name ?? ""}”${formatAmount(p.amount)}已于 ${formatDate(now)} 拨付${where ? `至${where}` : ""}。`,
        mail: payoutPaidMail({ company: companies.get(p.companyId)?.name ?? "", policy: c?.policyTitle ?? "", clause: c?.name ?? "", amount: formatAmount(p.amount), date: formatDate(now), account: where }),
      });
    }
    const amount = roundToYuan(payouts.reduce((n, p) => n + p.amount, 0));
    await audit({ actorId: input.actor.id, action: "payout.batch.paid", entityType: "PayoutBatch", entityId: batch.id, detail: { comment, paid: payouts.length, failed, amount }, ip: input.ip }, tx);
    return { paid: payouts.length, failed };
  }, LONG_TX);
}
