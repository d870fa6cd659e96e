import fs from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app-process";
import { launchBrowser, SCREENSHOT_DIR } from "../support/browser";
import { loginAs } from "../support/session";

let app: RunningApp;
let browser: Browser;
const shot = (name: string) => path.join(SCREENSHOT_DIR, `${name}.png`);

beforeAll(async () => {
  app = await startApp({ DEMO_COMPANIES: "400" });
  browser = await launchBrowser();
  await fs.mkdir(SCREENSHOT_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Clicks the page's 导出 Excel link and reads the first sheet of the file it downloads. */
async function downloadExcel(page: Page, name: string): Promise<ExcelJS.Worksheet> {
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /导出 Excel/ }).click();
  const file = path.join(app.dataDir, name);
  await (await download).saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets[0];
}

function db() {
  return new Database(path.join(app.dataDir, "app.db"), { readonly: true });
}

describe("grid worker: the companies in their grids", () => {
  it("lists only their subtree, filters, exports and records a visit", async () => {
    const page = await loginAs(browser, app.url, "wangge");
    await page.getByRole("link", { name: "网格企业" }).first().click();
    await page.waitForURL(/\/companies$/);
    const totalText = await page.getByText(/共 [\d,]+ 家企业/).textContent();
    const total = Number(totalText!.replace(/\D/g, ""));

    // Every company in 枫杨街道's subtree (by grid or park), none elsewhere: checked in the database.
    const d = db();
    const fengyang = d.prepare("SELECT path FROM GridNode WHERE code = '410172560'").get() as { path: string };
    const expected = d.prepare(
      `SELECT COUNT(*) AS n FROM Company c LEFT JOIN GridNode g ON g.id = c.gridId LEFT JOIN GridNode p ON p.id = c.parkGridId
       WHERE substr(g.path, 1, length(?)) = ? OR substr(p.path, 1, length(?)) = ?`,
    ).get(fengyang.path, fengyang.path, fengyang.path, fengyang.path) as { n: number };
    d.close();
    expect(total).toBe(expected.n);
    expect(total).toBeGreaterThan(3);

    // Filter: search by name.
    await page.getByLabel("搜索企业").fill("云帆");
    await page.getByRole("button", { name: /查\s*询/ }).click();
    await page.waitForURL(/q=/);
    await expect.poll(() => page.getByText(/共 [\d,]+ 家企业/).textContent()).toBe("共 1 家企业");
    await page.screenshot({ path: shot("companies-filtered") });

    // Export what is shown, as Excel.
    const sheet = await downloadExcel(page, "export.xlsx");
    expect(sheet.getRow(1).getCell(1).value).toBe("企业名称");
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe("郑州云帆智能科技有限公司");

    // Open it and record a visit.
    await page.getByRole("link", { name: "郑州云帆智能科技有限公司" }).click();
    await page.getByRole("tab", { name: /走访记录/ }).click();
    await page.getByLabel("走访情况").fill("了解企业用工情况，宣讲稳岗返还政策。");
    await page.getByLabel("企业反映的问题（没有可不填）").fill("希望协调研发人员公租房。");
    await page.getByRole("button", { name: /保存走访记录/ }).click();
    await expect.poll(() => page.getByText("走访记录已保存。").count()).toBe(1);
    await page.getByRole("tab", { name: /走访记录/ }).click();
    await expect.poll(() => page.getByText("反映问题：希望协调研发人员公租房。").count()).toBe(1);
    await page.screenshot({ path: shot("company-visit"), fullPage: true });
    await page.context().close();
  });

  it("sees which of their companies have 免申即享 benefits unclaimed, and exports them as a call list", async () => {
    const page = await loginAs(browser, app.url, "wangge");
    await page.goto(`${app.url}/companies`);
    await page.getByRole("link", { name: "待领取的免申即享" }).click();
    await page.waitForURL(/\/companies\/unclaimed$/);
    // Companies of 枫杨街道's subtree with a qualified 免申即享 outcome nobody has answered yet, from
    // the stored outcomes (result-codec.ts; the start-up match writes them: the page is reloaded until it has).
    const expected = () => {
      const d = db();
      try {
        const fengyang = d.prepare("SELECT path FROM GridNode WHERE code = '410172560'").get() as { path: string };
        return (d.prepare(
          `SELECT DISTINCT c.name FROM Company c JOIN MatchResult r ON r.companyId = c.id JOIN json_each(r.outcomes) o ON o.value ->> 1 = 'Q'
           JOIN PolicyClause pc ON pc.id = o.value ->> 0 AND pc.delivery = '免申即享'
           LEFT JOIN MatchRecord m ON m.companyId = c.id AND m.clauseId = pc.id AND m.response IS NOT NULL
           LEFT JOIN GridNode g ON g.id = c.gridId LEFT JOIN GridNode p ON p.id = c.parkGridId
           WHERE m.id IS NULL AND (substr(g.path, 1, length(?)) = ? OR substr(p.path, 1, length(?)) = ?)`,
        ).all(fengyang.path, fengyang.path, fengyang.path, fengyang.path) as { name: string }[]).map((r) => r.name).sort();
      } finally {
        d.close();
      }
    };
    await expect.poll(async () => {
      await page.reload();
      const shown = (await page.getByText(/共 [\d,]+ 家企业/).textContent())?.match(/共 ([\d,]+) 家企业/)?.[1];
      return expected().length > 0 && Number(shown?.replace(/,/g, "")) === expected().length;
    }, { timeout: 60_000, interval: 1000 }).toBe(true);
    await page.screenshot({ path: shot("companies-unclaimed"), fullPage: true });

    const sheet = await downloadExcel(page, "unclaimed.xlsx");
    expect(sheet.getRow(1).values).toEqual([undefined, "企业名称", "所属网格", "待确认事项", "金额（万元）", "最早符合", "联系人", "联系电话"]);
    const names = Array.from({ length: sheet.rowCount - 1 }, (_, i) => String(sheet.getRow(i + 2).getCell(1).value)).sort();
    expect(names).toEqual(expected());
    expect(Number(sheet.getRow(2).getCell(3).value)).toBeGreaterThan(0);

    // Looking for one company: its name's first characters after 郑州 narrow the list to the
    // listed companies whose names contain them (the browser gets one page, not the whole list).
    const word = names[0].replace(/^郑州(市)?/, "").slice(0, 2);
    await page.getByLabel("企业名称").fill(word);
    await page.getByRole("button", { name: /查\s*询/ }).click();
    await page.waitForURL(/q=/);
    const narrowed = expected().filter((n) => n.includes(word));
    await expect.poll(async () => Number((await page.getByText(/共 [\d,]+ 家企业/).textContent())?.match(/共 ([\d,]+) 家企业/)?.[1].replace(/,/g, ""))).toBe(narrowed.length);
    await expect.poll(() => page.locator("tbody tr.ant-table-row").count()).toBe(Math.min(20, narrowed.length));
    await page.screenshot({ path: shot("companies-unclaimed-search"), fullPage: true });
    await page.context().close();
  });

  it("gets 404, not the data, for a company outside their subtree", async () => {
    const d = db();
    const outside = d.prepare("SELECT id FROM Company WHERE name = '郑州金水区鑫达商贸有限公司'").get() as { id: string };
    d.close();
    const page = await loginAs(browser, app.url, "wangge");
    const response = await page.goto(`${app.url}/companies/${outside.id}`);
    expect(response?.status()).toBe(404);
    expect(await page.getByText("郑州金水区鑫达商贸有限公司").count()).toBe(0);
    await page.context().close();
  });
});

describe("enterprise staff: their own profile", () => {
  it("edit contact fields, see the change in history; official fields stay read-only", async () => {
    const page = await loginAs(browser, app.url, "qiye");
    await page.getByRole("link", { name: "企业画像" }).first().click();
    await page.waitForURL(/\/company$/);
    await page.getByRole("tab", { name: "联系信息" }).click();
    await expect.poll(() => page.locator('input[name="uscc"]').count()).toBe(0);

    await page.getByLabel("联系电话").fill("123");
    await page.getByRole("button", { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator("#contactPhone-error").textContent()).toContain("请填写有效的电话号码");

    await page.getByLabel("联系电话").fill("0371-67001234");
    await page.getByRole("button", { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByText(/已保存 1 项修改/).count()).toBe(1);
    await page.getByRole("tab", { name: "变更记录" }).click();
    await expect.poll(() => page.getByText("联系电话：13800000001 → 0371-67001234").count()).toBe(1);
    await page.screenshot({ path: shot("own-company-history"), fullPage: true });
    await page.context().close();
  });
});

describe("admin: the grid tree", () => {
  it("browses the tree, adds a park, renames it and merges it with confirmation", async () => {
    const page = await loginAs(browser, app.url, "admin");
    await page.goto(`${app.url}/grids`);
    const treeNode = (name: string) => page.locator(".ant-tree-treenode", { has: page.getByTitle(name, { exact: true }) });
    await treeNode("郑州高新技术产业开发区").locator(".ant-tree-switcher").click();
    await page.getByTitle("枫杨街道", { exact: false }).first().click();
    await page.waitForURL(/node=/);
    await expect.poll(() => page.locator(".ant-descriptions-title").textContent()).toBe("枫杨街道");

    await page.getByLabel("新网格名称").fill("枫杨智慧产业园");
    await page.getByRole("button", { name: /新增下级/ }).click();
    await expect.poll(() => page.locator(".ant-descriptions-title").textContent()).toBe("枫杨智慧产业园");
    await page.getByLabel("新名称").fill("枫杨智慧产业园一期");
    await page.getByRole("button", { name: /改\s*名/ }).click();
    await expect.poll(() => page.locator(".ant-descriptions-title").textContent()).toBe("枫杨智慧产业园一期");

    await page.getByLabel("合并到的网格编码").fill("P410172-01");
    await page.getByRole("button", { name: /合并到/ }).click();
    await page.getByRole("button", { name: "确认合并" }).click();
    await expect.poll(() => page.locator(".ant-descriptions-title").textContent()).toBe("郑州863软件园");
    await expect.poll(() => page.getByText(/“枫杨智慧产业园一期”并入“郑州863软件园”/).count()).toBe(1);
    await page.screenshot({ path: shot("grid-admin"), fullPage: true });

    // Merging across levels is refused with a message, nothing changes.
    await page.getByLabel("合并到的网格编码").fill("410172560");
    await page.getByRole("button", { name: /合并到/ }).click();
    await page.getByRole("button", { name: "确认合并" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("只能合并同一级别的网格");
    await page.context().close();
  });
});

describe("admin: bulk import", () => {
  it("imports the good rows of a file with bad ones and lists every problem", async () => {
    const csv = [
      "统一社会信用代码,企业名称,所属区县,所属街道,所属社区,行业代码,年度,从业人员（人）,营业收入（万元）,成立日期",
      "91410172MA0000001X,郑州导入测试一有限公司,郑州高新技术产业开发区,枫杨街道,锦华苑社区居委会,6513,2025,12,300,2020-01-01", // bad check character
      "914101720000000017,郑州导入测试二有限公司,郑州高新技术产业开发区,枫杨街道,锦华苑社区居委会,9999,2025,-5,300,2099-01-01",
      `${validUscc(1)},郑州导入测试三有限公司,郑州高新技术产业开发区,梧桐街道,瑞达社区居委会,6513,2025,12,300,2020-01-01`,
      `${validUscc(1)},郑州导入测试三重复有限公司,郑州高新技术产业开发区,梧桐街道,瑞达社区居委会,6513,2025,12,300,2020-01-01`,
      `${validUscc(2)},"=HYPERLINK(""http://evil.example"",""点我"")",郑州高新技术产业开发区,梧桐街道,瑞达社区居委会,6513,2025,12,300,2020-01-01`,
      `${validUscc(3)},郑州导入测试四有限公司,,,,6513,2025,12,300,2020-01-01`,
    ].join("\r\n");
    const file = path.join(app.dataDir, "导入测试.csv");
    await fs.writeFile(file, "\ufeff" + csv);

    const page = await loginAs(browser, app.url, "admin");
    await page.goto(`${app.url}/imports`);
    await page.setInputFiles("#file", file);
    await page.getByRole("button", { name: /上传并导入/ }).click();
    await page.waitForURL(/\/imports\/[^/]+$/);
    await expect.poll(() => page.getByText("已完成").count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: shot("import-result"), fullPage: true });

    const body = await page.textContent("main");
    expect(body).toContain("统一社会信用代码校验位不正确");
    expect(body).toContain("“9999”不是 GB/T 4754-2017 行业代码");
    expect(body).toContain("不能为负数");
    expect(body).toContain("日期不能晚于今天");
    expect(body).toContain("与第 4 行的统一社会信用代码重复");
    expect(body).toContain("单元格含公式");

    const d = db();
    const imported = d.prepare("SELECT name, gridId FROM Company WHERE name LIKE '郑州导入测试%' ORDER BY name").all() as { name: string; gridId: string | null }[];
    d.close();
    expect(imported.map((c) => c.name)).toEqual(["郑州导入测试三有限公司", "郑州导入测试四有限公司"]);
    expect(imported[1].gridId).toBeNull(); // no location: waits in the unassigned queue

    // The same file again: nothing new, nothing duplicated.
    await page.goto(`${app.url}/imports`);
    await page.setInputFiles("#file", file);
    await page.getByRole("button", { name: /上传并导入/ }).click();
    await page.waitForURL(/\/imports\/[^/]+$/);
    await expect.poll(() => page.getByText(/新增 0 家/).count(), { timeout: 30_000 }).toBe(1);
    const again = db();
    expect((again.prepare("SELECT COUNT(*) AS n FROM Company WHERE name LIKE '郑州导入测试%'").get() as { n: number }).n).toBe(2);
    again.close();
    await page.context().close();
  });
});

/** A valid USCC for test rows (same algorithm as app/companies/uscc.ts, kept independent). */
function validUscc(n: number): string {
  const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const first17 = `91410172${String(99000000 + n)}0`;
  const sum = [...first17].reduce((s, c, i) => s + alphabet.indexOf(c) * weights[i], 0);
  return first17 + alphabet[(31 - (sum % 31)) % 31];
}
