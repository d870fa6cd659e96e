import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { actorFor } from "~/auth/actor.server";
import { createApiKey, revokeApiKey } from "./api-keys.server";
import { handleOpen311, MAX_BODY_BYTES } from "./router.server";

/** The API in process, over the seeded test database: every path a client can take. */
const BASE = "http://portal.test/open311/v2/";
let key = "";

function call(path: string, init: RequestInit & { form?: Record<string, string> } = {}) {
  const { form, ...rest } = init;
  const request = form
    ? new Request(BASE + path, { method: "POST", body: new URLSearchParams(form), ...rest })
    : new Request(BASE + path, rest);
  // The route hands over only the splat: the path without the query string.
  return handleOpen311(request, path.split("?")[0], "127.0.0.1");
}

const valid = () => ({
  api_key: key,
  service_code: "JCSS-03",
  description: "园区门口的路灯坏了一周，晚上员工下班很不安全，请尽快维修。",
  first_name: "小红",
  last_name: "张",
  phone: "13900001111",
});

let community: { id: string; name: string; street: string; district: string };

beforeAll(async () => {
  key = (await createApiKey({ actor: await actorFor("admin"), name: "接口测试" })).key;
  const node = await prisma.gridNode.findFirstOrThrow({
    where: { level: "COMMUNITY", name: { endsWith: "社区居民委员会" } },
    select: { id: true, name: true, parent: { select: { name: true, parent: { select: { name: true } } } } },
  });
  community = { id: node.id, name: node.name, street: node.parent!.name, district: node.parent!.parent!.name };
});

