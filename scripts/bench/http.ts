/** Small helpers for benchmarks that measure through the real HTTP routes. */

/** Logs in like a browser (CSRF token and cookie from the login page) and returns the cookies. */
export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const page = await fetch(`${baseUrl}/login`);
  const token = (await page.text()).match(/name="csrf" value="([^"]+)"/)?.[1];
  const csrfCookie = page.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (!token) throw new Error("login page has no CSRF token");
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: csrfCookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ identifier: username, password, csrf: token }),
  });
  const session = response.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("qq_session="));
  if (response.status !== 302 || !session) throw new Error(`login as ${username} failed: ${response.status}`);
  return `${csrfCookie}; ${session}`;
}

export interface Timing {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

/** Requests the URLs one after another (after a warm-up) and returns latency percentiles in ms. */
export async function timeRequests(urls: string[], cookie: string, warmup = 10): Promise<Timing> {
  for (const url of urls.slice(0, warmup)) await (await fetch(url, { headers: { Cookie: cookie } })).arrayBuffer();
  const times: number[] = [];
  for (const url of urls) {
    const started = performance.now();
    const response = await fetch(url, { headers: { Cookie: cookie } });
    await response.arrayBuffer();
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { n: times.length, p50: at(0.5), p95: at(0.95), max: times[times.length - 1] };
}

/** One line of a results table: measured beside the target, and target ÷ measured. */
export function row(name: string, measured: number, target: number, unit: string): string {
  const ratio = target / measured;
  const verdict = ratio >= 1 ? "达标" : "未达标";
  return `${name.padEnd(28)} ${measured.toFixed(1).padStart(9)} ${unit.padEnd(3)} 目标 ≤ ${String(target).padStart(4)} ${unit.padEnd(3)} 比值 ${ratio.toFixed(2).padStart(6)}×  ${verdict}`;
}

/** The portal as `npm start` runs it (scripts/start.ts), on this process's database, until stopped. */
export async function startPortal(env: Record<string, string> = {}): Promise<{ base: string; stop: () => Promise<void> }> {
  const { spawn } = await import("node:child_process");
  const path = await import("node:path");
  const { freePort } = await import("~/utils/ports.server");
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
  await buildIfStale(root);
  const port = await freePort();
  const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "start.ts")], {
    cwd: root,
    env: { ...process.env, PORT: String(port), NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    const collect = (d: Buffer) => {
      out += d;
      if (!out.includes("亲清网格已启动")) return;
      // Started: keep reading (a full pipe would stall the portal) but stop collecting and scanning.
      server.stdout!.off("data", collect).resume();
      resolve();
    };
    server.stdout!.on("data", collect);
    // Its start-up log says why (pino writes to stdout, which we read here).
    server.once("exit", (code) => reject(new Error(`portal exited (${code}):\n${out.split("\n").slice(-15).join("\n")}`)));
  });
  return {
    base: `http://localhost:${port}`,
    stop: async () => {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
    },
  };
}

/**
 * The portal serves build/: rebuild it first when app/ is newer, or a benchmark would measure
 * old code (as bootstrap does for npm start).
 */
async function buildIfStale(root: string): Promise<void> {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const { execFileSync } = await import("node:child_process");
  const mtime = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(path.join(dir, e.name)) : mtime(path.join(dir, e.name))), 0);
  if (mtime(path.join(root, "build", "index.js")) >= newest(path.join(root, "app"))) return;
  console.log("门户代码有更新，先构建（remix build）……");
  execFileSync(process.execPath, [path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
}
