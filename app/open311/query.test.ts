import { describe, expect, it } from "vitest";
import { parseIsoDate, readRequestQuery, w3c } from "./query";

const NOW = new Date("2026-11-23T04:00:00Z"); // 12:00 in Zhengzhou
const q = (s: string) => readRequestQuery(new URLSearchParams(s), NOW);

describe("GeoReport dates", () => {
  it("writes W3C date-times in city time", () => {
    expect(w3c(new Date("2026-11-23T01:30:00Z"))).toBe("2026-11-23T09:30:00+08:00");
  });

  it("reads ISO 8601 with and without offsets; a bare date is a city day", () => {
    expect(parseIsoDate("2026-11-01T08:00:00Z")!.toISOString()).toBe("2026-11-01T08:00:00.000Z");
    expect(parseIsoDate("2026-11-01T08:00:00+08:00")!.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(parseIsoDate("2026-11-01T08:00:00+0800")!.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(parseIsoDate("2026-11-01T08:00")!.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(parseIsoDate("2026-11-01")!.toISOString()).toBe("2026-10-31T16:00:00.000Z");
    expect(parseIsoDate("2026-11-01", true)!.toISOString()).toBe("2026-11-01T15:59:59.999Z");
    // "+" left unencoded in a query string arrives as a space.
    expect(parseIsoDate("2026-11-01T08:00:00 08:00")!.toISOString()).toBe("2026-11-01T00:00:00.000Z");
  });

  it("refuses what is not a real date", () => {
    for (const bad of ["", "yesterday", "2026-02-30", "2026-13-01", "2026-11-01T25:00:00Z", "2026/11/01", "1e12", "2026-11-01T08:00:00+08:00x"]) {
      expect(parseIsoDate(bad), bad).toBeNull();
    }
  });
});

describe("GET requests parameters", () => {
  it("defaults to the last 90 days, all services and statuses", () => {
    const r = q("");
    expect(r).toEqual({ ok: true, value: { numbers: null, serviceCodes: null, statuses: null, end: NOW, start: new Date(NOW.getTime() - 90 * 86_400_000) } });
  });

  it("takes comma lists and repeated parameters", () => {
    const r = q("service_code=SDQN-01,SDQN-02&service_code=SDQN-01&status=OPEN");
    expect(r).toMatchObject({ ok: true, value: { serviceCodes: ["SDQN-01", "SDQN-02"], statuses: ["open"] } });
    expect(q("service_request_id=2026112300001, 2026112300002")).toMatchObject({ ok: true, value: { numbers: ["2026112300001", "2026112300002"] } });
  });

  it("explains each bad parameter instead of failing", () => {
    const r = q("start_date=2026-02-30&end_date=soon&status=pending&service_code=SDQN&service_request_id=abc");
    expect(r.ok).toBe(false);
    const errors = (r as { errors: string[] }).errors;
    expect(errors.map((e) => e.split("：")[0])).toEqual(["service_request_id", "service_code", "status", "start_date", "end_date"]);
  });

  it("refuses windows that are reversed or wider than 90 days", () => {
    expect(q("start_date=2026-11-10&end_date=2026-11-01")).toEqual({ ok: false, errors: ["start_date 不能晚于 end_date"] });
    expect(q("start_date=2026-01-01&end_date=2026-11-01")).toMatchObject({ ok: false, errors: [expect.stringContaining("90 天")] });
    expect(q("start_date=2026-11-01&end_date=2026-11-30")).toMatchObject({ ok: true });
  });

  it("runs a window from a single end", () => {
    const r = q("start_date=2026-11-01");
    expect(r).toMatchObject({ ok: true, value: { end: NOW } });
    const e = q("end_date=2026-10-31");
    expect(e.ok && e.value.start.toISOString()).toBe("2026-08-02T15:59:59.999Z");
  });
});
