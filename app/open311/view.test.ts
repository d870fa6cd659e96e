import { describe, expect, it } from "vitest";
import { openClosed, statusesFor, statusNotes, toServiceRequest, type CaseForView } from "./view";

const CASE: CaseForView = {
  number: "2026112300007", status: "DISPATCHED", categoryCode: "SDQN-01", description: "整栋楼停电", address: "长椿路11号",
  latitude: 34.81, longitude: 113.55, createdAt: new Date("2026-11-23T01:00:00Z"), updatedAt: new Date("2026-11-23T03:00:00Z"),
  stageDeadline: new Date("2026-11-26T15:59:59.999Z"), agency: "郑州市城市管理局", lastStep: { action: "dispatch", comment: "请尽快抢修" },
};

describe("a case as an Open311 request", () => {
  it("is open until it is closed or refused", () => {
    expect(openClosed("SUBMITTED")).toBe("open");
    expect(openClosed("SUSPENDED")).toBe("open");
    expect(openClosed("CLOSED")).toBe("closed");
    expect(openClosed("REFUSED")).toBe("closed");
    expect(statusesFor("closed").sort()).toEqual(["CLOSED", "REFUSED"]);
    expect(statusesFor("open")).toHaveLength(7);
  });

  it("explains the status with the requester-facing comment of the latest step", () => {
    expect(statusNotes("DISPATCHED", { action: "dispatch", comment: "请尽快抢修" })).toBe("办理中：请尽快抢修");
    expect(statusNotes("REFUSED", { action: "refuse", comment: "不属于企业诉求" })).toBe("不予受理：不属于企业诉求");
    expect(statusNotes("SUBMITTED", { action: "file", comment: null })).toBe("待受理");
    // Internal back-and-forth is not published.
    expect(statusNotes("DISPATCHED", { action: "reject", comment: "现场仍未恢复供电，核查不通过" })).toBe("办理中");
    expect(statusNotes("REGISTERED", { action: "return", comment: "不属于本部门职责" })).toBe("已立案");
  });

  it("carries the spec's fields and nothing about people", () => {
    const r = toServiceRequest(CASE);
    expect(r).toEqual({
      service_request_id: "2026112300007", status: "open", status_notes: "办理中：请尽快抢修", service_name: "供电", service_code: "SDQN-01",
      description: "整栋楼停电", agency_responsible: "郑州市城市管理局", service_notice: null,
      requested_datetime: "2026-11-23T09:00:00+08:00", updated_datetime: "2026-11-23T11:00:00+08:00", expected_datetime: "2026-11-26T23:59:59+08:00",
      address: "长椿路11号", address_id: null, zipcode: null, lat: 34.81, long: 113.55, media_url: null,
    });
  });

  it("has no expected time once closed", () => {
    expect(toServiceRequest({ ...CASE, status: "CLOSED", lastStep: { action: "close", comment: null } })).toMatchObject({ status: "closed", status_notes: "已结案", expected_datetime: null });
  });
});
