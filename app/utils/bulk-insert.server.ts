import type { Prisma } from "~/generated/prisma/client";
import { config } from "~/config.server";

/**
 * Multi-row INSERT through Prisma's raw SQL, for bulk writes (imports, seeds). Measured here,
 * Prisma's createMany over the SQLite adapter costs about 0.35 ms per row, which alone would
 * take a 120,000-company import past its 60 s budget; one statement per 300 rows costs a few ms.
 *
 * Portable: quoted identifiers and plain VALUES lists work on SQLite and PostgreSQL alike; only
 * the placeholder style and the stored form of dates differ, and both are chosen here.
 * Every row must have the same keys (the first row's), with null for no value.
 */
export async function insertRows(
  tx: Prisma.TransactionClient,
  table: string,
  rows: Record<string, unknown>[],
  perStatement = 300,
  /** Unique columns whose duplicates are skipped (ON CONFLICT … DO NOTHING, both engines). */
  ignoreConflictOn?: string[],
): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]);
  const sqlite = config().DATABASE_URL.startsWith("file:");
  const list = columns.map((c) => `"${c}"`).join(", ");
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    let n = 0;
    const values = chunk.map(() => `(${columns.map(() => (sqlite ? "?" : `$${++n}`)).join(", ")})`).join(", ");
    const params = chunk.flatMap((row) => columns.map((c) => toSqlValue(row[c], sqlite)));
    const conflict = ignoreConflictOn ? ` ON CONFLICT (${ignoreConflictOn.map((c) => `"${c}"`).join(", ")}) DO NOTHING` : "";
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${list}) VALUES ${values}${conflict}`, ...params);
  }
}

function toSqlValue(value: unknown, sqlite: boolean): unknown {
  if (value === undefined) return null;
  // Prisma's SQLite adapter stores DateTime as ISO 8601 text with an explicit offset.
  if (value instanceof Date) return sqlite ? value.toISOString().replace("Z", "+00:00") : value;
  if (typeof value === "boolean" && sqlite) return value ? 1 : 0;
  return value;
}
