import fs from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
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

const POLICY = "科技型企业研发费用后补助";
const POLICY_ID = "keji-qiye-yanfa-feiyong-houbuzhu";
const CLAUSE = "科技型中小企业研发费用后补助"; // 免申即享, 21 万元 for the demo enterprise
const APPLY_CLAUSE = "潜在瞪羚企业认定奖励"; // 申报, four materials
const BATCH = "研发费用后补助第一批";

/** How long a page may take to show the result of a click (a bound for waiting, not a timing check). */
const UI = { timeout: 15_000 };
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
const db = () => new Database(path.join(app.dataDir, "app.db"));
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const EXE = Buffer.from("MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode.");

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

/** Opens an antd Select and clicks the option that reads `text`, as a mouse user would. */
async function choose(page: Page, label: string, text: string) {
  await page.getByRole("combobox", { name: label }).click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option").filter({ hasText: text }).first().click();
}

/** The clause's own row on 我的政策 (another row may name it as the benefit paid instead). */
const clauseRow = (page: Page, name: string) => page.getByRole("row").filter({ hasText: name }).filter({ hasNotText: "不重复享受" });

describe("兑付: confirmed benefits prepared, approved by someone else, paid, and in the ledger", () => {
  let batchUrl = "";
  let confirmed = 0;

  // Waits for the start-up match run, hence the longer time limit.
  it("has confirmed records: the demo company through 我的政策, others as their own users would", { timeout: 180_000 }, async () => {
    // The first full match runs at start-up; the company's 免申即享 benefit appears when it is done.
    await expect.poll(async () => {
      await company.goto(`${app.url}/my-policies`);
      return clauseRow(company, CLAUSE).count();
    }, { timeout: 90_000, interval: 1500 }).toBe(1);
    const row = clauseRow(company, CLAUSE);
    const formName = `确认收款账户：${CLAUSE}`;
    if (!(await company.getByRole("form", { name: formName }).isVisible())) await row.getByRole("button").first().click();
    const form = company.getByRole("form", { name: formName });
    await form.getByLabel("开户银行").fill("中国银行郑州高新技术开发区支行");
    await form.getByLabel("银行账号").fill("6216610200012345678");
    await form.getByRole("button", { name: /确\s*认/ }).click();
    await expect.poll(() => clauseRow(company, CLAUSE).textContent(), UI).toContain("已确认");

    // The other qualifying companies of the policy confirm too (their users are not demo accounts).
    const d = db();
    // As 我的政策 does on confirming: a record for the outcome (result-codec.ts: [clauseId, status, amount, …]), answered.
    const now = new Date().toISOString().replace("Z", "+00:00");
    d.prepare(
      `INSERT INTO MatchRecord (id, companyId, clauseId, policyId, versionId, status, amount, snapshotId, evaluatedOn, firstQualifiedAt, response, respondedAt, account, updatedAt)
       SELECT lower(hex(randomblob(12))), r.companyId, c.id, v.policyId, c.versionId, 'QUALIFIED', o.value ->> 2, 'e2e', r.evaluatedOn, @now, 'CONFIRMED', @now, @account, @now
       FROM MatchResult r, json_each(r.outcomes) o JOIN PolicyClause c ON c.id = o.value ->> 0 JOIN PolicyVersion v ON v.id = c.versionId
       WHERE v.policyId = @policy AND o.value ->> 1 = 'Q' AND (o.value ->> 2) > 0
         AND NOT EXISTS (SELECT 1 FROM MatchRecord m WHERE m.companyId = r.companyId AND m.clauseId = c.id)`,
    ).run({ now, account: JSON.stringify({ name: "对公账户", bank: "中国工商银行郑州分行营业部", number: "1702020109000123456" }), policy: POLICY_ID });
    confirmed = (d.prepare(`SELECT COUNT(*) AS n FROM MatchRecord WHERE policyId = ? AND status = 'QUALIFIED' AND amount > 0 AND response = 'CONFIRMED'`).get(POLICY_ID) as { n: number }).n;
    d.close();
    expect(confirmed).toBeGreaterThan(1);
  });

  it("is prepared by the officer from the confirmed records and submitted", async () => {
    await officer.goto(`${app.url}/payouts`);
    await officer.getByRole("button", { name: /编制兑付批次/ }).click();
    await officer.waitForURL(/\/payouts\/new$/);
    await choose(officer, "政策", POLICY);
    await officer.getByLabel("批次名称").fill(BATCH);
    await officer.getByRole("button", { name: "生成批次草稿" }).click();
    await expect.poll(() => officer.getByTestId("batch-status").textContent(), UI).toBe("草稿");
    batchUrl = officer.url();
    const text = (await officer.locator("main").textContent()) ?? "";
    expect(text).toContain(BATCH);
    expect(text).toContain(`${confirmed} 笔`);
    expect(text).toContain("郑州云帆智能科技有限公司");
    await shot(officer, "payout-batch-draft");

    await officer.getByLabel("意见").fill("研发费用后补助首批，企业均已确认收款账户");
    await officer.getByRole("button", { name: "提交审核" }).click();
    await expect.poll(() => officer.getByTestId("batch-status").textContent(), UI).toBe("待审核");
    // The preparer has no approve button: four eyes.
    expect(await officer.getByRole("button", { name: /审核通过/ }).count()).toBe(0);
  });

  it("is approved by the reviewer from 待我审核", async () => {
    await reviewer.goto(`${app.url}/reviews`);
    await reviewer.getByRole("link", { name: BATCH }).click();
    await expect.poll(() => reviewer.getByTestId("batch-status").textContent(), UI).toBe("待审核");
    await shot(reviewer, "payout-batch-review");
    await reviewer.getByLabel("意见").fill("金额和账户已核对，同意拨付");
    await reviewer.getByRole("button", { name: /审核通过/ }).click();
    await expect.poll(() => reviewer.getByTestId("batch-status").textContent(), UI).toBe("已批准，待支付");
  });

  it("is recorded as paid by the officer, and the company hears of it", async () => {
    await officer.goto(batchUrl);
    await officer.getByRole("button", { name: "其余全部登记为已支付" }).click();
    await officer.getByRole("button", { name: /确\s*认/ }).click();
    await expect.poll(() => officer.getByTestId("batch-status").textContent(), UI).toBe("已支付");
    const timeline = (await officer.locator(".ant-card").filter({ hasText: "流转记录" }).textContent()) ?? "";
    for (const step of ["编制批次", "提交审核", "审核通过", "登记支付完成"]) expect(timeline).toContain(step);
    expect(timeline).toContain("金额和账户已核对，同意拨付");
    await shot(officer, "payout-batch-paid");

    await company.goto(`${app.url}/notifications`);
    await company.getByText(`兑付到账：${POLICY}`).waitFor();
    await expect.poll(async () => (await listCaughtMail(path.join(app.dataDir, "mail"), 100_000))
      .filter((m) => m.subject.includes("兑付到账") && m.to.includes("yunfan")).length, { timeout: 60_000, interval: 1000 }).toBe(1);
    await company.goto(`${app.url}/my-policies`);
    expect(await clauseRow(company, CLAUSE).textContent()).toContain("已支付");
  });

  it("shows in the ledger as paid, with totals by policy and district, and exports the payment list", async () => {
    await officer.goto(`${app.url}/payouts/ledger`);
    await choose(officer, "状态", "已支付");
    await officer.getByRole("button", { name: /查\s*询/ }).click();
    await officer.waitForURL(/status=PAID/);
    const main = (await officer.locator("main").textContent()) ?? "";
    expect(main).toContain(`${confirmed} 笔`);
    const byPolicy = (await officer.getByTestId("ledger-by-policy").textContent()) ?? "";
    expect(byPolicy).toContain(POLICY);
    expect(byPolicy).toContain(String(confirmed));
    const byDistrict = (await officer.getByTestId("ledger-by-district").textContent()) ?? "";
    expect(byDistrict).toContain("郑州高新技术产业开发区");
    // The district totals add up to the whole.
    const counts = await officer.getByTestId("ledger-by-district").locator("tbody tr td:nth-child(2)").allTextContents();
    expect(counts.reduce((n, c) => n + Number(c), 0)).toBe(confirmed);
    await shot(officer, "payout-ledger");

    const batchId = batchUrl.split("/").pop();
    const csv = await (await officer.request.get(`${app.url}/payouts/export?batchId=${batchId}&format=csv`)).text();
    expect(csv).toContain("郑州云帆智能科技有限公司");
    expect(csv).toContain("6216610200012345678");
    expect(csv.trim().split("\r\n")).toHaveLength(confirmed + 1);
    // Nobody else reads it.
    expect((await company.request.get(`${app.url}/payouts/export?format=csv`, { maxRedirects: 0 })).status()).toBe(403);
  });
});

