import { describe, expect, it } from "vitest";
import { LEAF_CATEGORIES } from "~/cases/categories";
import { discovery, serviceDefinition, serviceList } from "./services";

describe("Open311 services from the case categories", () => {
  it("lists every leaf category as a realtime service with its group and keywords", () => {
    const list = serviceList();
    expect(list).toHaveLength(LEAF_CATEGORIES.length);
    expect(list.find((s) => s.service_code === "SDQN-01")).toEqual({
      service_code: "SDQN-01", service_name: "供电", description: "水电气暖 / 供电（如停电、电压、增容）",
      metadata: true, type: "realtime", keywords: "停电,电压,增容", group: "水电气暖",
    });
    expect(list.some((s) => s.service_code === "SDQN")).toBe(false); // top categories are groups, not services
  });

  it("defines uscc, title, urgency and request_token for a service, nothing for an unknown or top code", () => {
    const d = serviceDefinition("SDQN-01")!;
    expect(d.attributes.map((a) => a.code)).toEqual(["uscc", "title", "urgency", "request_token"]);
    expect(d.attributes.every((a) => a.required === false)).toBe(true);
    const urgency = d.attributes.find((a) => a.code === "urgency")!;
    expect(urgency.datatype).toBe("singlevaluelist");
    expect(urgency.values).toEqual([{ key: "NORMAL", name: "一般" }, { key: "URGENT", name: "紧急" }, { key: "CRITICAL", name: "特急" }]);
    expect(serviceDefinition("SDQN")).toBeNull();
    expect(serviceDefinition("NOPE-01")).toBeNull();
  });

  it("points discovery at this server", () => {
    const d = discovery("https://qinqing.example.gov.cn");
    expect(d.endpoints[0]).toMatchObject({ url: "https://qinqing.example.gov.cn/open311/v2", type: "production", specification: "http://wiki.open311.org/GeoReport_v2" });
  });
});
