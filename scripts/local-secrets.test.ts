import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dataDirectory, ensureSessionSecret } from "./local-secrets";

describe("local data folder and secrets", () => {
  it("treats an empty DATA_DIR as unset, never as the project root", () => {
    const root = path.resolve(__dirname, "..");
    expect(dataDirectory({ DATA_DIR: "" })).toBe(path.join(root, ".data"));
    expect(dataDirectory({})).toBe(path.join(root, ".data"));
    expect(dataDirectory({ DATA_DIR: "/srv/qinqing" })).toBe("/srv/qinqing");
  });

  it("generates a session secret once, readable by this user only, and keeps it", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "qinqing-secret-"));
    const saved = process.env.SESSION_SECRET;
    try {
      delete process.env.SESSION_SECRET;
      await ensureSessionSecret(dir);
      const first = process.env.SESSION_SECRET!;
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect((await fs.stat(path.join(dir, "session-secret"))).mode & 0o777).toBe(0o600);
      delete process.env.SESSION_SECRET;
      await ensureSessionSecret(dir);
      expect(process.env.SESSION_SECRET).toBe(first);
    } finally {
      process.env.SESSION_SECRET = saved;
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
