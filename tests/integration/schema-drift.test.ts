import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, diffDatabaseAgainstSchema } from "../../scripts/db/migrate";
import { EMPTY_MIGRATION, readSchemaFiles, schemaPath } from "../../scripts/db/schema-engine";

describe("migrations (wasm schema engine, no binary)", () => {
  let dir: string;
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it("bring a fresh database exactly to schema.prisma, once", async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "qinqing-drift-"));
    const db = path.join(dir, "drift.db");
    expect(await applyMigrations(db)).not.toEqual([]);
    expect(await applyMigrations(db)).toEqual([]); // nothing applied twice
    expect(await diffDatabaseAgainstSchema(db)).toBe(EMPTY_MIGRATION);
  });

  it("record what they applied in Prisma's own table, in WAL mode", () => {
    const db = new Database(path.join(dir, "drift.db"), { readonly: true });
    const rows = db.prepare("SELECT migration_name, finished_at FROM _prisma_migrations").all() as { finished_at: unknown }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("notice a schema change that has no migration yet", async () => {
    const [file] = readSchemaFiles(schemaPath);
    const edited = [{ path: file.path, content: file.content.replace("model Department {", "model Department {\n  extra String?") }];
    const sql = await diffDatabaseAgainstSchema(path.join(dir, "drift.db"), edited);
    expect(sql).toContain("extra");
  });
});
