import { defineConfig } from "prisma/config";

// Used by the Prisma CLI (generate, and migrate deploy where the schema-engine binary can be
// downloaded). The portal itself applies migrations with scripts/db/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./.data/qinqing.db" },
});
