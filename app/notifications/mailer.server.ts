import nodemailer, { type Transporter } from "nodemailer";
import { config } from "~/config.server";

let transporter: Transporter | undefined;

/** One SMTP transport for the process, from SMTP_URL (the embedded catcher by default). */
export function mailer(): Transporter {
  const { SMTP_URL } = config();
  if (!SMTP_URL) throw new Error("SMTP_URL 未设置：邮件无法发送");
  // Pooled: a batch of notices reuses connections instead of one SMTP handshake per mail.
  // The EHLO name is fixed so no hostname lookup precedes each connection.
  const url = new URL(SMTP_URL);
  if (!url.searchParams.has("pool")) url.searchParams.set("pool", "true");
  if (!url.searchParams.has("name")) url.searchParams.set("name", "qinqing.local");
  transporter ??= nodemailer.createTransport(url.toString());
  return transporter;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Stable id (from the outbox key), so a copy re-sent after a crash is recognisably the same mail. */
  messageId?: string;
}

export async function sendMail(mail: OutgoingMail): Promise<{ messageId: string }> {
  const info = await mailer().sendMail({ from: config().MAIL_FROM, ...mail });
  return { messageId: info.messageId };
}

/** For /healthz: can we talk to the SMTP server right now? */
export async function checkSmtp(): Promise<void> {
  await mailer().verify();
}
