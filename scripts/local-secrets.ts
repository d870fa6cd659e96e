import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The folder for local state (embedded services' data, uploads, generated secrets): DATA_DIR, or
 * .data in the project. An empty DATA_DIR (`DATA_DIR=` in a shell) means unset, never the root.
 */
export function dataDirectory(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(root, env.DATA_DIR || ".data");
}

/**
 * A session secret generated once and kept in the data folder (mode 600), unless SESSION_SECRET
 * is set. Shared by the launcher and the command-line tools, so they read the same configuration.
 */
export async function ensureSessionSecret(dataDir: string): Promise<void> {
  if (process.env.SESSION_SECRET) return;
  const file = path.join(dataDir, "session-secret");
  let secret = (await fs.readFile(file, "utf8").catch(() => "")).trim();
  if (secret.length < 32) {
    secret = randomBytes(32).toString("hex");
    await fs.mkdir(dataDir, { recursive: true });
    await fs.writeFile(file, secret, { mode: 0o600 });
  }
  process.env.SESSION_SECRET = secret;
}
