import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { roundToYuan } from "./labels";
import { inChunks } from "./lookup.server";

/**
 * 待兑付池: what a new batch would pay. A match record is payable when it is QUALIFIED with an
 * amount, and the company has confirmed its receiving account (免申即享) or an officer has
 * approved its application (申报). It enters a batch once (Payout.matchId is unique); a payout
 * that failed comes back here to be paid again in a later batch.
 */
type Db = Prisma.TransactionClient;

export interface Candidate {
  matchId: string;
  companyId: string;
  clauseId: string;
  policyId: string;
  amount: number;
  /** A payout that failed before and is paid again. */
  retry: { payoutId: string; failure: string | null } | null;
}

export interface Account {
  name: string;
  bank: string;
  number: string;
}

const RECORD = { id: true, companyId: true, clauseId: true, policyId: true, amount: true, status: true, response: true, account: true } as const;

export async function findCandidates(db: Db, policyId: string | null): Promise<{ candidates: Candidate[]; skipped: number }> {
  const policy = policyId ? { policyId } : {};
  const confirmed = await db.matchRecord.findMany({ where: { ...policy, status: "QUALIFIED", amount: { gt: 0 }, response: "CONFIRMED" }, select: RECORD });
  const approved = await db.application.findMany({ where: { ...policy, status: "APPROVED" }, select: { companyId: true, clauseId: true, form: true } });
  let applied: typeof confirmed = [];
  if (approved.length) {
    // 申报: the amount the officer granted (核定金额), which is at most the rule's ceiling.
    const granted = new Map(approved.map((a) => [`${a.companyId}|${a.clauseId}`, (parseJson(a.form) as { approvedAmount?: number | null } | null)?.approvedAmount ?? null]));
    // By company (the (companyId, clauseId) key), then the approved pairs kept below.
    const clauseIds = [...new Set(approved.map((a) => a.clauseId))];
    const records = await inChunks([...new Set(approved.map((a) => a.companyId))], (ids) =>
      db.matchRecord.findMany({ where: { companyId: { in: ids }, clauseId: { in: clauseIds }, status: "QUALIFIED", amount: { gt: 0 } }, select: RECORD }));
    applied = records
      .filter((r) => granted.has(`${r.companyId}|${r.clauseId}`))
      .map((r) => ({ ...r, amount: Math.min(r.amount!, granted.get(`${r.companyId}|${r.clauseId}`) ?? r.amount!) }));
  }
  const records = [...new Map([...confirmed, ...applied].map((r) => [r.id, r])).values()];
  if (!records.length) return { candidates: [], skipped: 0 };

  const payouts = new Map((await inChunks(records.map((r) => r.id), (ids) =>
    db.payout.findMany({ where: { matchId: { in: ids } }, select: { id: true, matchId: true, status: true, failure: true } }))).map((p) => [p.matchId, p]));

  // Never twice: a clause paid (or being paid) under an earlier version of the same policy is
  // not paid again because a revision gave it a new clause id.
  const policies = [...new Set(records.map((r) => r.policyId))];
  const live = await db.payout.findMany({ where: { policyId: { in: policies }, status: { not: "FAILED" } }, select: { matchId: true, companyId: true, clauseId: true } });
  const keys = await clauseKeys(db, [...records.map((r) => r.clauseId), ...live.map((p) => p.clauseId)]);
  const taken = new Map(live.map((p) => [`${p.companyId}|${keys.get(p.clauseId)}`, p.matchId]));

  const candidates: Candidate[] = [];
  let skipped = 0;
  for (const r of records) {
    const payout = payouts.get(r.id);
    if (payout && payout.status !== "FAILED") continue;
    const other = taken.get(`${r.companyId}|${keys.get(r.clauseId)}`);
    if (other && other !== r.id) {
      skipped++;
      continue;
    }
    candidates.push({
      matchId: r.id, companyId: r.companyId, clauseId: r.clauseId, policyId: r.policyId, amount: roundToYuan(r.amount!),
      retry: payout ? { payoutId: payout.id, failure: payout.failure } : null,
    });
  }
  candidates.sort((a, b) => a.policyId.localeCompare(b.policyId) || a.companyId.localeCompare(b.companyId) || a.clauseId.localeCompare(b.clauseId));
  return { candidates, skipped };
}

