import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/**
 * One real SQLite file for the integration tests, migrated and seeded with the demo city once
 * per run. Workers are forked after this runs, so they inherit the environment set here.
 */
export default async function setup() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "qinqing-test-"));
  process.env.NODE_ENV = "test";
  process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
  process.env.SESSION_SECRET = "test-secret-test-secret-test-secret-0123";
  process.env.LOG_LEVEL = "silent";
  process.env.QQ_TEST_DIR = dir;

  const { migrateDatabase } = await import("../../scripts/db/migrate");
  await migrateDatabase(process.env.DATABASE_URL);
  const { seedDemo } = await import("../../seed/demo");
  await seedDemo();
  const { prisma } = await import("~/db.server");
  await prisma.$disconnect();

  return async () => {
    if (!process.env.QQ_KEEP_TEST_DIR) await fs.rm(dir, { recursive: true, force: true });
  };
}
