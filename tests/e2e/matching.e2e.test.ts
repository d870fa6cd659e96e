import fs from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCaughtMail } from "~/notifications/mail-catcher.server";
import { startApp, type RunningApp } from "../support/app-process";
import { launchBrowser, SCREENSHOT_DIR } from "../support/browser";
import { loginAs } from "../support/session";

let app: RunningApp;
let browser: Browser;
let officer: Page;
let reviewer: Page;
let company: Page;

const TITLE = "郑州高新区高新技术企业研发激励（测试）";
// A 免申即享 clause the demo enterprise (郑州云帆智能科技, 高新区, 高新技术企业) qualifies for.
const POLICY = `id: gaoxinqu-gaoqi-yanfa-jili-ceshi
title: ${TITLE}
docNumber: 待核对原件文号
issuer: 郑州高新技术产业开发区管理委员会
level: 区
region: "410172"
publishedOn: 2026-01-01
effectiveFrom: 2026-01-01
tags:
  - 高企
industries: []
summary: 高新区内持有效高新技术企业资质的企业，免申即享研发激励。
text: 测试用政策。
clauses:
  - id: jili
    name: 高新技术企业研发激励
    delivery: 免申即享
    conditions:
      all:
        - fact: districtCode
          operator: equal
          value: "410172"
        - fact: qualifications
          operator: contains
          value: HIGH_TECH
    benefit:
      kind: fixed
      unit: 万元
      parameters:
        amount:
          - from: 2026-01-01
            value: 8
      description: 一次性奖励8万元
situations:
  - name: 高新区高企符合
    on: 2026-06-01
    facts:
      districtCode: "410172"
      qualifications:
        - HIGH_TECH
    expect:
      jili:
        qualifies: true
        amount: 8
`;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  await fs.mkdir(SCREENSHOT_DIR, { recursive: true });
  [officer, reviewer, company] = await Promise.all(["zhengce", "shenhe", "qiye"].map((u) => loginAs(browser, app.url, u)));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const mailDir = () => path.join(app.dataDir, "mail");
const mailsAbout = async (subject: string) => (await listCaughtMail(mailDir(), 100_000)).filter((m) => m.subject.includes(subject));

