/**
 * A value in the form Prisma's SQLite adapter stores it, for statements written by hand (bulk
 * inserts, match runs, counts): DateTime as ISO 8601 text with an explicit offset, booleans as
 * 1/0, undefined as NULL.
 */
export function sqliteValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}
