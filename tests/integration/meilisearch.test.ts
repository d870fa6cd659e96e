import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  installVerifiedBinary,
  MeiliBinaryError,
  packagedBinaryPath,
  startEmbeddedMeili,
  type EmbeddedMeili,
} from "~/search/embedded-meili.server";

const alive = (pid: number) => fs.stat(`/proc/${pid}`).then(() => true, () => false);

describe("embedded Meilisearch (real process)", () => {
  let dir: string;
  let meili: EmbeddedMeili;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "qinqing-meili-"));
    meili = await startEmbeddedMeili({ dataDir: path.join(dir, "meili"), preferredPort: 17700 });
  });
  afterAll(async () => {
    await meili?.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("binds to loopback and requires the master key", async () => {
    expect(meili.host).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const anonymous = await fetch(`${meili.host}/indexes`);
    expect(anonymous.status).toBe(401);
  });

  it("indexes Chinese documents and finds them with a Chinese query", async () => {
    const client = new Meilisearch({ host: meili.host, apiKey: meili.masterKey });
    const index = client.index("smoke");
    await index
      .addDocuments([
        { id: 1, title: "高新技术企业认定奖励" },
        { id: 2, title: "失业保险稳岗返还" },
        { id: 3, title: "小微企业社会保险补贴" },
      ])
      .waitTask();
    const result = await index.search("高新企业奖励");
    expect(result.hits[0]?.title).toBe("高新技术企业认定奖励");
    const none = await index.search("稳岗");
    expect(none.hits.map((h) => h.id)).toEqual([2]);
  });

  it("stops its process on stop()", async () => {
    const { pid } = meili;
    expect(await alive(pid)).toBe(true);
    await meili.stop();
    expect(await alive(pid)).toBe(false);
  });
});

describe("Meilisearch binary check", () => {
  it("refuses a binary whose sha256 does not match, and runs nothing", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "qinqing-tamper-"));
    try {
      const tampered = path.join(dir, "meilisearch");
      await fs.copyFile(packagedBinaryPath(), tampered);
      const handle = await fs.open(tampered, "r+");
      await handle.write(Buffer.from([0x90]), 0, 1, 4096); // flip one byte
      await handle.close();
      await expect(installVerifiedBinary(tampered, path.join(dir, "bin"))).rejects.toThrow(MeiliBinaryError);
      await expect(installVerifiedBinary(tampered, path.join(dir, "bin"))).rejects.toThrow(/校验失败/);
      expect(await fs.readdir(path.join(dir, "bin")).catch(() => [])).toEqual([]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
