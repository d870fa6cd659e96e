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
let company: Page, grid: Page, dept: Page, supervisor: Page;

/** How long a page may take to show the result of a click (a bound for waiting, not a timing check). */
const UI = { timeout: 15_000 };
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
const db = () => new Database(path.join(app.dataDir, "app.db"));
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1c8e7cb0000000049454e44ae426082", "hex");
const EXE = Buffer.from("MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode.");
const TITLE = "新招员工社保缴费基数核定";
const SCRIPT = "<script>window.__injected = 1</script>";

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  await fs.mkdir(SCREENSHOT_DIR, { recursive: true });
  [company, grid, dept, supervisor] = await Promise.all(["qiye", "wangge", "bumen", "ducha"].map((u) => loginAs(browser, app.url, u)));
  for (const p of [grid, company]) p.on("dialog", (d) => void d.accept());
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Clicks a step's button, fills its form and confirms it, as the handler would. */
async function step(page: Page, label: string, fill?: (page: Page) => Promise<void>) {
  await page.getByTestId("case-actions").getByRole("button", { name: new RegExp(`^${label.split("").join("\\s*")}$`) }).click();
  await fill?.(page);
  await page.getByRole("button", { name: `确认${label}` }).click();
  await page.getByText(`已${label}。`).waitFor(UI);
}

/** The status tag, once the page has reloaded its data after a step (the message shows first). */
const statusOf = (page: Page) => expect.poll(() => page.getByTestId("case-status").textContent(), UI);

