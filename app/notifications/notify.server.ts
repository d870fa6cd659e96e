import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { enqueue, registerHandler } from "~/jobs/outbox.server";
import { formatMoney } from "~/companies/labels";
import { MATCH_NOTIFY } from "~/matching/match-run.server";
import { companyOutcomes } from "~/matching/outcomes.server";
import { sendMail } from "./mailer.server";
import { matchNotice } from "./templates";

/**
 * Notifications: the in-app inbox and email, both through the outbox. A notification is written
 * once per (user, key); its email once per key. Essential messages (benefits that concern money)
 * are always emailed; a user who turned email off gets only the in-app copy of the others.
 */
export const MAIL_SEND = "mail.send";

export interface Notice {
  key: string;
  kind: "MATCH" | "PAYOUT" | "APPLICATION" | "CASE" | "SYSTEM";
  title: string;
  body: string;
  link?: string;
  essential: boolean;
  mail?: { subject: string; text: string; html?: string };
}

/** Notifies a company's users in-app and its contact by email (once per key). */
export async function notifyCompany(tx: Prisma.TransactionClient, companyId: string, notice: Notice): Promise<void> {
  const [company, users] = await Promise.all([
    tx.company.findUnique({ where: { id: companyId }, select: { contactEmail: true, name: true } }),
    tx.user.findMany({ where: { companyId, disabled: false }, select: { id: true, emailOptOut: true } }),
  ]);
  for (const u of users) {
    const exists = await tx.notification.findUnique({ where: { userId_key: { userId: u.id, key: notice.key } }, select: { id: true } });
    if (!exists) await tx.notification.create({ data: { userId: u.id, key: notice.key, kind: notice.kind, title: notice.title, body: notice.body, link: notice.link ?? null } });
  }
  const wantsMail = notice.essential || users.length === 0 || users.some((u) => !u.emailOptOut);
  if (notice.mail && company?.contactEmail && wantsMail) {
    await enqueue(tx, { topic: MAIL_SEND, key: notice.key + ":" + companyId, payload: { to: company.contactEmail, ...notice.mail } });
  }
}

registerHandler(MAIL_SEND, async (m) => {
  const mail = m.payload as { to: string; subject: string; text: string; html?: string };
  await sendMail({ ...mail, messageId: `<${m.key.replace(/[^A-Za-z0-9.:-]/g, "-")}@qinqing.local>` });
});

/**
 * 免申即享: a match run's notice to one company, listing the clause versions it newly qualifies
 * for (messages enqueued before notices were grouped carry a single clauseId). At delivery, the
 * versions no longer qualified for or already declined are left out; if none is left, nothing
 * is sent.
 */
registerHandler(MATCH_NOTIFY, async (m) => {
  const payload = m.payload as { companyId: string; clauseIds?: string[]; clauseId?: string };
  const { companyId } = payload;
  const clauseIds = payload.clauseIds ?? [payload.clauseId!];
  await prisma.$transaction(async (tx) => {
    const outcomes = new Map(((await companyOutcomes(tx, companyId, clauseIds))?.outcomes ?? []).map((o) => [o.clauseId, o]));
    const live = clauseIds.map((id) => outcomes.get(id)).filter((o) => o && o.status === "QUALIFIED" && o.response !== "DECLINED").map((o) => o!);
    if (!live.length) return;
    const clauses = new Map((await tx.policyClause.findMany({
      where: { id: { in: live.map((r) => r.clauseId) } },
      select: { id: true, name: true, version: { select: { title: true } } },
    })).map((c) => [c.id, c]));
    const company = await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { name: true } });
    const items = live.map((r) => {
      const clause = clauses.get(r.clauseId)!;
      return { policy: clause.version.title, clause: clause.name, amount: r.amount != null ? formatMoney(r.amount) : null };
    });
    const { title, body, mail } = matchNotice(company.name, items);
    await notifyCompany(tx, companyId, {
      // Old single-clause messages keep their key, so one delivered again is still recognised.
      key: payload.clauseIds ? `match:${m.key}` : `match:${payload.clauseId}`,
      kind: "MATCH", title, body, link: "/my-policies", essential: true, mail,
    });
  });
});