describe("申报: a company applies with its materials and an officer approves", () => {
  it("refuses a program renamed to .pdf next to its field, then submits the application", async () => {
    await company.goto(`${app.url}/my-policies`);
    await clauseRow(company, APPLY_CLAUSE).getByRole("link", { name: "去申报" }).click();
    await company.getByRole("form", { name: "申报表" }).waitFor();
    expect(await company.getByTestId("apply-basis").textContent()).toContain("上年度营业收入不低于1,000万元（实际 3,200万元）");
    await company.getByLabel("开户银行").fill("中国银行郑州高新技术开发区支行");
    await company.getByLabel("银行账号").fill("6216610200012345678");
    const files = ["申请书.pdf", "审计报告.pdf", "高企证书.pdf", "研发审计.pdf"];
    for (const [i, name] of files.entries()) {
      await company.setInputFiles(`#material-${i}`, { name, mimeType: "application/pdf", buffer: i === 1 ? EXE : PDF });
    }
    await company.getByRole("checkbox", { name: /本企业承诺/ }).check();
    await company.getByRole("button", { name: "提交申报" }).click();
    await expect.poll(() => company.locator("#material-1-error").textContent(), UI).toContain("不是 PDF、JPG 或 PNG");
    await shot(company, "apply-file-refused");

    await company.setInputFiles("#material-1", { name: "审计报告.pdf", mimeType: "application/pdf", buffer: PDF });
    await company.getByRole("button", { name: "提交申报" }).click();
    await expect.poll(() => company.getByTestId("application-status").textContent(), UI).toBe("待审核");
    expect(await company.getByRole("link", { name: "审计报告.pdf" }).count()).toBe(1);
    await shot(company, "apply-submitted");
  });

  it("is approved by an officer from 申报审批, and the company sees it", async () => {
    await officer.goto(`${app.url}/applications`);
    await officer.getByRole("link", { name: "郑州云帆智能科技有限公司" }).click();
    await expect.poll(() => officer.getByTestId("application-status").textContent(), UI).toBe("待审核");
    // The officer can open the company's material.
    const href = await officer.getByRole("link", { name: "申请书.pdf" }).getAttribute("href");
    const file = await officer.request.get(`${app.url}${href}`);
    expect(file.headers()["content-type"]).toBe("application/pdf");
    expect((await file.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await shot(officer, "application-review");

    await officer.getByLabel(/核定金额/).fill("45");
    await officer.getByLabel("审核意见").fill("材料齐全，同意");
    await officer.getByRole("button", { name: /审核通过/ }).click();
    await expect.poll(() => officer.getByTestId("application-status").textContent(), UI).toBe("已通过");

    await company.reload();
    await expect.poll(() => company.getByTestId("application-status").textContent(), UI).toBe("已通过");
    expect(await company.locator("main").textContent()).toContain("45 万元");
    await company.goto(`${app.url}/notifications`);
    await company.getByText("申报已通过：郑州高新区瞪羚企业认定奖励").waitFor();

    // Approved with money, it is now payable: the officer's pool shows it.
    await officer.goto(`${app.url}/payouts/new`);
    expect(await officer.locator("main").textContent()).toContain("郑州高新区瞪羚企业认定奖励");
  });
});
