import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";
import { pickPort } from "~/utils/ports.server";

/**
 * A local SMTP receiver for development and tests: accepts every message on loopback and keeps
 * it as an .eml file, so sent mail can be read on the 邮件查看 page. Never used when SMTP_URL
 * names a real server.
 */
export interface MailCatcher {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export async function startMailCatcher(options: { dir: string; preferredPort?: number }): Promise<MailCatcher> {
  await fs.mkdir(options.dir, { recursive: true });
  const port = await pickPort(options.preferredPort ?? 1025);
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(Object.assign(new Error("邮件过大"), { responseCode: 552 }));
        }
        // Time-ordered names so a directory listing is the inbox order.
        const name = `${Date.now().toString().padStart(15, "0")}-${randomBytes(4).toString("hex")}.eml`;
        fs.writeFile(path.join(options.dir, name), Buffer.concat(chunks)).then(() => callback(), callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    dir: options.dir,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface CaughtMail {
  id: string;
  from: string;
  to: string;
  subject: string;
  date: string | null;
  text: string;
}

async function caughtFiles(dir: string): Promise<string[]> {
  return (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(".eml"));
}

/** How many messages the catcher holds (the page lists the newest of them). */
export async function countCaughtMail(dir: string): Promise<number> {
  return (await caughtFiles(dir)).length;
}

/** The newest caught messages first. */
export async function listCaughtMail(dir: string, limit = 100): Promise<CaughtMail[]> {
  const names = (await caughtFiles(dir)).sort().reverse().slice(0, limit);
  return Promise.all(
    names.map(async (name) => {
      const parsed = await simpleParser(await fs.readFile(path.join(dir, name)));
      const addressText = (a: typeof parsed.to) => (Array.isArray(a) ? a.map((x) => x.text).join(", ") : (a?.text ?? ""));
      return {
        id: name.replace(/\.eml$/, ""),
        from: parsed.from?.text ?? "",
        to: addressText(parsed.to),
        subject: parsed.subject ?? "（无主题）",
        date: parsed.date?.toISOString() ?? null,
        text: parsed.text ?? "",
      };
    }),
  );
}
