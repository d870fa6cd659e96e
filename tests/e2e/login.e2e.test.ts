import fs from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sectionsFor } from "~/auth/roles";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seed/demo-accounts";
import { startApp, type RunningApp } from "../support/app-process";
import { launchBrowser, SCREENSHOT_DIR } from "../support/browser";

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  await fs.mkdir(SCREENSHOT_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function login(page: Page, identifier: string, password: string) {
  await page.goto(`${app.url}/`);
  await page.waitForURL(/\/login/);
  await page.getByLabel("账号").fill(identifier);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: /登\s*录/ }).click();
}

describe("login in a real browser", () => {
  it.each(DEMO_ACCOUNTS.map((a) => [a.username, a] as const))("%s lands on the role's home page", async (username, account) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, username, DEMO_PASSWORD);
    await expect.poll(() => page.getByTestId("home-title").textContent()).toBe(`${account.roleLabel}工作台`);
    expect(new URL(page.url()).pathname).toBe("/");

    // The navigation offers exactly what the role may use.
    const nav = await page.getByRole("navigation", { name: "主导航" }).getByRole("link").allTextContents();
    expect(nav).toEqual(["首页", ...sectionsFor(account.role).map((s) => s.label)]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `home-${username}.png`), fullPage: true });
    await context.close();
  });

  it("works with the keyboard alone, and on a phone-sized screen", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await page.keyboard.type("qiye"); // the account field has focus on arrival
    await page.keyboard.press("Tab");
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("home-title").textContent()).toBe("企业用户工作台");
    // Nothing wider than the screen: no sideways scrolling on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Also before any script runs: the server-rendered page must fit the phone too.
    const noScript = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    await noScript.addCookies(await context.cookies());
    const raw = await noScript.newPage();
    await raw.goto(`${app.url}/`);
    expect(await raw.getByTestId("home-title").textContent()).toBe("企业用户工作台");
    expect(await raw.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await noScript.close();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "home-qiye-mobile.png"), fullPage: true });
    await context.close();
  });

  it("a wrong password is refused with a message that does not say which part was wrong", async () => {
    const page = await browser.newPage();
    await login(page, "admin", "not-the-password");
    await expect.poll(() => page.getByRole("alert").first().textContent()).toBe("账号或密码错误。");
    expect(new URL(page.url()).pathname).toBe("/login");
    await login(page, "no-such-user", "not-the-password");
    await expect.poll(() => page.getByRole("alert").first().textContent()).toBe("账号或密码错误。");
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "login-refused.png") });
    await page.close();
  });

  it("empty fields are named next to the field", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/login`);
    await page.getByRole("button", { name: /登\s*录/ }).click();
    // Before hydration the click posts the form natively and the answer is a new page: vitest's
    // default 1 s poll was too short for that on a loaded machine (CI failed on it once).
    await expect.poll(() => page.locator("#identifier-error").textContent(), { timeout: 15_000 }).toBe("请输入用户名或手机号");
    expect(await page.locator("#password-error").textContent()).toBe("请输入密码");
    await page.close();
  });

  it("a tampered session cookie is rejected; logout ends the session server-side", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, "wangge", DEMO_PASSWORD);
    await page.getByTestId("home-title").waitFor();
    const session = (await context.cookies()).find((c) => c.name === "qq_session")!;
    expect(session.httpOnly).toBe(true);
    expect(session.secure).toBe(true);
    expect(session.sameSite).toBe("Lax");

    // Change one character of the signed value: the signature no longer matches.
    const tampered = session.value.slice(0, 10) + (session.value[10] === "A" ? "B" : "A") + session.value.slice(11);
    await context.addCookies([{ ...session, value: tampered }]);
    await page.goto(`${app.url}/`);
    expect(new URL(page.url()).pathname).toBe("/login");

    // Log in again, log out, then replay the old cookie: the session is gone.
    await login(page, "wangge", DEMO_PASSWORD);
    await page.getByTestId("home-title").waitFor();
    const live = (await context.cookies()).find((c) => c.name === "qq_session")!;
    await page.getByRole("button", { name: /退\s*出/ }).click();
    await page.waitForURL(/\/login$/);
    await context.addCookies([live]);
    await page.goto(`${app.url}/`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();
  });

  it("a section of another role is refused, an unknown one is not found", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, "qiye", DEMO_PASSWORD);
    await page.getByTestId("home-title").waitFor();
    const forbidden = await page.goto(`${app.url}/grids`);
    expect(forbidden?.status()).toBe(403);
    expect(await page.getByText("无权访问").count()).toBeGreaterThan(0);
    const missing = await page.goto(`${app.url}/no-such-page`);
    expect(missing?.status()).toBe(404);
    await context.close();
  });
});

describe("HTTP guards", () => {
  it("a form post without the CSRF token is refused", async () => {
    const response = await fetch(`${app.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ identifier: "admin", password: DEMO_PASSWORD }),
      redirect: "manual",
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie") ?? "").not.toContain("qq_session");
  });

  it("/healthz reports database, Meilisearch and SMTP", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.status).toBe("ok");
    expect(Object.keys(body.checks)).toEqual(["database", "meilisearch", "smtp"]);
  });

  it("pages link antd's styles as an immutable stylesheet, so the first paint is styled", async () => {
    const html = await (await fetch(`${app.url}/login`)).text();
    const href = html.match(/<link id="antd-css" rel="stylesheet" href="([^"]+)"/)?.[1];
    expect(href).toMatch(/^\/antd-styles\/[0-9a-f]{16}\.css$/);
    const css = await fetch(`${app.url}${href}`);
    expect(css.headers.get("content-type")).toContain("text/css");
    expect(css.headers.get("cache-control")).toContain("immutable");
    expect(await css.text()).toContain(".ant-btn");
  });

  it("pages carry security headers", async () => {
    const response = await fetch(`${app.url}/login`);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });
});
