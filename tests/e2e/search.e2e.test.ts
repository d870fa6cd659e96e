import Database from "better-sqlite3";
import fs from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeOutcomes, encodeOutcomes } from "~/matching/result-codec";
import { startApp, type RunningApp } from "../support/app-process";
import { launchBrowser, SCREENSHOT_DIR } from "../support/browser";
import { loginAs } from "../support/session";

// The portal as `npm start` runs it (own database, embedded Meilisearch), an enterprise user in
// Chromium: search as you type, highlights, a facet, "只看我符合的", then Meilisearch stopped.
let app: RunningApp;
let browser: Browser;
let page: Page;
let db: Database.Database;
/** Policies the demo company qualifies for once our match records are in (and any of its own). */
let qualified: string[] = [];
const MINE = ["keji-qiye-yanfa-feiyong-houbuzhu", "gaoqi-houbei-peiyu-ruku", "zhuanjingtexin-rending-jiangli"];
const meiliRequests: string[] = [];

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
const hits = () => page.getByTestId("search-hit");
const hitIds = async () => hits().evaluateAll((cards) => cards.map((c) => c.getAttribute("data-policy")!));

async function waitUntil(check: () => boolean | Promise<boolean>, what: string, ms = 90_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  app = await startApp();
  db = new Database(path.join(app.dataDir, "app.db"));
  db.pragma("busy_timeout = 10000");
  // Outcomes, as the matching run stores them (result-codec.ts), once the start-up runs have settled.
  await waitUntil(
    () => (db.prepare(`SELECT COUNT(*) AS n FROM "MatchRun" WHERE "status" = 'RUNNING'`).get() as { n: number }).n === 0 &&
      (db.prepare(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE "topic" LIKE 'match.%' AND "status" <> 'SENT'`).get() as { n: number }).n === 0,
    "start-up matching to finish",
  );
  const { companyId } = db.prepare(`SELECT "companyId" FROM "User" WHERE "username" = 'qiye'`).get() as { companyId: string };
  const clauses = db
    .prepare(`SELECT c."id" FROM "PolicyClause" c JOIN "PolicyVersion" v ON v."id" = c."versionId" WHERE v."status" = 'PUBLISHED' AND v."policyId" IN (?, ?, ?)`)
    .all(...MINE) as { id: string }[];
  const stored = db.prepare(`SELECT "outcomes" FROM "MatchResult" WHERE "companyId" = ?`).get(companyId) as { outcomes: string } | undefined;
  const outcomes = decodeOutcomes(stored?.outcomes ?? "[]");
  for (const c of clauses) {
    if (!outcomes.some((o) => o.clauseId === c.id)) outcomes.push({ clauseId: c.id, status: "QUALIFIED", amount: null, excludedBy: null, firstQualifiedAt: Date.now(), notified: false });
  }
  db.prepare(`INSERT INTO "MatchResult" ("companyId", "outcomes", "facts", "evaluatedOn", "updatedAt") VALUES (?, ?, '{}', '2026-11-23', CURRENT_TIMESTAMP)
    ON CONFLICT ("companyId") DO UPDATE SET "outcomes" = excluded."outcomes"`).run(companyId, encodeOutcomes(outcomes));
  const live = outcomes.filter((o) => o.status !== "LAPSED").map((o) => o.clauseId);
  qualified = (db.prepare(`SELECT DISTINCT v."policyId" FROM "PolicyClause" c JOIN "PolicyVersion" v ON v."id" = c."versionId" WHERE c."id" IN (SELECT value FROM json_each(?))`).all(JSON.stringify(live)) as { policyId: string }[])
    .map((r) => r.policyId)
    .sort();

  browser = await launchBrowser();
  await fs.mkdir(SCREENSHOT_DIR, { recursive: true });
  page = await loginAs(browser, app.url, "qiye");
  const meiliPort = (await fs.readFile(`/proc/${await meiliPid()}/cmdline`, "utf8")).match(/--http-addr=127\.0\.0\.1:(\d+)/)![1];
  page.on("request", (r) => r.url().includes(`:${meiliPort}`) && meiliRequests.push(r.url()));
});

afterAll(async () => {
  db?.close();
  await browser?.close();
  await app?.stop();
});

async function meiliPid(): Promise<number> {
  return Number(await fs.readFile(path.join(app.dataDir, "meilisearch", "meilisearch.pid"), "utf8"));
}

describe("policy search as an enterprise user", () => {
  it("browses every policy with an empty query, once the index is built", async () => {
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "政策检索" }).click();
    await page.waitForURL(/\/policies$/);
    // A fresh install builds its index at start-up; until then the page says it is using the database.
    await waitUntil(async () => {
      if ((await page.getByTestId("search-degraded").count()) === 0) return true;
      await page.reload();
      return false;
    }, "the search index");
    expect(await page.getByTestId("search-summary").textContent()).toContain("全部政策共 27 项");
    expect(await hits().count()).toBe(10);
    expect(await page.getByTestId("facet-level").textContent()).toContain("市级");
  });

  it("finds 高企奖励 as it is typed, with the matches highlighted", async () => {
    await page.getByRole("textbox", { name: "搜索政策" }).pressSequentially("高企奖励", { delay: 60 });
    await page.waitForURL(/q=%E9%AB%98%E4%BC%81%E5%A5%96%E5%8A%B1/); // q=高企奖励, without pressing Enter
    await expect.poll(() => page.getByTestId("search-summary").textContent()).toContain("与“高企奖励”相关的政策");
    const ids = await hitIds();
    expect(ids.slice(0, 4)).toEqual(expect.arrayContaining(["keji-qiye-yanfa-feiyong-houbuzhu", "gaoqi-shouci-rending-jiangbu-2019"]));
    const first = hits().first();
    expect(await first.locator("mark").count()).toBeGreaterThan(0);
    const marked = await page.locator("[data-testid=search-hit] mark").allTextContents();
    expect(marked).toEqual(expect.arrayContaining(["高新技术企业"]));
    await shot("search-typed");
  });

  it("narrows by a facet, then keeps only the policies the company qualifies for", async () => {
    await page.getByTestId("facet-level").getByRole("checkbox", { name: /市级/ }).click(); // checked once the page reloads its results
    await page.waitForURL(/level=%E5%B8%82/);
    await expect.poll(async () => (await hits().allTextContents()).every((t) => t.includes("市级"))).toBe(true);
    await shot("search-facet");

    await page.getByRole("switch", { name: "只看我符合的" }).click();
    await page.waitForURL(/mine=1/);
    await expect.poll(async () => (await hitIds()).every((id) => qualified.includes(id))).toBe(true);
    expect(await hits().count()).toBeGreaterThan(0);
    expect(await page.getByTestId("qualifies").count()).toBe(await hits().count());
    await shot("search-mine");

    // Without the query and the facet: exactly the company's policies.
    await page.goto(`${app.url}/policies?mine=1`);
    expect(await page.getByTestId("search-summary").textContent()).toContain(`全部政策共 ${qualified.length} 项`);
    const all: string[] = [];
    for (let p = 1; p <= Math.ceil(qualified.length / 10); p++) {
      await page.goto(`${app.url}/policies?mine=1&page=${p}`);
      all.push(...(await hitIds()));
    }
    expect(all.sort()).toEqual(qualified);
  });

  it("explains an empty result with suggestions, and takes bad input calmly", async () => {
    await page.goto(`${app.url}/policies?q=${encodeURIComponent("火星移民")}`);
    const empty = page.getByTestId("search-empty");
    expect(await empty.textContent()).toContain("没有找到与“火星移民”相关的政策");
    expect(await empty.getByRole("link", { name: "稳岗返还" }).count()).toBe(1);
    await shot("search-empty");

    const response = await page.goto(`${app.url}/policies?q=${encodeURIComponent('"\\ level = 国家 OR 1=1')}&level=乡镇&issuer=${encodeURIComponent('x" OR id EXISTS')}&page=99999`);
    expect(response?.status()).toBe(200);
    expect(await page.textContent("body")).toContain("已忽略无法识别的筛选条件");
  });

  it("never sends the master key or a Meilisearch request to the browser", async () => {
    const key = (await fs.readFile(path.join(app.dataDir, "meilisearch", "master-key"), "utf8")).trim();
    const html = await (await page.request.get(`${app.url}/policies?q=${encodeURIComponent("高企")}`)).text();
    const data = await (await page.request.get(`${app.url}/policies?q=${encodeURIComponent("高企")}&_data=routes%2F_app.policies._index`)).text();
    expect(html).not.toContain(key);
    expect(data).not.toContain(key);
    expect(meiliRequests).toEqual([]);
  });

  it("with Meilisearch stopped, answers from the database and says so, never an error", async () => {
    process.kill(await meiliPid(), "SIGTERM");
    const response = await page.goto(`${app.url}/policies?q=${encodeURIComponent("稳岗返还")}`);
    expect(response?.status()).toBe(200);
    const notice = page.getByTestId("search-degraded");
    expect(await notice.textContent()).toContain("全文检索服务暂时不可用，当前为基础检索");
    expect(await hitIds()).toEqual(expect.arrayContaining(["shiye-baoxian-wengang-fanhuan"]));
    await shot("search-degraded");
  });
});
