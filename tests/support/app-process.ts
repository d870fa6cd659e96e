import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort } from "~/utils/ports.server";

const root = path.resolve(__dirname, "..", "..");

export interface RunningApp {
  url: string;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM, then wait for exit; returns the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the portal exactly as `npm start` does after bootstrap (scripts/start.ts), with its own
 * data folder: real migrations, demo seed, embedded Meilisearch and SMTP catcher.
 */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "qinqing-app-"));
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "start.ts")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "app.db")}`,
      PORT: String(port),
      LOG_LEVEL: "warn",
      // Enough generated companies for lists to page; fewer than npm start's 3,000 to start fast.
      DEMO_COMPANIES: "200",
      SESSION_SECRET: "",
      SMTP_URL: "",
      MEILI_HOST: "",
      MEILI_MASTER_KEY: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const app: RunningApp = {
    url: `http://localhost:${port}`,
    dataDir,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await exited;
      await fs.rm(dataDir, { recursive: true, force: true });
      return code;
    },
  };
  const ready = await Promise.race([
    (async () => {
      while (!output.includes("亲清网格已启动")) await new Promise((r) => setTimeout(r, 100));
      return true;
    })(),
    exited.then(() => false),
    new Promise<false>((r) => setTimeout(() => r(false), 90_000)),
  ]);
  if (!ready) {
    const code = await app.stop();
    throw Object.assign(new Error(`portal did not start (exit ${code}):\n${output}`), { output, code });
  }
  return app;
}

/** Runs start.ts expecting it to refuse to start; resolves with its exit code and output. */
export async function startAppExpectingFailure(env: Record<string, string>) {
  try {
    const app = await startApp(env);
    await app.stop();
    return { code: 0, output: app.output() };
  } catch (error) {
    const e = error as { code?: number | null; output?: string };
    return { code: e.code ?? null, output: e.output ?? String(error) };
  }
}
