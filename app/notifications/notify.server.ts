import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { enqueue, registerHandler } from "~/jobs/outbox.server";
import { formatMoney } from "~/companies/labels";
import { MATCH_NOTIFY } from "~/matching/match-run.server";
import { sendMail } from "./mailer.server";
import { matchMail } from "./templates";

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

/** A company newly qualifies for a 免申即享 clause version: tell it, unless it already declined. */
registerHandler(MATCH_NOTIFY, async (m) => {
  const { companyId, clauseId } = m.payload as { companyId: string; clauseId: string };
  await prisma.$transaction(async (tx) => {
    const record = await tx.matchRecord.findUnique({ where: { companyId_clauseId: { companyId, clauseId } } });
    if (!record || record.status !== "QUALIFIED" || record.response === "DECLINED") return;
    const clause = await tx.policyClause.findUniqueOrThrow({ where: { id: clauseId }, select: { name: true, version: { select: { title: true, policyId: true } } } });
    const company = await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { name: true } });
    const amount = record.amount != null ? formatMoney(record.amount) : null;
    const title = `免申即享：${clause.version.title}`;
    const body = `贵企业符合“${clause.name}”的条件${amount ? `，可享 ${amount}` : ""}，无需申请。请在“我的政策”中确认收款账户或选择放弃。`;
    await notifyCompany(tx, companyId, {
      key: `match:${clauseId}`, kind: "MATCH", title, body, link: "/my-policies", essential: true,
      mail: matchMail({ company: company.name, policy: clause.version.title, clause: clause.name, amount }),
    });
  });
});