describe("a company's issue through the grid case flow", () => {
  let caseUrl = "";

  it("is filed by the company with a suggested category; a renamed executable is refused and the text kept", async () => {
    await company.goto(`${app.url}/cases/new`);
    await company.getByLabel("标题").fill(TITLE);
    await company.getByLabel("具体情况").fill(`今年新招的 12 名员工，社保缴费基数按什么标准核定？系统里显示的基数比工资高，企业和员工负担都重。${SCRIPT}`);
    // The classifier suggests as the user types; the user confirms by clicking.
    const suggestions = company.getByTestId("category-suggestions");
    await suggestions.waitFor(UI);
    await suggestions.getByText(/社保缴纳/).click();
    await company.locator("#attachment").setInputFiles({ name: "工资表.png", mimeType: "image/png", buffer: EXE });
    await company.getByRole("button", { name: "提交诉求" }).click();
    await company.getByText("不是图片（JPG、PNG）或 PDF 文件").waitFor(UI);
    expect(await company.getByLabel("标题").inputValue()).toBe(TITLE);
    await shot(company, "case-file-refused");

    await suggestions.getByText(/社保缴纳/).click();
    await company.locator("#attachment").setInputFiles({ name: "工资表.pdf", mimeType: "application/pdf", buffer: PDF });
    await company.getByRole("button", { name: "提交诉求" }).click();
    await company.getByText("诉求已提交").waitFor(UI);
    caseUrl = company.url().replace(/\?.*$/, "");
    // HTML typed by the filer is shown as text, never run.
    expect(await company.getByTestId("case-description").textContent()).toContain(SCRIPT);
    expect(await company.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
    await statusOf(company).toBe("待受理");
    expect(await company.locator("main").textContent()).toContain("社保缴纳");
    await shot(company, "case-filed");
  });

  it("is accepted, registered and dispatched by the grid worker from the queue", async () => {
    await grid.goto(`${app.url}/cases`);
    await grid.getByRole("link", { name: TITLE }).click();
    await grid.waitForURL(caseUrl, UI);
    await step(grid, "受理");
    await step(grid, "立案");
    await step(grid, "派遣", async (p) => {
      await p.getByLabel("派遣给").click();
      await p.locator(".ant-select-dropdown:visible .ant-select-item-option").filter({ hasText: "郑州市人力资源和社会保障局（本类诉求常用）" }).click();
      await p.getByLabel(/说明/).fill("请指导企业核定缴费基数");
    });
    await statusOf(grid).toBe("办理中");
    await shot(grid, "case-dispatched");
  });

  it("is resolved by the department handler with a photo", async () => {
    await dept.goto(`${app.url}/cases`);
    await dept.getByRole("link", { name: TITLE }).click();
    await step(dept, "办结反馈", async (p) => {
      await p.getByLabel(/说明/).fill("已电话指导企业按上年度职工月平均工资核定基数，并在系统中更正。");
      await p.locator("#attachment").setInputFiles({ name: "更正截图.png", mimeType: "image/png", buffer: PNG });
    });
    await statusOf(dept).toBe("待核查");
    expect(await dept.locator("main").textContent()).toContain("更正截图.png");
  });

  it("is checked and closed by the grid worker, and rated by the company", async () => {
    await grid.goto(caseUrl);
    await step(grid, "核查通过", (p) => p.getByLabel(/说明/).fill("已回访企业，基数已更正"));
    await step(grid, "结案");
    await statusOf(grid).toBe("已结案");

    await company.goto(caseUrl);
    await company.getByTestId("case-actions").getByRole("button", { name: /^评\s*价$/ }).click();
    await company.locator(".ant-rate-star").nth(4).click();
    await company.getByLabel(/说明/).fill("办理很及时");
    await company.getByRole("button", { name: "确认评价" }).click();
    await company.getByText("已评价。").waitFor(UI);
    await expect.poll(async () => (await company.getByTestId("timeline-item").allTextContents()).map((t) => t.split(" · ")[0]), UI)
      .toEqual(["提交诉求", "受理", "立案", "派遣", "办结反馈", "核查通过", "结案", "评价"]);
    await shot(company, "case-rated");
  });

  it("told the company at acceptance, dispatch and closure, in-app and by email", async () => {
    await company.goto(`${app.url}/notifications`);
    for (const t of ["诉求已受理", "诉求已派遣办理", "诉求已办结"]) await company.getByText(`${t}：${TITLE}`).waitFor(UI);
    await expect.poll(async () => (await listCaughtMail(path.join(app.dataDir, "mail"), 100_000))
      .filter((m) => m.subject.includes("【亲清网格】诉求") && m.to.includes("yunfan")).map((m) => m.subject.replace(/（.*$/, "")).sort(), { timeout: 60_000, interval: 1000 })
      .toEqual(["【亲清网格】诉求已办结", "【亲清网格】诉求已受理", "【亲清网格】诉求已派遣办理"]);
  });
});

describe("supervision", () => {
  it("shows an overdue case on the supervisor's list", async () => {
    const d = db();
    try {
      const district = d.prepare(`SELECT "id" FROM "GridNode" WHERE "code" = '410172'`).get() as { id: string };
      const row = d.prepare(`SELECT c."id", c."number" FROM "Case" c JOIN "GridNode" g ON g."id" = c."gridId"
        WHERE g."path" LIKE ? AND c."status" = 'SUBMITTED' ORDER BY c."number" LIMIT 1`).get(`%/${district.id}/%`) as { id: string; number: string };
      d.prepare(`UPDATE "Case" SET "stageDeadline" = '2026-01-05T15:59:59.999+00:00' WHERE "id" = ?`).run(row.id);
      await supervisor.goto(`${app.url}/cases?view=overdue`);
      const line = supervisor.getByRole("row").filter({ hasText: row.number });
      await line.waitFor(UI);
      expect(await line.getByTestId("case-countdown").textContent()).toMatch(/^超期 \d+ 个工作日$/);
      await shot(supervisor, "case-overdue-list");
    } finally {
      d.close();
    }
  });
});

describe("searching the queue by words", () => {
  it("finds the case filed minutes ago, and exactly the district's cases holding a word", async () => {
    const search = async (q: string) => {
      await supervisor.goto(`${app.url}/cases?view=all`);
      await supervisor.getByLabel("搜索").fill(q);
      await supervisor.getByRole("button", { name: /查\s*询/ }).click();
      await supervisor.waitForURL(/q=/, UI);
    };
    const rows = supervisor.locator(".ant-table-tbody tr.ant-table-row");
    // Filed by the company at the start of this file: the word index has it already.
    await search("缴费基数");
    await rows.filter({ hasText: TITLE }).waitFor(UI);
    // The commonest of a few everyday words in the district.
    const d = db();
    let word = "", n = 0;
    try {
      const district = d.prepare(`SELECT "id" FROM "GridNode" WHERE "code" = '410172'`).get() as { id: string };
      const count = d.prepare(`SELECT count(*) AS n FROM "Case" WHERE "districtId" = ? AND ("title" LIKE ? OR "companyName" LIKE ?)`);
      for (const w of ["社保", "补贴", "停电", "贷款", "招工", "消防"]) {
        const { n: c } = count.get(district.id, `%${w}%`, `%${w}%`) as { n: number };
        if (c > n) [word, n] = [w, c];
      }
    } finally {
      d.close();
    }
    expect(n).toBeGreaterThan(1);
    await search(word);
    await rows.first().waitFor(UI);
    await supervisor.getByText(`共 ${n.toLocaleString("zh-CN")} 件`).waitFor(UI);
    const listed = await rows.allTextContents();
    expect(listed).toHaveLength(Math.min(n, 20));
    for (const text of listed) expect(text).toContain(word);
    await shot(supervisor, "case-queue-word-search");
  });
});

describe("bulk dispatch from the queue", () => {
  it("dispatches the ticked 已立案 cases to one department; finished pages have no boxes to tick", async () => {
    await grid.goto(`${app.url}/cases?view=all&status=REGISTERED`);
    const rows = grid.locator(".ant-table-tbody tr.ant-table-row");
    await rows.first().waitFor(UI);
    const numbers = (await rows.locator("td:nth-child(2)").allTextContents()).slice(0, 2);
    expect(numbers).toHaveLength(2);
    for (let i = 0; i < 2; i++) await rows.nth(i).getByRole("checkbox").check();
    const form = grid.getByRole("form", { name: "批量派遣" });
    await form.getByText("已选 2 件已立案诉求").waitFor(UI);
    await form.getByLabel("承办部门").click();
    await grid.locator(".ant-select-dropdown:visible .ant-select-item-option").filter({ hasText: "郑州市人力资源和社会保障局" }).first().click();
    await form.getByRole("button", { name: /批\s*量\s*派\s*遣/ }).click();
    await grid.getByText("已派遣 2 件。").waitFor(UI);
    await shot(grid, "case-bulk-dispatched");
    const d = db();
    try {
      const statuses = numbers.map((n) => (d.prepare(`SELECT "status" FROM "Case" WHERE "number" = ?`).get(n) as { status: string }).status);
      expect(statuses).toEqual(["DISPATCHED", "DISPATCHED"]);
    } finally {
      d.close();
    }
    await grid.goto(`${app.url}/cases?view=closed`);
    await rows.first().waitFor(UI);
    expect(await grid.locator(".ant-table-tbody").getByRole("checkbox").count()).toBe(0);
  });
});
