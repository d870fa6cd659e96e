import { describe, expect, it } from "vitest";
import { CASE_STATUSES, FINAL_STATUSES } from "./flow";
import { pathDepth, scopeColumns, statusColumns } from "./placement";

describe("case placement columns", () => {
  it("takes the district and street from the grid path, at any depth below them", () => {
    expect(scopeColumns("/city/d1/s1/c1/e1/")).toEqual({ districtId: "d1", streetId: "s1" });
    expect(scopeColumns("/city/d1/s1/")).toEqual({ districtId: "d1", streetId: "s1" });
    expect(scopeColumns("/city/d1/")).toEqual({ districtId: "d1", streetId: null });
    expect(scopeColumns("/city/")).toEqual({ districtId: null, streetId: null });
    expect(scopeColumns(null)).toEqual({ districtId: null, streetId: null });
  });

  it("marks exactly the final statuses as not open", () => {
    for (const s of CASE_STATUSES) expect(statusColumns(s)).toEqual({ status: s, open: !FINAL_STATUSES.has(s) });
    expect(statusColumns("SUSPENDED").open).toBe(true);
    expect(statusColumns("REFUSED").open).toBe(false);
  });

  it("measures depth from the city", () => {
    expect(pathDepth("/city/")).toBe(0);
    expect(pathDepth("/city/d1/")).toBe(1);
    expect(pathDepth("/city/d1/s1/")).toBe(2);
  });
});