describe("政策找企、免申即享: an officer publishes, the company is told once and confirms", () => {
  it("publishes a 免申即享 policy through review", async () => {
    // After the first full match of start-up: a policy published before it finished would reach
    // the company in that run's one notice, listed with everything else it qualifies for.
    await officer.goto(`${app.url}/matching`);
    await expect.poll(async () => {
      await officer.reload();
      return (await officer.getByRole("row").nth(1).textContent()) ?? "";
    }, { timeout: 50_000, interval: 1000 }).toMatch(/全量首次匹配.*完成/);
    await officer.goto(`${app.url}/policy-admin`);
    await officer.getByLabel("规则文件内容").fill(POLICY);
    await officer.getByRole("button", { name: "导入为草稿" }).click();
    await officer.waitForURL(/\/policy-admin\/v\//);
    await officer.getByRole("button", { name: "提交审核" }).click();
    await expect.poll(() => officer.getByTestId("version-status").textContent()).toBe("待审核");
    await reviewer.goto(officer.url());
    await reviewer.getByRole("button", { name: /审核通过/ }).click();
    await expect.poll(() => reviewer.getByTestId("version-status").textContent()).toBe("审核通过");
    await officer.reload();
    await officer.getByRole("button", { name: /^发\s*布$/ }).click();
    await expect.poll(() => officer.getByTestId("version-status").textContent()).toBe("已发布");
  });

  it("reaches the company in its inbox and by email, without an application", async () => {
    // The worker re-matches the new clause and delivers; the inbox badge shows it.
    await expect.poll(async () => {
      await company.goto(`${app.url}/notifications`);
      return company.getByText(`免申即享：${TITLE}`).count();
    }, { timeout: 60_000, interval: 1000 }).toBe(1);
    const mine = async () => (await mailsAbout(TITLE)).filter((m) => m.to.includes("yunfan"));
    await expect.poll(async () => (await mine()).length, { timeout: 60_000, interval: 1000 }).toBe(1);
    const [mail] = await mine();
    expect(mail.text).toContain("无需提交申请");
    await company.screenshot({ path: path.join(SCREENSHOT_DIR, "match-inbox.png"), fullPage: true });

    // The administrator reads it in 邮件查看, which says how many it holds and that it lists the newest.
    const admin = await loginAs(browser, app.url, "admin");
    // (Mail may still be arriving: the page and the folder are read again until they agree.)
    await expect.poll(async () => {
      await admin.goto(`${app.url}/mail`);
      const held = (await fs.readdir(mailDir())).filter((n) => n.endsWith(".eml")).length;
      return admin.getByText(held > 100 ? `共收到 ${held.toLocaleString("zh-CN")} 封邮件，这里列出最新的 100 封。` : `共收到 ${held} 封邮件。`).count();
    }, { timeout: 30_000, interval: 1000 }).toBe(1);
    expect(await admin.getByText(mail.subject).count()).toBeGreaterThan(0);
    await admin.screenshot({ path: path.join(SCREENSHOT_DIR, "mail-catcher.png") });
    await admin.close();
  });

  it("lets the company confirm its receiving account, field errors in Chinese first", async () => {
    await company.goto(`${app.url}/my-policies`);
    const row = company.getByRole("row", { name: new RegExp(TITLE) });
    await expect.poll(() => row.textContent()).toContain("待确认");
    if (!(await company.getByRole("form", { name: "确认收款账户：高新技术企业研发激励" }).isVisible())) await row.getByRole("button").first().click();
    const form = company.getByRole("form", { name: "确认收款账户：高新技术企业研发激励" });
    await form.getByLabel("银行账号").fill("12ab");
    await form.getByRole("button", { name: /确\s*认/ }).click();
    await expect.poll(() => company.getByText("银行账号应为 8–30 位数字").count()).toBe(1);
    const again = company.getByRole("form", { name: "确认收款账户：高新技术企业研发激励" });
    await again.getByLabel("开户银行").fill("中国银行郑州高新技术开发区支行");
    await again.getByLabel("银行账号").fill("6216610200012345678");
    await again.getByRole("button", { name: /确\s*认/ }).click();
    await expect.poll(() => company.getByText("已确认收款账户").count()).toBe(1);
    await expect.poll(() => company.getByRole("row", { name: new RegExp(TITLE) }).textContent()).toContain("已确认");
    await company.screenshot({ path: path.join(SCREENSHOT_DIR, "my-policies.png"), fullPage: true });
  });

  it("sends nothing again when the officer runs the whole match again", async () => {
    // Every company's mail from the publication has gone out once the count stops changing.
    let before = -1;
    await expect.poll(async () => {
      const now = (await mailsAbout(TITLE)).length;
      const stable = now === before;
      before = now;
      return stable;
    }, { timeout: 60_000, interval: 3000 }).toBe(true);
    await officer.goto(`${app.url}/matching`);
    await officer.getByRole("button", { name: "全量匹配" }).click();
    // Wait until the requested run has finished (a newer DONE full run appears).
    await expect.poll(async () => {
      await officer.reload();
      const first = officer.getByRole("row").nth(1);
      return (await first.textContent()) ?? "";
    }, { timeout: 90_000, interval: 1500 }).toMatch(/全量手动.*完成/);
    await officer.screenshot({ path: path.join(SCREENSHOT_DIR, "matching-runs.png"), fullPage: true });
    await new Promise((r) => setTimeout(r, 5000)); // one more worker pass after the run
    expect((await mailsAbout(TITLE)).length).toBe(before);
    expect((await mailsAbout(TITLE)).filter((m) => m.to.includes("yunfan"))).toHaveLength(1);
    await company.goto(`${app.url}/notifications`);
    expect(await company.getByText(`免申即享：${TITLE}`).count()).toBe(1);
  });
});