/** PolicyClause.id → "policyId/clauseKey": the clause across the policy's versions. */
async function clauseKeys(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await inChunks([...new Set(ids)], (chunk) =>
    db.policyClause.findMany({ where: { id: { in: chunk } }, select: { id: true, key: true, version: { select: { policyId: true } } } }));
  return new Map(rows.map((c) => [c.id, `${c.version.policyId}/${c.key}`]));
}

/**
 * Is each record still payable as it was when batched? A record that lapsed since (re-matching
 * on new data) or whose application is no longer approved must not be approved for payment.
 */
export async function stillPayable(db: Db, matchIds: string[]): Promise<Set<string>> {
  const records = await inChunks(matchIds, (ids) => db.matchRecord.findMany({ where: { id: { in: ids } }, select: RECORD }));
  const ok = new Set<string>();
  const needApplication: typeof records = [];
  for (const r of records) {
    if (r.status !== "QUALIFIED" || !r.amount || r.amount <= 0) continue;
    if (r.response === "CONFIRMED") ok.add(r.id);
    else needApplication.push(r);
  }
  if (needApplication.length) {
    const approved = await inChunks([...new Set(needApplication.map((r) => r.clauseId))], (ids) =>
      db.application.findMany({ where: { clauseId: { in: ids }, status: "APPROVED" }, select: { companyId: true, clauseId: true } }));
    const pairs = new Set(approved.map((a) => `${a.companyId}|${a.clauseId}`));
    for (const r of needApplication) if (pairs.has(`${r.companyId}|${r.clauseId}`)) ok.add(r.id);
  }
  return ok;
}

/** The receiving account of each record: confirmed on 我的政策 (免申即享) or given in the application (申报). */
export async function accountsFor(db: Db, matchIds: string[]): Promise<Map<string, Account>> {
  const records = await inChunks(matchIds, (ids) => db.matchRecord.findMany({ where: { id: { in: ids } }, select: { id: true, companyId: true, clauseId: true, account: true } }));
  const out = new Map<string, Account>();
  const rest: typeof records = [];
  for (const r of records) {
    const account = r.account ? toAccount(parseJson(r.account)) : null;
    if (account) out.set(r.id, account);
    else rest.push(r);
  }
  if (rest.length) {
    const applications = await inChunks([...new Set(rest.map((r) => r.clauseId))], (ids) =>
      db.application.findMany({ where: { clauseId: { in: ids }, companyId: { in: [...new Set(rest.map((r) => r.companyId))] } }, select: { companyId: true, clauseId: true, form: true } }));
    const byPair = new Map(applications.map((a) => [`${a.companyId}|${a.clauseId}`, a.form]));
    for (const r of rest) {
      const form = byPair.get(`${r.companyId}|${r.clauseId}`);
      const account = form ? toAccount((parseJson(form) as { account?: unknown } | null)?.account) : null;
      if (account) out.set(r.id, account);
    }
  }
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toAccount(value: unknown): Account | null {
  const a = value as Partial<Account> | null | undefined;
  return a && typeof a === "object" && typeof a.number === "string" ? { name: String(a.name ?? ""), bank: String(a.bank ?? ""), number: a.number } : null;
}

/** Pool size for the overview page, by policy. */
export async function poolSummary(policyId: string | null = null) {
  const { candidates, skipped } = await findCandidates(prisma, policyId);
  const byPolicy = new Map<string, { policyId: string; count: number; amount: number; retries: number }>();
  for (const c of candidates) {
    const t = byPolicy.get(c.policyId) ?? byPolicy.set(c.policyId, { policyId: c.policyId, count: 0, amount: 0, retries: 0 }).get(c.policyId)!;
    t.count++;
    t.amount += c.amount;
    if (c.retry) t.retries++;
  }
    return {
    count: candidates.length,
    amount: roundToYuan(candidates.reduce((n, c) => n + c.amount, 0)),
    retries: candidates.filter((c) => c.retry).length,
    skipped,
    byPolicy: [...byPolicy.values()].map((t) => ({ ...t, amount: roundToYuan(t.amount) })),
  };
}
