import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCaughtMail, startMailCatcher, type MailCatcher } from "~/notifications/mail-catcher.server";

describe("mail over real SMTP", () => {
  let dir: string;
  let catcher: MailCatcher;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "qinqing-mail-"));
    catcher = await startMailCatcher({ dir, preferredPort: 12525 });
    process.env.SMTP_URL = catcher.url;
  });
  afterAll(async () => {
    await catcher?.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("nodemailer sends, the receiver gets it intact", async () => {
    const { sendMail, checkSmtp } = await import("~/notifications/mailer.server");
    await checkSmtp();
    await sendMail({
      to: "lina@yunfan.example.cn",
      subject: "【亲清网格】您有一项免申即享政策待确认",
      text: "郑州云帆智能科技有限公司：您符合《失业保险稳岗返还》条件，预计可享 12,345.00 元。",
    });
    const [mail] = await listCaughtMail(dir);
    expect(mail.subject).toBe("【亲清网格】您有一项免申即享政策待确认");
    expect(mail.to).toContain("lina@yunfan.example.cn");
    expect(mail.from).toContain("noreply@qinqing.local");
    expect(mail.text).toContain("预计可享 12,345.00 元");
  });
});
