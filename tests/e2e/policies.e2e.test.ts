import fs from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPolicyFile } from "~/policies/policy-file";
import { startApp, type RunningApp } from "../support/app-process";
import { launchBrowser, SCREENSHOT_DIR } from "../support/browser";
import { loginAs } from "../support/session";

let app: RunningApp;
let browser: Browser;
let officer: Page;
let reviewer: Page;
let company: Page;
const POLICY = "zhuanjingtexin-rending-jiangli";

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

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

/** Picks an option in an antd Select by typing, as a keyboard user would. */
async function choose(page: Page, combobox: ReturnType<Page["getByRole"]>, text: string) {
  await combobox.click();
  await page.keyboard.type(text);
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option-active").waitFor();
  await page.keyboard.press("Enter");
}

describe("a policy officer's new clause, from the visual editor to publication", () => {
  let versionUrl = "";

  it("builds a new clause in the visual editor and sees its Chinese sentence", async () => {
    await officer.goto(`${app.url}/policy-admin/policy/${POLICY}`);
    await officer.getByRole("button", { name: /修订/ }).click();
    await officer.waitForURL(/\/edit$/);
    await officer.getByRole("button", { name: "保存并添加条款" }).click();
    const card = officer.getByTestId("edit-clause-tiaokuan-3");
    await card.waitFor();

    await card.getByLabel("条款名称").fill("创新型中小企业认定奖励");
    const editor = card.getByRole("group", { name: /适用条件/ });
    await editor.getByLabel("成立年限的取值（年）").fill("2");
    await editor.getByRole("button", { name: "添加条件" }).first().click();
    await choose(officer, editor.getByRole("combobox", { name: "指标" }).last(), "有效资质");
    await choose(officer, editor.getByRole("combobox", { name: "有效资质的取值" }), "创新型");
    const summary = card.getByRole("region", { name: "规则表述和校验结果" }).or(card.locator("section[aria-label='规则表述和校验结果']"));
    await expect.poll(() => summary.first().textContent()).toContain("成立年限不低于2年，且持有有效的创新型中小企业资质");
    await expect.poll(() => summary.first().textContent()).toContain("规则校验通过");
    await card.getByLabel("扶持内容说明").fill("一次性奖励5万元");
    await card.getByLabel("参数 1 取值").fill("5");
    await shot(officer, "policy-edit-new-clause");

    await officer.getByRole("button", { name: "保存草稿" }).click();
    await officer.waitForURL(/\/policy-admin\/v\/[^/]+$/);
    versionUrl = officer.url();
    expect(await officer.getByTestId("version-status").textContent()).toBe("草稿");
    expect(await officer.getByTestId("clause-tiaokuan-3").textContent()).toContain("成立年限不低于2年，且持有有效的创新型中小企业资质");
  });

  it("refuses a bad value next to the field and keeps the draft as it was", async () => {
    await officer.goto(`${versionUrl}/edit`);
    const card = officer.getByTestId("edit-clause-tiaokuan-3");
    await card.getByLabel("参数 1 取值").fill("五万");
    await officer.getByRole("button", { name: "保存草稿" }).click();
    await expect.poll(() => card.textContent()).toContain("取值应为数字");
    expect(officer.url()).toMatch(/\/edit$/);
    await officer.goto(versionUrl);
    expect(await officer.getByTestId("clause-tiaokuan-3").textContent()).toContain("5 万元");
  });

  it("shows the draft's impact on the demo registry beside the version in force", async () => {
    await officer.goto(`${versionUrl}/impact?on=2026-06-30`);
    const text = (await officer.locator("main").textContent()) ?? "";
    expect(text).toContain("发布前测算");
    expect(text).toMatch(/对全部 [\d,]+ 家存续企业的测算/);
    expect(text).toContain("创新型中小企业认定奖励");
    expect(text).toMatch(/与现行第 1 版相比：新增符合 \d+ 家，不再符合 0 家/);
    await shot(officer, "policy-impact");
  });

  it("is submitted by the officer (who has no approve button), approved by a reviewer, then published", async () => {
    await officer.goto(versionUrl);
    await officer.getByLabel("意见").fill("新增创新型中小企业奖励条款");
    await officer.getByRole("button", { name: "提交审核" }).click();
    await expect.poll(() => officer.getByTestId("version-status").textContent()).toBe("待审核");
    // The officer has no approve button; the reviewer does.
    expect(await officer.getByRole("button", { name: /审核通过/ }).count()).toBe(0);

    await reviewer.goto(`${app.url}/reviews`);
    await reviewer.getByRole("link", { name: "专精特新企业认定奖励" }).click();
    await reviewer.getByRole("tab", { name: /与现行第 1 版对比/ }).click();
    expect(await reviewer.getByRole("tabpanel").textContent()).toContain("新增条款“创新型中小企业认定奖励”");
    await shot(reviewer, "policy-review");
    await reviewer.getByRole("button", { name: /审核通过/ }).click();
    await expect.poll(() => reviewer.getByTestId("version-status").textContent()).toBe("审核通过");

    await officer.goto(versionUrl);
    await officer.getByRole("button", { name: /^发\s*布$/ }).click();
    await expect.poll(() => officer.getByTestId("version-status").textContent()).toBe("已发布");
    await officer.getByRole("tab", { name: "流转记录" }).click();
    const timeline = (await officer.getByRole("tabpanel").textContent()) ?? "";
    for (const step of ["新建草稿", "修改草稿", "提交审核", "审核通过", "发布"]) expect(timeline).toContain(step);
  });

  it("is visible to a company on the public policy page, and exports as a policy file", async () => {
    await company.goto(`${app.url}/policies`);
    await company.getByRole("link", { name: "专精特新企业认定奖励" }).click();
    await company.getByTestId("clause-tiaokuan-3").waitFor();
    expect(await company.getByTestId("clause-tiaokuan-3").textContent()).toContain("创新型中小企业认定奖励");
    expect(await company.getByText("第 2 版").count()).toBe(1);
    await shot(company, "policy-public-page");

    const response = await company.request.get(`${app.url}/policies/${POLICY}/export`);
    expect(response.headers()["content-type"]).toContain("yaml");
    const { policy, problems } = readPolicyFile(await response.text());
    expect(problems).toEqual([]);
    expect(policy!.clauses.map((c) => c.id)).toContain("tiaokuan-3");
    // A company can neither open the editorial pages nor an unpublished version's file.
    expect((await company.request.get(versionUrl, { maxRedirects: 0 })).status()).toBe(403);
  });
});