describe("Open311 endpoints (in process, real SQLite)", () => {
  it("answers discovery and services in JSON and XML", async () => {
    const d = await call("discovery.json");
    expect(await d.json()).toMatchObject({ endpoints: [{ url: "http://portal.test/open311/v2" }] });
    const x = await call("services.xml");
    expect(x.headers.get("content-type")).toBe("text/xml; charset=utf-8");
    expect(await x.text()).toContain("<service><service_code>ZCZX-01</service_code><service_name>惠企政策解读</service_name>");
    expect(await (await call("services/SDQN-01")).json()).toMatchObject({ service_code: "SDQN-01" });
    const missing = await call("services/NOPE-99.xml");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("<errors><error><code>404</code>");
  });

  it("refuses unknown paths, wrong methods and formats in the error format", async () => {
    expect((await call("tokens/abc.json")).status).toBe(404);
    expect((await call("services.json", { method: "POST" })).status).toBe(405);
    const csv = await call("services.csv");
    expect(csv.status).toBe(400);
    expect(await csv.json()).toEqual([{ code: 400, description: expect.stringContaining(".json 或 .xml") }]);
  });

  it("requires a valid api_key to file", async () => {
    const { api_key: _, ...noKey } = valid();
    const r = await call("requests.xml", { form: noKey });
    expect(r.status).toBe(403);
    expect(await r.text()).toMatch(/<errors><error><code>403<\/code><description>api_key/);
    expect((await call("requests.json", { form: { ...valid(), api_key: "qq311_wrong" } })).status).toBe(403);
    const { api_key: inUrl, ...rest } = valid();
    const leaked = await call(`requests.json?api_key=${inUrl}`, { form: rest });
    expect(leaked.status).toBe(403);
    expect(await leaked.text()).toContain("须放在请求体中");
  });

  it("lists every problem of a bad request", async () => {
    const r = await call("requests.json", { form: { api_key: key, service_code: "SDQN-01", description: "停电" } });
    expect(r.status).toBe(400);
    const errors = (await r.json()) as { code: number; description: string }[];
    expect(errors.every((e) => e.code === 400)).toBe(true);
    expect(errors.map((e) => e.description.split("：")[0])).toEqual(expect.arrayContaining(["description", "first_name/last_name", "phone"]));
    // No location and no company.
    const nowhere = await call("requests.json", { form: valid() });
    expect(nowhere.status).toBe(400);
    expect(await nowhere.text()).toContain("请提供位置");
  });

  it("files by address into the community's grid, and reads it back without contact details", async () => {
    const address = `郑州市${community.district}${community.street}${community.name.replace("居民委员会", "")}幸福路8号`;
    const r = await call("requests.json", { form: { ...valid(), address_string: address, lat: "34.75", long: "113.62" } });
    expect(r.status).toBe(200);
    const [filed] = (await r.json()) as { service_request_id: string; service_notice: string; account_id: null }[];
    expect(filed.account_id).toBeNull();
    expect(filed.service_notice).toContain(`编号 ${filed.service_request_id}`);
    const c = await prisma.case.findUniqueOrThrow({ where: { number: filed.service_request_id } });
    expect(c).toMatchObject({ source: "OPEN311", companyId: null, gridId: community.id, contactName: "张小红", title: "园区门口的路灯坏了一周，晚上员工下班很不安全，请尽快维修", latitude: 34.75 });

    const one = await call(`requests/${filed.service_request_id}.json`);
    const [seen] = (await one.json()) as Record<string, unknown>[];
    expect(seen).toMatchObject({ service_request_id: filed.service_request_id, status: "open", status_notes: "待受理", service_code: "JCSS-03", address, lat: 34.75, long: 113.62 });
    expect(JSON.stringify(seen)).not.toMatch(/13900001111|张小红/);
    const list = await call("requests.xml?service_code=JCSS-03&status=open");
    expect(await list.text()).toContain(`<service_request_id>${filed.service_request_id}</service_request_id>`);
    expect(await (await call("requests.json?status=closed&service_code=JCSS-03")).text()).not.toContain(filed.service_request_id);
  });

  it("files a company's request by uscc without a location, routed to the company's grid", async () => {
    const company = await prisma.company.findFirstOrThrow({ where: { gridId: { not: null }, parkGridId: null }, select: { id: true, uscc: true, gridId: true, name: true } });
    const r = await call("requests.json", {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...valid(), attribute: { uscc: company.uscc, urgency: "CRITICAL", title: "路灯损坏" } }),
    });
    expect(r.status).toBe(200);
    const [filed] = (await r.json()) as { service_request_id: string; service_notice: string }[];
    expect(filed.service_notice).not.toContain(company.name);
    expect(await prisma.case.findUniqueOrThrow({ where: { number: filed.service_request_id } })).toMatchObject({ companyId: company.id, gridId: company.gridId, urgency: "CRITICAL", title: "路灯损坏" });
    const [seen] = (await (await call(`requests/${filed.service_request_id}.json`)).json()) as Record<string, unknown>[];
    expect(JSON.stringify(seen)).not.toContain(company.name);
    expect(JSON.stringify(seen)).not.toContain(company.uscc);
  });

  it("files once for the same Idempotency-Key, and per key", async () => {
    const form = { ...valid(), address_string: "郑州市某路1号" };
    const token = `retry-${Date.now()}`;
    const first = (await (await call("requests.json", { form, headers: { "Idempotency-Key": token } })).json()) as { service_request_id: string }[];
    const again = (await (await call("requests.json", { form, headers: { "Idempotency-Key": token } })).json()) as { service_request_id: string; service_notice: string }[];
    expect(again[0].service_request_id).toBe(first[0].service_request_id);
    expect(again[0].service_notice).toContain("未重复登记");
    const viaAttribute = (await (await call("requests.json", { form: { ...form, "attribute[request_token]": token } })).json()) as { service_request_id: string }[];
    expect(viaAttribute[0].service_request_id).toBe(first[0].service_request_id);
    expect(await prisma.case.count({ where: { submissionKey: { endsWith: `:${token}` } } })).toBe(1);
    // Unplaceable address: the case waits for an administrator.
    expect(await prisma.case.findUniqueOrThrow({ where: { number: first[0].service_request_id } })).toMatchObject({ gridId: null });
  });

  it("never shows cases filed in the portal", async () => {
    const portal = await prisma.case.findFirstOrThrow({ where: { source: { not: "OPEN311" } }, orderBy: { createdAt: "desc" } });
    expect((await call(`requests/${portal.number}.json`)).status).toBe(404);
    const byId = (await (await call(`requests.json?service_request_id=${portal.number}`)).json()) as unknown[];
    expect(byId).toEqual([]);
    const all = await (await call(`requests.json?service_code=${portal.categoryCode}`)).text();
    expect(all).not.toContain(portal.number);
  });

  it("refuses bodies over 64 KB, declared or streamed, and malformed bodies", async () => {
    const big = await call("requests.json", { form: { ...valid(), description: "长".repeat(MAX_BODY_BYTES) } });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual([{ code: 413, description: expect.stringContaining("64 KB") }]);
    const chunk = new TextEncoder().encode("a".repeat(16 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 6; i++) c.enqueue(chunk);
        c.close();
      },
    });
    const streamed = await handleOpen311(new Request(BASE + "requests.xml", { method: "POST", body: stream, duplex: "half" } as RequestInit), "requests.xml");
    expect(streamed.status).toBe(413);
    const bad = await call("requests.json", { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" });
    expect(bad.status).toBe(400);
    const notObject = await call("requests.json", { method: "POST", headers: { "content-type": "application/json" }, body: "[1]" });
    expect(notObject.status).toBe(400);
  });

  it("accepts multipart forms too", async () => {
    const body = new FormData();
    for (const [k, v] of Object.entries({ ...valid(), address_string: "郑州市某路2号" })) body.set(k, v);
    const r = await call("requests.json", { method: "POST", body });
    expect(r.status).toBe(200);
  });

  it("answers bad query parameters with 400, not 500", async () => {
    for (const q of ["start_date=2026-02-30", "end_date=tomorrow", "status=pending", "service_code=XX", "service_request_id=1;drop"]) {
      const r = await call(`requests.json?${q}`);
      expect(r.status, q).toBe(400);
      const [error] = (await r.json()) as { description: string }[];
      expect(error.description.startsWith(`${q.split("=")[0]}：`), error.description).toBe(true);
    }
    expect((await call("requests/not-a-number.json")).status).toBe(404);
  });

  it("stops accepting a revoked key", async () => {
    const admin = await actorFor("admin");
    const made = await createApiKey({ actor: admin, name: "将停用" });
    const form = { ...valid(), api_key: made.key, address_string: "郑州市某路3号" };
    expect((await call("requests.json", { form })).status).toBe(200);
    await revokeApiKey({ actor: admin, id: made.id });
    expect((await call("requests.json", { form })).status).toBe(403);
  });
});
