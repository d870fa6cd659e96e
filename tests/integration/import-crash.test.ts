import { spawn } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it, vi } from "vitest";

// Its own database: the import below adds thousands of companies.
vi.hoisted(() => {
  process.env.DATABASE_URL = `file:${process.env.QQ_TEST_DIR}/import-crash.db`;
  process.env.DATA_DIR = `${process.env.QQ_TEST_DIR}/import-crash-data`;
});

import { migrateDatabase } from "../../scripts/db/migrate";
import { seedDemo } from "../../seed/demo";
import { writeRegistryCsv } from "../../seed/registry-csv";

const root = path.resolve(__dirname, "..", "..");
const dbFile = process.env.DATABASE_URL!.replace(/^file:/, "");
const csv = `${process.env.QQ_TEST_DIR}/crash-registry.csv`;
const ROWS = 20_000;

function runImport(onOutput?: (child: ReturnType<typeof spawn>) => void) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "import-companies.ts"), csv], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  onOutput?.(child);
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, output })),
  );
}

const count = (sql: string) => {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  await migrateDatabase(process.env.DATABASE_URL!);
  await seedDemo();
  await writeRegistryCsv({ out: csv, count: ROWS, seed: 99, year: new Date().getFullYear() - 1 });
}, 120_000);

describe("an import killed midway", () => {
  it("leaves only whole companies, and running it again finishes the job without duplicates", async () => {
    const before = count("SELECT COUNT(*) AS n FROM Company");

    // Kill the importer (SIGKILL: no cleanup at all) once some batches, but not all, are in.
    const killed = await runImport((child) => {
      const timer = setInterval(() => {
        if (count("SELECT COUNT(*) AS n FROM Company") - before >= 2_000) {
          clearInterval(timer);
          child.kill("SIGKILL");
        }
      }, 50);
      child.once("exit", () => clearInterval(timer));
    });
    expect(killed.signal).toBe("SIGKILL");
    const partial = count("SELECT COUNT(*) AS n FROM Company") - before;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(ROWS);

    // Whole companies only: each has its year's indicators and its creation record.
    expect(count("SELECT COUNT(*) AS n FROM Company c WHERE NOT EXISTS (SELECT 1 FROM CompanyIndicator i WHERE i.companyId = c.id)")).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM AuditLog WHERE action = 'company.create'")).toBe(count("SELECT COUNT(*) AS n FROM Company"));

    // Run it again: it completes, adding exactly the rest.
    const rerun = await runImport();
    expect(rerun.code, rerun.output).toBe(0);
    const total = count("SELECT COUNT(*) AS n FROM Company") - before;
    expect(total).toBe(ROWS);
    expect(rerun.output).toMatch(new RegExp(`新增 ${ROWS - partial} 家`));
    expect(count("SELECT COUNT(*) AS n FROM AuditLog WHERE action = 'company.create'")).toBe(count("SELECT COUNT(*) AS n FROM Company"));

    // And once more: nothing changes at all.
    const third = await runImport();
    expect(third.output).toContain(`新增 0 家，更新 0 家，无变化 ${ROWS} 家`);
  }, 180_000);
});
