import { describe, expect, it } from "vitest";
import { errorResponse, Open311Error, parseTarget, respond } from "./format";

describe("Open311 formats", () => {
  it("reads the format from the extension, JSON when there is none", () => {
    expect(parseTarget("services.xml")).toEqual({ segments: ["services"], format: "xml" });
    expect(parseTarget("services/SDQN-01.json")).toEqual({ segments: ["services", "SDQN-01"], format: "json" });
    expect(parseTarget("requests/2026112300001")).toEqual({ segments: ["requests", "2026112300001"], format: "json" });
    expect(parseTarget("discovery.XML")).toEqual({ segments: ["discovery"], format: "xml" });
    expect(parseTarget("")).toEqual({ segments: [], format: "json" });
  });

  it("refuses other extensions", () => {
    const e = parseTarget("services.csv");
    expect(e).toBeInstanceOf(Open311Error);
    expect((e as Open311Error).status).toBe(400);
  });

  it("writes the spec's error list in JSON and XML", async () => {
    const error = new Open311Error(400, ["service_code：缺少", "description：<太短>"]);
    const j = errorResponse("json", error);
    expect(j.status).toBe(400);
    expect(j.headers.get("content-type")).toContain("application/json");
    expect(await j.json()).toEqual([{ code: 400, description: "service_code：缺少" }, { code: 400, description: "description：<太短>" }]);
    const x = errorResponse("xml", new Open311Error(403, "api_key 无效"));
    expect(x.status).toBe(403);
    expect(x.headers.get("content-type")).toContain("text/xml");
    expect(await x.text()).toBe('<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>403</code><description>api_key 无效</description></error></errors>');
  });

  it("wraps lists in the spec's root and item elements", async () => {
    const r = respond("xml", "service_requests", [{ service_request_id: "1", account_id: null }]);
    expect(await r.text()).toContain("<service_requests><request><service_request_id>1</service_request_id><account_id/></request></service_requests>");
    expect(r.headers.get("cache-control")).toBe("no-store");
  });
});
