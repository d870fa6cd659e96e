#!/usr/bin/env node
// `prisma generate` without network access: the CLI wants to download the schema-engine binary
// first although generate never runs it. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing
// file skips the download (docs/decisions/003-migrations-without-binary.md).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
const result = spawnSync(process.execPath, [cli, "generate"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath },
});
process.exit(result.status ?? 1);
