import type { Actor } from "~/auth/actor";
import { prisma } from "~/db.server";
import { enqueue, outboxSummary } from "~/jobs/outbox.server";
import { audit } from "~/audit.server";
import { MATCH_CLAUSE, MATCH_COMPANY, MATCH_FULL } from "./triggers.server";
import { pageOf } from "~/utils/paging";

export const POLICIES_PER_PAGE = 20;

/**
 * 匹配推送: runs with progress, delivery counts by policy (one page of policies, most qualified
 * first, with the total), the mail queue. Officers, city-wide.
 */
export async function pushStatus(actor: Actor, options: { page?: number } = {}) {
  if (actor.role !== "POLICY_OFFICER" && actor.role !== "ADMIN") return null;
  const [runs, waitingRuns, byPolicy, outbox, failures] = await Promise.all([
    prisma.matchRun.findMany({ orderBy: { startedAt: "desc" }, take: 15 }),
    prisma.outboxMessage.count({ where: { topic: { in: [MATCH_FULL, MATCH_CLAUSE, MATCH_COMPANY] }, status: { in: ["PENDING", "SENDING"] } } }),
    // Kept by the writers of match outcomes and answers (match-stats.server.ts): a few rows per clause.
    prisma.matchStat.findMany({ where: { count: { not: 0 } } }),
    outboxSummary(),
    prisma.outboxMessage.findMany({ where: { attempts: { gt: 0 }, status: { in: ["PENDING", "FAILED"] }, lastError: { not: null } }, orderBy: { nextAttemptAt: "asc" }, take: 5, select: { topic: true, attempts: true, lastError: true, nextAttemptAt: true, status: true } }),
  ]);
  // Amounts of 申报 clauses are ceilings decided on application: only 免申即享 amounts are totalled.
  // Every such clause, not those of the records: an id list as long as the catalogue would pass
  // SQLite's parameter limit (thousands of policies).
  const automatic = new Set((await prisma.policyClause.findMany({ where: { delivery: "免申即享" }, select: { id: true } })).map((c) => c.id));
  const policies = new Map<string, { policyId: string; title: string; qualified: number; excluded: number; pending: number; confirmed: number; declined: number; amount: number }>();
  for (const r of byPolicy) {
    const p = policies.get(r.policyId) ?? policies.set(r.policyId, { policyId: r.policyId, title: r.policyId, qualified: 0, excluded: 0, pending: 0, confirmed: 0, declined: 0, amount: 0 }).get(r.policyId)!;
    const n = r.count;
    if (r.status === "QUALIFIED") {
      p.qualified += n;
      if (r.response !== "DECLINED" && automatic.has(r.clauseId)) p.amount += r.amount;
    }
    if (r.status === "EXCLUDED") p.excluded += n;
    if (r.status === "QUALIFIED" && r.response === "PENDING") p.pending += n;
    if (r.status === "QUALIFIED" && r.response === "CONFIRMED") p.confirmed += n;
    if (r.response === "DECLINED") p.declined += n;
  }
  const count = (topic: string, status: string) => outbox.find((o) => o.topic === topic && o.status === status)?.count ?? 0;
  const mail = { pending: count("mail.send", "PENDING") + count("mail.send", "SENDING"), sent: count("mail.send", "SENT"), failed: count("mail.send", "FAILED") };
  const notices = { pending: count("match.notify", "PENDING") + count("match.notify", "SENDING"), sent: count("match.notify", "SENT") };
  const ranked = [...policies.values()].sort((a, b) => b.qualified - a.qualified || (a.policyId < b.policyId ? -1 : 1));
  const { page, skip } = pageOf(ranked.length, POLICIES_PER_PAGE, options.page);
  const shown = ranked.slice(skip, skip + POLICIES_PER_PAGE);
  // Titles for the page only: the newest published (or retired) version's.
  const titles = new Map<string, string>();
  for (const v of await prisma.policyVersion.findMany({ where: { policyId: { in: shown.map((p) => p.policyId) }, status: { in: ["PUBLISHED", "RETIRED"] } }, orderBy: { number: "asc" }, select: { policyId: true, title: true } })) titles.set(v.policyId, v.title);
  return {
    runs,
    waitingRuns,
    policies: shown.map((p) => ({ ...p, title: titles.get(p.policyId) ?? p.policyId, amount: Math.round(p.amount * 100) / 100 })),
    policyTotal: ranked.length,
    policyPage: page,
    policyPageSize: POLICIES_PER_PAGE,
    mail,
    notices,
    failures,
  };
}

/** The administrator's "全量匹配" button: one request per click, run by the worker. */
export async function requestManualFullMatch(actor: Actor, ip?: string | null): Promise<void> {
  if (actor.role !== "POLICY_OFFICER" && actor.role !== "ADMIN") throw new Error("无权发起全量匹配");
  await prisma.$transaction(async (tx) => {
    await enqueue(tx, { topic: MATCH_FULL, key: `manual:${Date.now()}:${actor.id}`, payload: { trigger: "手动", actorId: actor.id } });
    await audit({ actorId: actor.id, action: "match.full.request", entityType: "MatchRun", ip }, tx);
  });
}
