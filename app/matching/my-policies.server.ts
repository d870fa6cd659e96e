import { z } from "zod";
import type { Actor } from "~/auth/actor";
import { audit } from "~/audit.server";
import { prisma } from "~/db.server";
import { cityDate, factInstant } from "~/utils/dates";
import { nearMisses } from "./explain";
import { applyStatDeltas, responseDeltas } from "./match-stats.server";
import { actOn, companyOutcome, companyOutcomes, refreshPending } from "./outcomes.server";
import { clausesInForce } from "./match-run.server";
import { companyFacts } from "./registry-facts.server";

/**
 * 我的政策: what the enterprise user's own company qualifies for, what it has done about it, and
 * what it is one step away from. Scoped to actor.companyId inside every function.
 */
export async function myPolicies(actor: Actor) {
  if (actor.role !== "ENTERPRISE" || !actor.companyId) return null;
  const companyId = actor.companyId;
  const outcomes = (await companyOutcomes(prisma, companyId))?.outcomes ?? [];
  const clauses = new Map(
    (await prisma.policyClause.findMany({
      where: { id: { in: outcomes.map((o) => o.clauseId) } },
      select: { id: true, name: true, delivery: true, version: { select: { policyId: true, title: true, expiresOn: true } } },
    })).map((c) => [c.id, c]),
  );
  const payouts = new Map((await prisma.payout.findMany({ where: { companyId }, select: { matchId: true, status: true, paidAt: true, failure: true } })).map((p) => [p.matchId, p]));
  // Qualified before excluded before lapsed, the newest first within each.
  const order = { QUALIFIED: 0, EXCLUDED: 1, LAPSED: 2 };
  const rows = outcomes
    .sort((a, b) => order[a.status] - order[b.status] || b.firstQualifiedAt - a.firstQualifiedAt)
    .map((o) => {
      const c = clauses.get(o.clauseId);
      return {
        clauseId: o.clauseId,
        status: o.status,
        clause: c?.name ?? "（条款已删除）",
        delivery: c?.delivery ?? "",
        policyId: c?.version.policyId ?? o.policyId,
        policy: c?.version.title ?? "",
        amount: o.amount,
        reason: o.reason,
        response: o.response,
        respondedAt: o.record?.respondedAt ?? null,
        account: o.record?.account ? (JSON.parse(o.record.account) as Account) : null,
        firstQualifiedAt: new Date(o.firstQualifiedAt),
        payout: (o.record && payouts.get(o.record.id)) ?? null,
      };
    });
  return {
    current: rows.filter((r) => r.status !== "LAPSED"),
    history: rows.filter((r) => r.status === "LAPSED"),
    nearMisses: await companyNearMisses(companyId, new Set(rows.filter((r) => r.status !== "LAPSED").map((r) => r.clauseId))),
  };
}

const NEAR_MISSES_SHOWN = 20;

/** 还差一步: the first clauses in force (in policy order) the company meets all but one condition of. */
async function companyNearMisses(companyId: string, qualified: Set<string>) {
  const today = cityDate();
  const company = await companyFacts(companyId, factInstant(today));
  if (!company) return [];
  const out: { clauseId: string; policyId: string; policy: string; clause: string; missing: string[] }[] = [];
  const live = await clausesInForce(today);

  for (const c of live) {
    if (qualified.has(c.id) || c.predicate(company.facts)) continue;
    const misses = nearMisses(c.conditions, company.facts);
    if (misses.length) out.push({ clauseId: c.id, policyId: c.policyId, policy: c.policyTitle, clause: c.name, missing: misses.map((m) => `${m.sentence}（目前：${m.actual}）`) });
    if (out.length === NEAR_MISSES_SHOWN) break;
  }
  return out;
}

export const AccountForm = z.object({
  name: z.string().trim().min(2, "请填写开户名称").max(100, "开户名称过长"),
  bank: z.string().trim().min(4, "请填写开户银行（含支行）").max(100, "开户银行过长"),
  number: z.string().trim().regex(/^\d{8,30}$/, "银行账号应为 8–30 位数字"),
});
export type Account = z.infer<typeof AccountForm>;

export class ResponseError extends Error {}

/**
 * The company confirms its receiving account for a 免申即享 benefit, or declines it (a declined
 * benefit is never pushed again for that clause version). Once a payout is prepared, the answer
 * is final.
 */
export async function respondToMatch(input: { actor: Actor; clauseId: string; decision: "confirm" | "decline"; account?: Account; ip?: string | null }) {
  const { actor } = input;
  if (actor.role !== "ENTERPRISE" || !actor.companyId) throw new ResponseError("只有企业用户可以确认或放弃");
  const companyId = actor.companyId;
  await prisma.$transaction(async (tx) => {
    const outcome = await companyOutcome(tx, companyId, input.clauseId);
    if (!outcome) throw new ResponseError("没有找到该事项");
    if (!outcome.instant) throw new ResponseError("申报类事项请通过“申报”办理");
    if (outcome.status !== "QUALIFIED") throw new ResponseError(outcome.status === "EXCLUDED" ? "该事项与其他事项不重复享受，无需确认" : "该事项已不符合条件");
    // Once a payout is prepared the answer is final, except after a failed payment (usually a
    // wrong account): then the company corrects the account for the next batch.
    const payout = outcome.record ? await tx.payout.findUnique({ where: { matchId: outcome.record.id } }) : null;
    if (payout && !(payout.status === "FAILED" && input.decision === "confirm")) throw new ResponseError("兑付已在办理中，不能再修改");
    if (outcome.response === "DECLINED") throw new ResponseError("已放弃该事项");
    const response = input.decision === "confirm" ? "CONFIRMED" : "DECLINED";
    const recordId = await actOn(tx, companyId, outcome);
    await tx.matchRecord.update({
      where: { id: recordId },
      data: input.decision === "confirm"
        ? { response, account: JSON.stringify(input.account), respondedAt: new Date() }
        : { response, respondedAt: new Date() },
    });
    await applyStatDeltas(tx, responseDeltas(outcome, outcome.response, response));
    await refreshPending(tx, companyId);
    await audit({
      actorId: actor.id, action: input.decision === "confirm" ? "match.confirm" : "match.decline", entityType: "MatchRecord", entityId: recordId,
      // The account number is kept whole in the record, masked in the log.
      detail: input.decision === "confirm" ? { bank: input.account?.bank, number: `****${input.account?.number.slice(-4)}` } : {}, ip: input.ip,
    }, tx);
  });
}
