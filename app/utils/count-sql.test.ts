import { describe, expect, it } from "vitest";
import { compileWhere } from "./count-sql";

const COLUMNS = new Set(["id", "open", "status", "districtId", "title", "stageDeadline", "supervisedAt", "categoryCode"]);

describe("compileWhere", () => {
  it("translates the queues' shapes, binding values as SQLite keeps Prisma's", () => {
    const when = new Date("2026-11-23T08:00:00.000Z");
    expect(compileWhere({ AND: [{ districtId: "d1" }, { open: true }, { stageDeadline: { lt: when } }] }, COLUMNS)).toEqual({
      sql: `(("districtId" = ?) AND ("open" = ?) AND ("stageDeadline" < ?))`,
      params: ["d1", 1, "2026-11-23T08:00:00.000+00:00"],
    });
    expect(compileWhere({ open: true, OR: [{ status: { in: ["A", "B"] } }, { supervisedAt: { not: null } }] }, COLUMNS)).toEqual({
      sql: `"open" = ? AND (("status" IN (?, ?)) OR ("supervisedAt" IS NOT NULL))`,
      params: [1, "A", "B"],
    });
    expect(compileWhere({ categoryCode: { gte: "SDQN-", lt: "SDQN." }, title: { contains: "停电" } }, COLUMNS)).toEqual({
      sql: `"categoryCode" >= ? AND "categoryCode" < ? AND "title" LIKE ('%' || ? || '%')`,
      params: ["SDQN-", "SDQN.", "停电"],
    });
  });

  it("says nothing matches an empty list and everything matches an empty filter", () => {
    expect(compileWhere({ id: { in: [] } }, COLUMNS)).toEqual({ sql: "0", params: [] });
    expect(compileWhere({}, COLUMNS)).toEqual({ sql: "1", params: [] });
    expect(compileWhere({ AND: [] }, COLUMNS)).toEqual({ sql: "1", params: [] });
    expect(compileWhere({ OR: [] }, COLUMNS)).toEqual({ sql: "0", params: [] });
    expect(compileWhere({ supervisedAt: null }, COLUMNS)).toEqual({ sql: `"supervisedAt" IS NULL`, params: [] });
  });

  it("leaves every shape it does not know to Prisma (null)", () => {
    expect(compileWhere({ company: { name: "x" } }, COLUMNS)).toBeNull(); // a relation
    expect(compileWhere({ NOT: { open: true } }, COLUMNS)).toBeNull();
    expect(compileWhere({ title: { contains: "x", mode: "insensitive" } }, COLUMNS)).toBeNull();
    expect(compileWhere({ title: { startsWith: "x" } }, COLUMNS)).toBeNull();
    expect(compileWhere({ AND: [{ open: true }, { unknownColumn: 1 }] }, COLUMNS)).toBeNull();
    expect(compileWhere({ status: { not: { in: ["A"] } } }, COLUMNS)).toBeNull();
    // Never a value spliced into the SQL: an odd column name is refused, not quoted.
    expect(compileWhere({ 'open" OR 1=1 --': true }, COLUMNS)).toBeNull();
  });
});
