import type { Browser, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../seed/demo-accounts";

/** A fresh browser context logged in as a demo account, on its home page. */
export async function loginAs(browser: Browser, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("账号").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await page.getByTestId("home-title").waitFor();
  return page;
}
