import { describe, expect, it } from "vitest";
import { pageOf } from "./paging";

describe("pageOf", () => {
  it("keeps the page asked for within the list, and counts the rows before it", () => {
    expect(pageOf(45, 20, 2)).toEqual({ page: 2, pages: 3, skip: 20 });
    expect(pageOf(45, 20)).toEqual({ page: 1, pages: 3, skip: 0 });
    expect(pageOf(45, 20, 99)).toEqual({ page: 3, pages: 3, skip: 40 });
    expect(pageOf(40, 20, 3)).toEqual({ page: 2, pages: 2, skip: 20 });
    expect(pageOf(45, 20, 0)).toEqual({ page: 1, pages: 3, skip: 0 });
    expect(pageOf(0, 20, 5)).toEqual({ page: 1, pages: 1, skip: 0 });
  });
});
