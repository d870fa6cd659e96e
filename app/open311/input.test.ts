import { describe, expect, it } from "vitest";
import { contactName, deriveTitle, flattenParams, readServiceRequest, readUrgency } from "./input";

const VALID = {
  service_code: "SDQN-01",
  description: "园区东门配电箱故障，整栋楼停电已经两个小时，生产线全部停工。",
  first_name: "小明",
  last_name: "王",
  phone: "13800001234",
  address_string: "郑州市高新区枫杨街道长椿路11号",
};

describe("POST requests → filing input", () => {
  it("maps a complete request", () => {
    const r = readServiceRequest({ ...VALID, lat: "34.81", long: "113.55", "attribute[urgency]": "紧急", "attribute[request_token]": "abc-123" });
    expect(r).toEqual({
      ok: true,
      value: {
        filing: {
          categoryCode: "SDQN-01", title: "园区东门配电箱故障，整栋楼停电已经两个小时，生产线全部停工", description: VALID.description,
          urgency: "URGENT", contactName: "王小明", contactPhone: "13800001234", contactEmail: "", address: VALID.address_string,
        },
        uscc: null, latitude: 34.81, longitude: 113.55, token: "abc-123", located: true,
      },
    });
  });

  it("names the Open311 parameter in every message", () => {
    const r = readServiceRequest({ service_code: "NOPE", description: "短", phone: "12345", email: "x@", "attribute[urgency]": "很急", lat: "999" });
    expect(r.ok).toBe(false);
    const errors = (r as { errors: string[] }).errors;
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/^service_code：“NOPE”不是有效的服务代码/),
      expect.stringMatching(/^description：/),
      expect.stringMatching(/^phone：/),
      expect.stringMatching(/^email：/),
      expect.stringMatching(/^first_name\/last_name：/),
      expect.stringMatching(/^attribute\[urgency\]：/),
      expect.stringMatching(/^lat：/),
      expect.stringMatching(/^lat\/long：/),
    ]));
    // The title was derived from the too-short description: that error alone is reported.
    expect(errors.some((e) => e.startsWith("attribute[title]"))).toBe(false);
  });

  it("checks the uscc's check character and normalises it", () => {
    expect(readServiceRequest({ ...VALID, "attribute[uscc]": "91350100m000100y43" })).toMatchObject({ ok: true, value: { uscc: "91350100M000100Y43" } });
    const bad = readServiceRequest({ ...VALID, "attribute[uscc]": "91350100M000100Y44" });
    expect(bad).toEqual({ ok: false, errors: [expect.stringMatching(/^attribute\[uscc\]：.*校验位/)] });
  });

  it("reports whether a location was given, and takes the Idempotency-Key header over the attribute", () => {
    const { address_string: _, ...noAddress } = VALID;
    expect(readServiceRequest(noAddress)).toMatchObject({ ok: true, value: { located: false, latitude: null } });
    expect(readServiceRequest({ ...noAddress, lat: "34.8", long: "113.6" })).toMatchObject({ ok: true, value: { located: true } });
    expect(readServiceRequest({ ...VALID, "attribute[request_token]": "attr" }, "header-1")).toMatchObject({ ok: true, value: { token: "header-1" } });
    expect(readServiceRequest(VALID, "x".repeat(101))).toMatchObject({ ok: false, errors: [expect.stringMatching(/^Idempotency-Key：/)] });
    expect(readServiceRequest(VALID, "中文令牌")).toMatchObject({ ok: false });
  });

  it("uses the client's own title when given, and checks it", () => {
    expect(readServiceRequest({ ...VALID, "attribute[title]": "整栋楼停电" })).toMatchObject({ ok: true, value: { filing: { title: "整栋楼停电" } } });
    expect(readServiceRequest({ ...VALID, "attribute[title]": "停电" })).toEqual({ ok: false, errors: ["attribute[title]：标题至少 4 个字"] });
  });
});

describe("input helpers", () => {
  it("derives a title from the first sentence, or the first 30 characters", () => {
    expect(deriveTitle("路灯不亮。已经一周了，晚上很危险")).toBe("路灯不亮");
    expect(deriveTitle("好。" + "很长的描述".repeat(10))).toBe(`好。${"很长的描述".repeat(10)}`.slice(0, 29) + "…");
    expect(deriveTitle("  门口\n\n道路  破损  ")).toBe("门口 道路 破损");
  });

  it("reads urgency by key or Chinese name", () => {
    expect(readUrgency(undefined)).toBe("NORMAL");
    expect(readUrgency("critical")).toBe("CRITICAL");
    expect(readUrgency("特急")).toBe("CRITICAL");
    expect(readUrgency("高")).toBeNull();
  });

  it("orders names the Chinese or the Western way", () => {
    expect(contactName("小明", "王")).toBe("王小明");
    expect(contactName("John", "Smith")).toBe("John Smith");
    expect(contactName(undefined, " 李 ")).toBe("李");
  });

  it("flattens JSON bodies, nested or flat attributes alike, ignoring non-scalars", () => {
    expect(flattenParams({ service_code: "SDQN-01", lat: 34.8, attribute: { uscc: "X", urgency: "URGENT" }, "attribute[title]": "T", media: { a: 1 }, list: [1] }))
      .toEqual({ service_code: "SDQN-01", lat: "34.8", "attribute[uscc]": "X", "attribute[urgency]": "URGENT", "attribute[title]": "T" });
    expect(flattenParams([1, 2])).toBeNull();
    expect(flattenParams("text")).toBeNull();
  });
});
