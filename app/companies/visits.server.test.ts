import { afterEach, describe, expect, it, vi } from "vitest";
import { VisitForm } from "./visits.server";

const form = (visitedOn: string) => VisitForm.safeParse({ visitedOn, notes: "了解企业用工情况", problems: "" });

describe("a visit's date", () => {
  afterEach(() => vi.useRealTimers());

  it("may be today in the city even while the UTC date is still yesterday (00:00–08:00 Beijing time)", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T19:30:00Z")); // 2026-11-24 03:30 in Zhengzhou
    expect(form("2026-11-24").success).toBe(true);
    expect(form("2026-11-23").success).toBe(true);
    const tomorrow = form("2026-11-25");
    expect(tomorrow.success).toBe(false);
    expect(tomorrow.error?.issues[0].message).toBe("走访日期不能晚于今天");
  });

  it("may not be tomorrow in the city, late in the Beijing day", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T15:30:00Z")); // 2026-11-23 23:30 in Zhengzhou
    expect(form("2026-11-23").success).toBe(true);
    expect(form("2026-11-24").success).toBe(false);
  });
});
