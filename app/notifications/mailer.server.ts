import nodemailer, { type Transporter } from "nodemailer";
import { config } from "~/config.server";

let transporter: Transporter | undefined;

/** One SMTP transport for the process, from SMTP_URL (the embedded catcher by default). */
export function mailer(): Transporter {
  const { SMTP_URL } = config();
  if (!SMTP_URL) throw new Error("SMTP_URL 未设置：邮件无法发送");
  transporter ??= nodemailer.createTransport(SMTP_URL);
  return transporter;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export async function sendMail(mail: OutgoingMail): Promise<{ messageId: string }> {
  const info = await mailer().sendMail({ from: config().MAIL_FROM, ...mail });
  return { messageId: info.messageId };
}

/** For /healthz: can we talk to the SMTP server right now? */
export async function checkSmtp(): Promise<void> {
  await mailer().verify();
}
