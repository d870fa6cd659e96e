import { describe, expect, it } from "vitest";
import { safeRedirect } from "./request.server";

describe("safeRedirect", () => {
  it("keeps same-site paths", () => {
    expect(safeRedirect("/companies?page=2")).toBe("/companies?page=2");
  });
  it("refuses anything that leaves the site", () => {
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", "javascript:alert(1)", "", null, undefined]) {
      expect(safeRedirect(bad as string)).toBe("/");
    }
  });
});
