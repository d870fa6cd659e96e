import type { Actor } from "~/auth/actor";
import { prisma } from "~/db.server";
import { BATCH_PAGE_SIZE, seesPayouts, writersOf } from "./batches.server";
import { accountsFor, stillPayable } from "./candidates.server";
import { BATCH_EVENT_LABELS, formatAmount, maskAccount, roundToYuan, type BatchStatus, type PayoutStatus } from "./labels";
import { clauseInfo, companyInfo, policyTitles, userNames } from "./lookup.server";
import { pageOf } from "~/utils/paging";

/** 兑付批次 as officers and reviewers read them (the lifecycle is in batches.server.ts). */
interface Snapshot {
  count: number;
  amount: number;
  items?: { companyId: string; clauseId: string; amount: number }[];
}

/** Count and amount per batch; a rejected batch's from the summary kept when it was rejected. */
async function batchTotals(batchIds: string[]): Promise<Map<string, { count: number; amount: number }>> {
  const out = new Map<string, { count: number; amount: number }>();
  if (!batchIds.length) return out;
  const groups = await prisma.payout.groupBy({ by: ["batchId"], where: { batchId: { in: batchIds } }, _count: { _all: true }, _sum: { amount: true } });
  for (const g of groups) if (g.batchId) out.set(g.batchId, { count: g._count._all, amount: roundToYuan(g._sum.amount ?? 0) });
  const rejected = await prisma.auditLog.findMany({ where: { entityType: "PayoutBatch", entityId: { in: batchIds }, action: "payout.batch.reject" }, select: { entityId: true, detail: true } });
  for (const r of rejected) {
    const s = JSON.parse(r.detail ?? "{}") as Snapshot;
    out.set(r.entityId!, { count: s.count ?? 0, amount: s.amount ?? 0 });
  }
  return out;
}

export async function listBatches(input: { actor: Actor; status?: BatchStatus | null; page?: number }) {
  if (!seesPayouts(input.actor)) return { total: 0, page: 1, rows: [] };
  const where = input.status ? { status: input.status } : {};
  const total = await prisma.payoutBatch.count({ where });
  const { page, skip } = pageOf(total, 20, input.page);
  const batches = await prisma.payoutBatch.findMany({ where, orderBy: { createdAt: "desc" }, skip, take: 20 });
  const [totals, titles, names] = await Promise.all([
    batchTotals(batches.map((b) => b.id)),
    policyTitles(batches.map((b) => b.policyId).filter((x): x is string => !!x)),
    userNames(batches.flatMap((b) => [b.preparedById, b.approvedById])),
  ]);
  return {
    total, page,
    rows: batches.map((b) => ({
      id: b.id, title: b.title, status: b.status as BatchStatus,
      policy: b.policyId ? titles.get(b.policyId) ?? b.policyId : "全部政策",
      count: totals.get(b.id)?.count ?? 0, amount: totals.get(b.id)?.amount ?? 0,
      preparedBy: names.get(b.preparedById) ?? "", approvedBy: b.approvedById ? names.get(b.approvedById) ?? "" : null,
      createdAt: b.createdAt, submittedAt: b.submittedAt, approvedAt: b.approvedAt,
    })),
  };
}

/** Batches waiting for a reviewer, oldest first; the reviewer's own part marked (four eyes). */
export async function batchesToReview(actor: Actor) {
  if (actor.role !== "REVIEWER") return [];
  const batches = await prisma.payoutBatch.findMany({ where: { status: "SUBMITTED" }, orderBy: { submittedAt: "asc" } });
  const [totals, titles, names] = await Promise.all([
    batchTotals(batches.map((b) => b.id)),
    policyTitles(batches.map((b) => b.policyId).filter((x): x is string => !!x)),
    userNames(batches.map((b) => b.preparedById)),
  ]);
  const out = [];
  for (const b of batches) {
    out.push({
      id: b.id, title: b.title, policy: b.policyId ? titles.get(b.policyId) ?? b.policyId : "全部政策",
      count: totals.get(b.id)?.count ?? 0, amount: totals.get(b.id)?.amount ?? 0,
      preparedBy: names.get(b.preparedById) ?? "", submittedAt: b.submittedAt,
      ownWork: (await writersOf(prisma, b)).includes(actor.id),
    });
  }
  return out;
}

export type BatchAction = "submit" | "discard" | "approve" | "reject" | "fail" | "paid";

