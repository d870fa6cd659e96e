import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { decodeOutcomes } from "~/matching/result-codec";
import { applyMigrations } from "../../scripts/db/migrate";
import { migrationsDir } from "../../scripts/db/schema-engine";

// The migration that moves outcomes from one MatchRecord per (company, clause) to one MatchResult
// per company (decision 024), run on a database that has records of the old kind.
const MIGRATION = "20261124111716_results_per_company";

describe("migration to results per company", () => {
  let dir: string;
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it("turns each company's records into its outcomes and keeps a record only where the company acted", async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "qinqing-results-migration-"));
    // Every migration before this one.
    const before = path.join(dir, "migrations");
    await fs.cp(migrationsDir, before, { recursive: true });
    await fs.rm(path.join(before, MIGRATION), { recursive: true });
    const file = path.join(dir, "old.db");
    await applyMigrations(file, before);

    const db = new Database(file);
    db.pragma("foreign_keys = OFF"); // records and answers only: no companies or policies needed here
    const insert = db.prepare(`INSERT INTO "MatchRecord" ("id", "companyId", "clauseId", "policyId", "versionId", "status", "amount", "excludedBy", "reason",
      "snapshotId", "evaluatedOn", "firstQualifiedAt", "response", "account", "notifiedAt", "updatedAt") VALUES (?, ?, ?, 'p', 'v', ?, ?, ?, ?, ?, '2026-11-20', ?, ?, ?, ?, ?)`);
    const t = (s: string) => `2026-11-${s}+00:00`;
    // Company a: told and waiting; excluded; confirmed (then lapsed). Company b: a 申报 clause it applied for; one with a payout.
    insert.run("r1", "a", "c1", "QUALIFIED", 100, null, null, "s-old", t("01T08:00:00.000"), "PENDING", null, t("01T08:00:00.000"), t("01T08:00:00.000"));
    insert.run("r2", "a", "c2", "EXCLUDED", 50, "c1", "与…从高、不重复享受", "s-new", t("02T08:00:00.000"), "PENDING", null, null, t("05T08:00:00.000"));
    insert.run("r3", "a", "c3", "LAPSED", 80, null, "已不符合", "s-old", t("03T08:00:00.000"), "CONFIRMED", '{"number":"1"}', t("03T08:00:00.000"), t("04T08:00:00.000"));
    insert.run("r4", "b", "c4", "QUALIFIED", null, null, null, "s-b", t("04T09:30:00.000"), null, null, null, t("04T09:30:00.000"));
    insert.run("r5", "b", "c5", "QUALIFIED", 10, null, null, "s-b", t("04T09:30:00.000"), "PENDING", null, t("04T09:30:00.000"), t("04T09:30:00.000"));
    insert.run("r6", "b", "c6", "QUALIFIED", 20, null, null, "s-b", t("04T09:30:00.000"), "PENDING", null, t("04T09:30:00.000"), t("04T09:30:00.000"));
    for (const [id, facts] of [["s-old", '{"v":1}'], ["s-new", '{"v":2}'], ["s-b", '{"v":3}'], ["s-none", "{}"]]) db.prepare(`INSERT INTO "FactSnapshot" ("id", "facts") VALUES (?, ?)`).run(id, facts);
    db.prepare(`INSERT INTO "Application" ("id", "companyId", "clauseId", "policyId", "form", "materials", "submittedById") VALUES ('app', 'b', 'c4', 'p', '{}', '[]', 'u')`).run();
    db.prepare(`INSERT INTO "Payout" ("id", "matchId", "companyId", "clauseId", "policyId", "amount", "updatedAt") VALUES ('pay', 'r5', 'b', 'c5', 'p', 10, 0)`).run();
    db.close();

    expect(await applyMigrations(file)).toEqual([MIGRATION]);
    const after = new Database(file, { readonly: true });
    const results = after.prepare(`SELECT * FROM "MatchResult" ORDER BY "companyId"`).all() as { companyId: string; outcomes: string; facts: string; evaluatedOn: string }[];
    expect(results.map((r) => [r.companyId, r.facts, r.evaluatedOn])).toEqual([["a", '{"v":2}', "2026-11-20"], ["b", '{"v":3}', "2026-11-20"]]);
    const a = decodeOutcomes(results[0].outcomes).sort((x, y) => x.clauseId.localeCompare(y.clauseId));
    expect(a).toEqual([
      { clauseId: "c1", status: "QUALIFIED", amount: 100, excludedBy: null, firstQualifiedAt: Date.parse("2026-11-01T08:00:00Z"), notified: true },
      { clauseId: "c2", status: "EXCLUDED", amount: 50, excludedBy: "c1", firstQualifiedAt: Date.parse("2026-11-02T08:00:00Z"), notified: false },
      { clauseId: "c3", status: "LAPSED", amount: 80, excludedBy: null, firstQualifiedAt: Date.parse("2026-11-03T08:00:00Z"), notified: true },
    ]);
    expect(decodeOutcomes(results[1].outcomes).map((o) => o.clauseId).sort()).toEqual(["c4", "c5", "c6"]);
    // Kept: the answer (r3), the application's (r4) and the payout's (r5), with no PENDING left.
    expect(after.prepare(`SELECT "id", "response" FROM "MatchRecord" ORDER BY "id"`).all()).toEqual([
      { id: "r3", response: "CONFIRMED" }, { id: "r4", response: null }, { id: "r5", response: null },
    ]);
    expect((after.prepare(`SELECT "id" FROM "FactSnapshot" ORDER BY "id"`).all() as { id: string }[]).map((r) => r.id)).toEqual(["s-b", "s-old"]);
    after.close();
  });
});
