import fs from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app-process";
import { launchBrowser, SCREENSHOT_DIR } from "../support/browser";
import { loginAs } from "../support/session";

/**
 * Open311 GeoReport v2 against the real portal: an administrator issues a key on 接口密钥, a
 * client files and reads requests over HTTP, and the key is revoked again. Real SQLite, real
 * HTTP server, real browser for the admin page.
 */
let app: RunningApp;
let browser: Browser;
let admin: Page;
let key = "";

const UI = { timeout: 15_000 };
const api = (p: string) => `${app.url}/open311/v2/${p}`;
const db = () => new Database(path.join(app.dataDir, "app.db"), { readonly: true });
const post = (p: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(api(p), { method: "POST", body: new URLSearchParams(form), headers });

const REQUEST = {
  service_code: "SDQN-01",
  description: "园区东门配电箱故障，整栋楼停电两个小时，生产线全部停工，请尽快抢修。",
  first_name: "小明",
  last_name: "王",
  phone: "13800001234",
  address_string: "郑州市高新区枫杨街道长椿路11号",
  lat: "34.8167",
  long: "113.5501",
};

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  await fs.mkdir(SCREENSHOT_DIR, { recursive: true });
  admin = await loginAs(browser, app.url, "admin");
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("接口密钥: an administrator issues a key, shown once", () => {
  it("asks for a name next to the field, then shows the new key and lists it by prefix", async () => {
    await admin.goto(`${app.url}/api-keys`);
    await admin.getByRole("heading", { name: "接口密钥" }).waitFor();
    await admin.getByRole("button", { name: /新建密钥/ }).click();
    await expect.poll(() => admin.locator("#name-error").textContent(), UI).toContain("请填写密钥名称");

    await admin.getByLabel("密钥名称").fill("12345 热线");
    await admin.getByRole("button", { name: /新建密钥/ }).click();
    const shown = admin.getByTestId("new-api-key");
    await shown.waitFor(UI);
    key = (await shown.textContent())!.trim();
    expect(key).toMatch(/^qq311_[A-Za-z0-9_-]{43}$/);
    await expect.poll(() => admin.getByRole("row").filter({ hasText: "12345 热线" }).textContent(), UI).toContain(`${key.slice(0, 10)}…`);
    await admin.screenshot({ path: path.join(SCREENSHOT_DIR, "open311-api-key.png"), fullPage: true });

    // Reloading does not show the key again; the database holds only its hash.
    await admin.reload();
    expect(await admin.getByTestId("new-api-key").count()).toBe(0);
    const d = db();
    const rows = d.prepare("SELECT keyHash, prefix FROM ApiKey").all() as { keyHash: string; prefix: string }[];
    d.close();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(key.slice(10));
  });
});

describe("GeoReport v2 over HTTP", () => {
  it("answers discovery and services in JSON and XML", async () => {
    const discovery = await fetch(api("discovery.json"));
    expect(discovery.headers.get("content-type")).toContain("application/json");
    expect(await discovery.json()).toMatchObject({ endpoints: [{ url: `${app.url}/open311/v2`, formats: ["application/json", "text/xml"] }] });
    const discoveryXml = await (await fetch(api("discovery.xml"))).text();
    expect(discoveryXml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<discovery>.*<endpoints><endpoint>/s);

    const services = (await (await fetch(api("services.json"))).json()) as Record<string, unknown>[];
    expect(services.find((s) => s.service_code === "SDQN-01")).toEqual({
      service_code: "SDQN-01", service_name: "供电", description: expect.any(String), metadata: true, type: "realtime", keywords: "停电,电压,增容", group: "水电气暖",
    });
    const xml = await fetch(api("services.xml"));
    expect(xml.headers.get("content-type")).toBe("text/xml; charset=utf-8");
    expect(await xml.text()).toContain("<service><service_code>SDQN-01</service_code><service_name>供电</service_name>");

    const definition = (await (await fetch(api("services/SDQN-01.json"))).json()) as { attributes: { code: string; values?: unknown[] }[] };
    expect(definition.attributes.map((a) => a.code)).toEqual(["uscc", "title", "urgency", "request_token"]);
    expect(definition.attributes[2].values).toEqual([{ key: "NORMAL", name: "一般" }, { key: "URGENT", name: "紧急" }, { key: "CRITICAL", name: "特急" }]);
    expect((await fetch(api("services/NOPE.json"))).status).toBe(404);
  });

  it("refuses a request without a key (403) or with missing fields (400) in the error format", async () => {
    const noKey = await post("requests.xml", REQUEST);
    expect(noKey.status).toBe(403);
    expect(await noKey.text()).toMatch(/<errors><error><code>403<\/code><description>api_key[^<]*<\/description><\/error><\/errors>$/);

    const missing = await post("requests.json", { api_key: key, service_code: "SDQN-01", description: "停电" });
    expect(missing.status).toBe(400);
    const errors = (await missing.json()) as { code: number; description: string }[];
    expect(errors.every((e) => e.code === 400)).toBe(true);
    expect(errors.map((e) => e.description.split("：")[0])).toEqual(expect.arrayContaining(["description", "first_name/last_name", "phone"]));

    const huge = await post("requests.json", { ...REQUEST, api_key: key, description: "长".repeat(70_000) });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual([{ code: 413, description: expect.any(String) }]);
    const badDate = await fetch(api("requests.json?start_date=2026-02-30"));
    expect(badDate.status).toBe(400);
  });

  it("files a valid request and reads it back by id and in a filtered list, without contact details", async () => {
    const r = await post("requests.json", { ...REQUEST, api_key: key, "attribute[urgency]": "URGENT" });
    expect(r.status).toBe(200);
    const [filed] = (await r.json()) as { service_request_id: string; service_notice: string; account_id: null }[];
    expect(filed).toEqual({ service_request_id: expect.stringMatching(/^\d{13}$/), service_notice: expect.stringContaining("诉求已登记"), account_id: null });

    const one = await fetch(api(`requests/${filed.service_request_id}.json`));
    const [seen] = (await one.json()) as Record<string, unknown>[];
    expect(seen).toMatchObject({
      service_request_id: filed.service_request_id, status: "open", status_notes: "待受理", service_code: "SDQN-01", service_name: "供电",
      address: REQUEST.address_string, lat: 34.8167, long: 113.5501, requested_datetime: expect.stringMatching(/\+08:00$/), expected_datetime: expect.stringMatching(/\+08:00$/),
    });
    expect(JSON.stringify(seen)).not.toMatch(/13800001234|王小明/);

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const list = await fetch(api(`requests.xml?service_code=SDQN-01,SDQN-02&status=open&start_date=${today}`));
    const text = await list.text();
    expect(text).toContain(`<request><service_request_id>${filed.service_request_id}</service_request_id><status>open</status>`);
    expect(await (await fetch(api(`requests.json?service_request_id=${filed.service_request_id}&status=closed`))).json()).toHaveLength(1); // ids override filters

    const d = db();
    const row = d.prepare("SELECT source, urgency, contactName, companyId FROM \"Case\" WHERE number = ?").get(filed.service_request_id);
    d.close();
    expect(row).toEqual({ source: "OPEN311", urgency: "URGENT", contactName: "王小明", companyId: null });
  });

  it("files once for the same Idempotency-Key", async () => {
    const headers = { "Idempotency-Key": "e2e-retry-0001" };
    const first = (await (await post("requests.json", { ...REQUEST, api_key: key }, headers)).json()) as { service_request_id: string }[];
    const second = (await (await post("requests.json", { ...REQUEST, api_key: key }, headers)).json()) as { service_request_id: string }[];
    expect(second[0].service_request_id).toBe(first[0].service_request_id);
    const d = db();
    const { n } = d.prepare("SELECT COUNT(*) AS n FROM \"Case\" WHERE submissionKey LIKE '%:e2e-retry-0001'").get() as { n: number };
    d.close();
    expect(n).toBe(1);
  });

  it("does not show cases companies filed in the portal", async () => {
    const d = db();
    const portal = d.prepare("SELECT number, categoryCode FROM \"Case\" WHERE source <> 'OPEN311' ORDER BY createdAt DESC LIMIT 1").get() as { number: string; categoryCode: string };
    d.close();
    expect(portal).toBeTruthy();
    const one = await fetch(api(`requests/${portal.number}.json`));
    expect(one.status).toBe(404);
    expect(await one.json()).toEqual([{ code: 404, description: expect.any(String) }]);
    expect(await (await fetch(api(`requests.json?service_request_id=${portal.number}`))).json()).toEqual([]);
    expect(await (await fetch(api(`requests.json?service_code=${portal.categoryCode}`))).text()).not.toContain(portal.number);
  });
});

describe("接口密钥: revoking", () => {
  it("asks for confirmation, and the key stops working", async () => {
    await admin.goto(`${app.url}/api-keys`);
    const row = admin.getByRole("row").filter({ hasText: "12345 热线" });
    await row.getByRole("button", { name: /停\s*用/ }).click();
    await admin.locator(".ant-popconfirm").getByRole("button", { name: /停\s*用/ }).click();
    await expect.poll(() => row.textContent(), UI).toContain("已停用");
    const refused = await post("requests.json", { ...REQUEST, api_key: key });
    expect(refused.status).toBe(403);
  });
});
