import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "~/utils/ports.server";
import { startApp, startAppExpectingFailure } from "../support/app-process";

const alive = (pid: number) => fs.stat(`/proc/${pid}`).then(() => true, () => false);

describe("start-up and shutdown", () => {
  it("SIGTERM stops the portal and its Meilisearch; nothing is left running", async () => {
    const app = await startApp();
    const pid = Number(await fs.readFile(path.join(app.dataDir, "meilisearch", "meilisearch.pid"), "utf8"));
    expect(await alive(pid)).toBe(true);
    const mails = path.join(app.dataDir, "mail");
    expect((await fs.stat(mails)).isDirectory()).toBe(true);
    expect(await app.stop()).toBe(0);
    expect(await alive(pid)).toBe(false);
  });

  it("a port already in use gives a clear message", async () => {
    const port = await freePort();
    const blocker = net.createServer().listen(port, "0.0.0.0");
    await new Promise((r) => blocker.once("listening", r));
    try {
      const { code, output } = await startAppExpectingFailure({ PORT: String(port) });
      expect(code).toBe(1);
      expect(output).toContain(`端口 ${port} 已被占用`);
    } finally {
      blocker.close();
    }
  });

  it("invalid configuration names the variable", async () => {
    const { code, output } = await startAppExpectingFailure({ SESSION_SECRET: "too-short", SMTP_URL: "http://mail" });
    expect(code).toBe(1);
    expect(output).toContain("SESSION_SECRET: 至少 32 个字符");
    expect(output).toContain("SMTP_URL: 必须是 smtp:// 或 smtps:// 开头的地址");
  });
});
