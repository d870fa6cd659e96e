import { describe, expect, it } from "vitest";
import type { Actor } from "./actor";
import { canSeeCompany, canSeeGridPath } from "./scope";

const actor = (over: Partial<Actor>): Actor => ({
  id: "u", username: "u", displayName: "u", role: "GRID_WORKER", companyId: null, departmentId: null, gridPaths: [], ...over,
});

describe("scope checks", () => {
  const worker = actor({ gridPaths: ["/city/hz/fy/"] });

  it("a grid worker sees their node and everything under it, nothing beside it", () => {
    expect(canSeeGridPath(worker, "/city/hz/fy/")).toBe(true);
    expect(canSeeGridPath(worker, "/city/hz/fy/c1/e1/")).toBe(true);
    expect(canSeeGridPath(worker, "/city/hz/")).toBe(false);
    expect(canSeeGridPath(worker, "/city/hz/fy2/")).toBe(false); // a sibling whose id shares a prefix
  });

  it("companies are visible through their grid or their park", () => {
    expect(canSeeCompany(worker, { id: "c", gridPath: "/city/hz/fy/c1/", parkGridPath: null })).toBe(true);
    expect(canSeeCompany(worker, { id: "c", gridPath: "/city/js/x/", parkGridPath: "/city/hz/fy/p1/" })).toBe(true);
    expect(canSeeCompany(worker, { id: "c", gridPath: "/city/js/x/", parkGridPath: null })).toBe(false);
    expect(canSeeCompany(worker, { id: "c", gridPath: null, parkGridPath: null })).toBe(false);
  });

  it("enterprise staff see only their company; handlers none; city roles all", () => {
    const staff = actor({ role: "ENTERPRISE", companyId: "mine" });
    expect(canSeeCompany(staff, { id: "mine", gridPath: null, parkGridPath: null })).toBe(true);
    expect(canSeeCompany(staff, { id: "other", gridPath: null, parkGridPath: null })).toBe(false);
    expect(canSeeCompany(actor({ role: "DEPT_HANDLER" }), { id: "x", gridPath: "/a/", parkGridPath: null })).toBe(false);
    expect(canSeeCompany(actor({ role: "POLICY_OFFICER" }), { id: "x", gridPath: "/a/", parkGridPath: null })).toBe(true);
  });
});