/** One batch: totals, a page of its payouts with company and account, actions, timeline. */
export async function getBatch(input: { actor: Actor; batchId: string; page?: number }) {
  const { actor } = input;
  if (!seesPayouts(actor)) return null;
  const batch = await prisma.payoutBatch.findUnique({ where: { id: input.batchId } });
  if (!batch) return null;
  const status = batch.status as BatchStatus;

  const [byStatus, byClause, total] = await Promise.all([
    prisma.payout.groupBy({ by: ["status"], where: { batchId: batch.id }, _count: { _all: true }, _sum: { amount: true } }),
    prisma.payout.groupBy({ by: ["clauseId"], where: { batchId: batch.id }, _count: { _all: true }, _sum: { amount: true } }),
    prisma.payout.count({ where: { batchId: batch.id } }),
  ]);
  const { page, pages } = pageOf(total, BATCH_PAGE_SIZE, input.page);
  const payouts = await prisma.payout.findMany({
    where: { batchId: batch.id }, orderBy: [{ policyId: "asc" }, { companyId: "asc" }, { id: "asc" }],
    skip: (page - 1) * BATCH_PAGE_SIZE, take: BATCH_PAGE_SIZE,
  });

  const events = await prisma.auditLog.findMany({ where: { entityType: "PayoutBatch", entityId: batch.id }, orderBy: { id: "asc" } });
  const rejected = events.find((e) => e.action === "payout.batch.reject");
  const snapshot = rejected ? (JSON.parse(rejected.detail ?? "{}") as Snapshot) : null;

  // A payout's record may have changed since it was batched (re-matched, application withdrawn).
  const open = status === "DRAFT" || status === "SUBMITTED";
  const allMatchIds = open ? (await prisma.payout.findMany({ where: { batchId: batch.id }, select: { matchId: true } })).map((p) => p.matchId) : [];
  const [companies, clauses, accounts, payable, names, writers] = await Promise.all([
    companyInfo([...payouts.map((p) => p.companyId), ...(snapshot?.items ?? []).slice(0, 200).map((i) => i.companyId)]),
    clauseInfo([...payouts.map((p) => p.clauseId), ...byClause.map((g) => g.clauseId), ...(snapshot?.items ?? []).slice(0, 200).map((i) => i.clauseId)]),
    accountsFor(prisma, payouts.map((p) => p.matchId)),
    open ? stillPayable(prisma, allMatchIds) : Promise.resolve(null),
    userNames([batch.preparedById, batch.approvedById, ...events.map((e) => e.actorId)]),
    writersOf(prisma, batch),
  ]);
  const stale = payable ? allMatchIds.filter((id) => !payable.has(id)).length : 0;

  const actions: BatchAction[] = [];
  if (actor.role === "POLICY_OFFICER" && status === "DRAFT") actions.push("submit", "discard");
  if (actor.role === "REVIEWER" && status === "SUBMITTED" && !writers.includes(actor.id)) actions.push("approve", "reject");
  if (actor.role === "POLICY_OFFICER" && status === "APPROVED") actions.push("fail", "paid");

  const sum = (s: PayoutStatus) => byStatus.find((g) => g.status === s);
  return {
    batch: {
      id: batch.id, title: batch.title, status, comment: batch.comment,
      policy: batch.policyId ? (await policyTitles([batch.policyId])).get(batch.policyId) ?? batch.policyId : "全部政策",
      preparedBy: names.get(batch.preparedById) ?? "", approvedBy: batch.approvedById ? names.get(batch.approvedById) ?? "" : null,
      createdAt: batch.createdAt, submittedAt: batch.submittedAt, approvedAt: batch.approvedAt,
    },
    totals: {
      count: snapshot ? snapshot.count : total,
      amount: snapshot ? snapshot.amount : roundToYuan(byStatus.reduce((n, g) => n + (g._sum.amount ?? 0), 0)),
      paid: { count: sum("PAID")?._count._all ?? 0, amount: roundToYuan(sum("PAID")?._sum.amount ?? 0) },
      failed: { count: sum("FAILED")?._count._all ?? 0, amount: roundToYuan(sum("FAILED")?._sum.amount ?? 0) },
    },
    byClause: byClause.map((g) => {
      const c = clauses.get(g.clauseId);
      return { clauseId: g.clauseId, policy: c?.policyTitle ?? "", clause: c?.name ?? "", count: g._count._all, amount: roundToYuan(g._sum.amount ?? 0) };
    }).sort((a, b) => b.amount - a.amount),
    page, pages, pageSize: BATCH_PAGE_SIZE,
    payouts: payouts.map((p) => {
      const company = companies.get(p.companyId);
      const clause = clauses.get(p.clauseId);
      const account = accounts.get(p.matchId);
      return {
        id: p.id, company: company?.name ?? "", uscc: company?.uscc ?? "", district: company?.district ?? null,
        policy: clause?.policyTitle ?? "", clause: clause?.name ?? "", delivery: clause?.delivery ?? "",
        amount: p.amount, status: p.status as PayoutStatus, failure: p.failure, paidAt: p.paidAt,
        account: account ? { name: account.name, bank: account.bank, number: maskAccount(account.number) } : null,
        stale: payable ? !payable.has(p.matchId) : false,
      };
    }),
    released: snapshot?.items?.slice(0, 200).map((i) => ({
      company: companies.get(i.companyId)?.name ?? "", clause: clauses.get(i.clauseId)?.name ?? "", amount: i.amount,
    })) ?? [],
    stale,
    isWriter: writers.includes(actor.id),
    actions,
    timeline: events.map((e) => {
      const d = JSON.parse(e.detail ?? "{}") as { comment?: string | null; reason?: string; company?: string; amount?: number; count?: number; paid?: number; failed?: number };
      const what = e.action === "payout.fail" ? `${d.company ?? ""} ${formatAmount(d.amount)}`
        : e.action === "payout.batch.create" ? `${d.count ?? 0} 笔，合计 ${formatAmount(d.amount)}`
        : e.action === "payout.batch.paid" ? `已支付 ${d.paid ?? 0} 笔，合计 ${formatAmount(d.amount)}${d.failed ? `；支付失败 ${d.failed} 笔` : ""}`
        : e.action === "payout.batch.reject" ? `${d.count ?? 0} 笔退回待兑付池`
        : null;
      return { id: e.id, at: e.at, action: BATCH_EVENT_LABELS[e.action] ?? e.action, actor: e.actorId ? names.get(e.actorId) ?? "已删除的用户" : "系统", what, comment: d.comment ?? d.reason ?? null };
    }),
  };
}

export type BatchDetail = NonNullable<Awaited<ReturnType<typeof getBatch>>>;

