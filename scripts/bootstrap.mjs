#!/usr/bin/env node
// The first thing `npm start` and `npm test` run, on a fresh clone with only Node installed.
// Uses Node built-ins only: it must work before any dependency is installed.
//   1. installs dependencies (npm ci) when node_modules is missing or older than package-lock.json
//   2. generates the Prisma client when schema.prisma changed
//   3. builds the Remix app when its sources changed
//   4. hands over to scripts/start.ts (start) or vitest (test), forwarding signals
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const command = process.argv[2];
const rest = process.argv.slice(3);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function say(message) {
  console.log(`\x1b[36m[亲清网格]\x1b[0m ${message}`);
}

function fail(message) {
  console.error(`\x1b[31m[亲清网格] ${message}\x1b[0m`);
  process.exit(1);
}

function run(cmd, args, env = {}) {
  if (!tryRun(cmd, args, env)) fail(`命令失败：${cmd} ${args.join(" ")}`);
}

function tryRun(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return result.status === 0;
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Newest modification time of any file under the given paths (skipping generated folders). */
function newest(paths) {
  let latest = 0;
  const skip = new Set(["node_modules", "generated", "build", ".cache"]);
  const walk = (p) => {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p)) if (!skip.has(entry)) walk(path.join(p, entry));
    } else if (stat.mtimeMs > latest) latest = stat.mtimeMs;
  };
  paths.forEach((p) => walk(path.join(root, p)));
  return latest;
}

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) fail(`需要 Node.js 20.19 或更高版本，当前为 ${process.versions.node}。`);
if (command !== "start" && command !== "test") fail("用法：node scripts/bootstrap.mjs start|test");

// 1. Dependencies. npm keeps node_modules/.package-lock.json in step with what it installed.
const installed = path.join(root, "node_modules", ".package-lock.json");
if (!existsSync(installed) || mtime(installed) < mtime(path.join(root, "package-lock.json"))) {
  say("安装依赖（npm ci），首次运行需要几分钟……");
  // Registry mirrors that lack some other platform's optional packages (rollup's, here) make
  // npm ci reject the lock file; npm install still installs the locked versions for this machine.
  if (!tryRun(npm, ["ci", "--no-audit", "--no-fund"])) {
    say("npm ci 未通过锁文件检查，改用 npm install（仍按 package-lock.json 的版本安装）……");
    run(npm, ["install", "--no-audit", "--no-fund"]);
  }
}

// 2. Prisma client (see docs/decisions/003-migrations-without-binary.md for the env var).
const generatedClient = path.join(root, "app", "generated", "prisma", "client.ts");
if (mtime(generatedClient) < mtime(path.join(root, "prisma", "schema.prisma"))) {
  say("生成数据库访问代码（prisma generate）……");
  run(process.execPath, [path.join(root, "scripts", "db", "generate.mjs")]);
}

// 3. Remix build, only when something it compiles changed.
const built = mtime(path.join(root, "build", "index.js"));
if (built < newest(["app", "remix.config.js", "package-lock.json", "tsconfig.json"])) {
  say("构建前端（remix build）……");
  run(process.execPath, [path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "build"], {
    NODE_ENV: "production",
  });
}

// 4. Hand over, forwarding Ctrl-C / SIGTERM so children (and Meilisearch) shut down cleanly.
const child =
  command === "start"
    ? // A 64 MB young generation (V8's default is 16): a match run's batches outlive the default's
      // scavenges and were copied again and again (decision 025).
      spawn(process.execPath, ["--max-semi-space-size=64", "--import", "tsx", path.join(root, "scripts", "start.ts"), ...rest], {
        cwd: root,
        stdio: "inherit",
      })
    : spawn(process.execPath, [path.join(root, "node_modules", "vitest", "vitest.mjs"), "run", ...rest], {
        cwd: root,
        stdio: "inherit",
        env: { ...process.env, NODE_ENV: "test" },
      });
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => child.kill(signal));
}
// If whoever started us dies without passing a signal on (a killed npm, a closed terminal),
// we are re-parented: stop the child rather than leave it running.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) child.kill("SIGTERM");
}, 1000).unref();
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
