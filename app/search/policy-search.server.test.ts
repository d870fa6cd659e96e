import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Its own database (it edits policies) and its own real Meilisearch, started before any module
// reads the configuration, on a free port.
const meiliDir = path.join(process.env.QQ_TEST_DIR!, `search-meili-${process.pid}`);
const { embedded } = await vi.hoisted(async () => {
  process.env.DATABASE_URL = `file:${process.env.QQ_TEST_DIR}/policy-search.db`;
  const { startEmbeddedMeili } = await import("~/search/embedded-meili.server");
  const embedded = await startEmbeddedMeili({ dataDir: `${process.env.QQ_TEST_DIR}/search-meili-${process.pid}`, preferredPort: 17750 });
  process.env.MEILI_HOST = embedded.host;
  process.env.MEILI_MASTER_KEY = embedded.masterKey;
  return { embedded };
});

import type { Actor } from "~/auth/actor";
import { actorFor } from "~/auth/actor.server";
import { prisma } from "~/db.server";
import { dispatchDue } from "~/jobs/outbox.server";
import { readPolicyFile, serializePolicy } from "~/policies/policy-file";
import { POLICY_CHANGED, startDraft, saveDraft, transition, createDraftFromText } from "~/policies/policy-store.server";
import { startEmbeddedMeili, type EmbeddedMeili } from "~/search/embedded-meili.server";
import { meili } from "~/search/meili.server";
import { compareIndexWithDatabase, ensurePolicyIndex, policyIndex, policyIndexUid, rebuildPolicyIndex, syncPolicy } from "~/search/policy-sync.server";
import { searchPolicies } from "~/search/policy-search.server";
import { qualifiedFor } from "~/search/qualified.server";
import { cachedSearch, invalidateSearchCache, resetSearchCache, searchCacheStats } from "~/search/search-cache.server";
import { MARK_START } from "~/search/search-types";
import { migrateDatabase } from "../../scripts/db/migrate";
import { seedDemo } from "../../seed/demo";
import { patchOutcome, storeOutcomes } from "../../tests/support/outcomes";

let meiliProcess: EmbeddedMeili = embedded;
let officer: Actor, reviewer: Actor, company: Actor, admin: Actor;
const shared = globalThis as unknown as { __qqMeiliDownUntil?: number };

beforeAll(async () => {
  await migrateDatabase(process.env.DATABASE_URL!);
  await seedDemo();
  [officer, reviewer, company, admin] = await Promise.all(["zhengce", "shenhe", "qiye", "admin"].map(actorFor));
});

afterAll(async () => {
  await meiliProcess.stop();
  await fs.rm(meiliDir, { recursive: true, force: true });
});

const search = (actor: Actor, query: Record<string, string | string[]> = {}) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const x of [v].flat()) params.append(k, x);
  return searchPolicies({ actor, params });
};
const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id);

/** Delivers every due search message, as the worker would (retried ones included). */
async function deliverSearchMessages() {
  while ((await dispatchDue({ topics: [POLICY_CHANGED], now: new Date(Date.now() + 3_600_000) })) > 0);
}

async function publishEdit(policyId: string, edit: (p: NonNullable<ReturnType<typeof readPolicyFile>["policy"]>) => void) {
  const { versionId } = await startDraft({ actor: officer, policyId });
  const version = await prisma.policyVersion.findUniqueOrThrow({ where: { id: versionId } });
  const policy = readPolicyFile(version.document).policy!;
  edit(policy);
  await saveDraft({ actor: officer, versionId, text: serializePolicy(policy) });
  await transition({ actor: officer, versionId, action: "submit" });
  await transition({ actor: reviewer, versionId, action: "approve" });
  await transition({ actor: officer, versionId, action: "publish" });
  return versionId;
}

describe("the index follows the database", () => {
  it("a fresh install builds the index at start-up (the worker's import), with every published policy", async () => {
    expect(await meili().getRawIndex(policyIndexUid()).catch(() => null)).toBeNull();
    await import("~/search/register.server");
    await expect.poll(() => policyIndex().getStats().then((s) => s.numberOfDocuments, () => 0), { timeout: 60_000, interval: 250 }).toBe(27);
    await expect.poll(() => ensurePolicyIndex(), { timeout: 30_000 }).toBe("current");
    expect(await compareIndexWithDatabase()).toEqual({ missing: [], extra: [], different: [] });
  });

  it("after a burst of edits, publications, a retirement and a new draft, delivered through the outbox, index and database agree", async () => {
    await deliverSearchMessages(); // the import's own messages
    const edited = ["keji-qiye-yanfa-feiyong-houbuzhu", "zhuanjingtexin-rending-jiangli", "guishang-gongye-shouci-rutong-jiangli"];
    for (const [i, id] of edited.entries()) {
      await publishEdit(id, (p) => {
        p.title = `${p.title}（${2027 + i}年修订）`;
        p.tags.push("revqqx");
      });
    }
    // Edited twice in a row: the second state is what must be indexed.
    await publishEdit(edited[0], (p) => (p.summary = `${p.summary} 补充说明：提交材料一律网上办理。`));
    const retired = await prisma.policy.findUniqueOrThrow({ where: { id: "xiaowei-qiye-chuangye-danbao-daikuan-tiexi" } });
    await transition({ actor: officer, versionId: retired.currentVersionId!, action: "retire", comment: "政策调整，另行发文" });
    const draftOnly = readPolicyFile(await fs.readFile(path.resolve(__dirname, "../../rules/zhengzhou-lvse-xilie-shifan-jiangli.yaml"), "utf8")).policy!;
    draftOnly.id = "caogao-weifabu-zhengce";
    draftOnly.title = "尚未发布的草稿政策示例";
    await createDraftFromText({ actor: officer, text: serializePolicy(draftOnly) });

    expect(await prisma.outboxMessage.count({ where: { topic: POLICY_CHANGED, status: "PENDING" } })).toBeGreaterThan(10);
    await deliverSearchMessages();
    expect(await prisma.outboxMessage.count({ where: { topic: POLICY_CHANGED, status: { not: "SENT" } } })).toBe(0);
    expect(await compareIndexWithDatabase()).toEqual({ missing: [], extra: [], different: [] });

    const revised = await search(admin, { q: "revqqx" });
    expect(ids(revised).sort()).toEqual([...edited].sort());
    expect((await search(admin, { q: "网上办理" })).hits.map((h) => h.id)).toContain(edited[0]);
    const gone = await search(admin, { q: "创业担保贷款" });
    expect(gone.hits.find((h) => h.id === "xiaowei-qiye-chuangye-danbao-daikuan-tiexi")?.status).toBe("已废止");
    expect(ids(await search(admin, { q: "尚未发布的草稿政策示例" }))).not.toContain("caogao-weifabu-zhengce");
  });

  it("a rebuild swaps a complete index in and leaves no other policy index behind", async () => {
    const report = await rebuildPolicyIndex();
    expect(report.documents).toBe(27);
    const uids = (await meili().getRawIndexes({ limit: 100 })).results.map((i) => i.uid).filter((u) => u.startsWith("qq_policies_"));
    expect(uids).toEqual([policyIndexUid()]);
    expect(await compareIndexWithDatabase()).toEqual({ missing: [], extra: [], different: [] });
  });

  it("documents computed on an earlier day are refreshed (status changes at midnight)", async () => {
    await rebuildPolicyIndex({ today: "2021-06-01" });
    const then = await policyIndex().getDocument("gaoqi-shouci-rending-jiangbu-2019");
    expect(then.status).toBe("有效");
    expect(await ensurePolicyIndex()).toBe("refreshed");
    expect((await policyIndex().getDocument("gaoqi-shouci-rending-jiangbu-2019")).status).toBe("已过期");
    expect(await compareIndexWithDatabase()).toEqual({ missing: [], extra: [], different: [] });
  });
});

describe("Meilisearch down or not indexed", () => {
  it("answers from the database and says so, the outbox retries the change, and both recover when it returns", async () => {
    const port = new URL(meiliProcess.host).port;
    await meiliProcess.stop();

    const down = await search(company, { q: "高企奖励" });
    expect(down.mode).toBe("database");
    expect(down.degraded).toBe("unavailable");
    // Synonyms apply here too: 高企 finds 高新技术企业, 奖励 finds 奖补; both words in its title put it first.
    expect(down.hits[0].id).toBe("gaoqi-shouci-rending-jiangbu-2019");
    expect(down.hits[0].title).toContain(MARK_START);
    expect(down.total).toBeGreaterThan(3);

    // A change made while it is down is kept in the outbox and retried.
    await publishEdit("gaoxinqu-dengling-qiye-jiangli", (p) => (p.title = "郑州高新区瞪羚企业认定奖励（停机期间修订）"));
    expect(await dispatchDue({ topics: [POLICY_CHANGED] })).toBe(0);
    const failed = await prisma.outboxMessage.findFirstOrThrow({ where: { topic: POLICY_CHANGED, status: "PENDING", attempts: { gt: 0 } } });
    expect(failed.lastError).toBeTruthy();

    meiliProcess = await startEmbeddedMeili({ dataDir: meiliDir, preferredPort: Number(port) });
    expect(meiliProcess.host).toBe(process.env.MEILI_HOST);
    await expect.poll(async () => (await search(company, { q: "瞪羚" })).mode, { timeout: 30_000, interval: 500 }).toBe("meili");
    await deliverSearchMessages();
    expect(ids(await search(company, { q: "停机期间修订" }))).toEqual(["gaoxinqu-dengling-qiye-jiangli"]);
    expect(await compareIndexWithDatabase()).toEqual({ missing: [], extra: [], different: [] });
  });

  it("an index not built yet gives the database answer with its own notice, and is built in the background", async () => {
    await meili().deleteIndex(policyIndexUid()).waitTask();
    shared.__qqMeiliDownUntil = 0;
    const first = await search(admin, { q: "稳岗" });
    expect(first.mode).toBe("database");
    expect(first.degraded).toBe("indexing");
    expect(ids(first)).toContain("shiye-baoxian-wengang-fanhuan");
    await expect.poll(async () => (await search(admin, { q: "稳岗" })).mode, { timeout: 60_000, interval: 500 }).toBe("meili");
  });
});

describe("the search page's answers", () => {
  it("an empty query browses every policy, in force first", async () => {
    const all = await search(admin);
    expect(all.total).toBe(27);
    expect(all.hits).toHaveLength(10);
    expect(all.hits[0].status).toBe("有效");
    expect(all.pages).toBe(3);
    const ranks = (await search(admin, { page: "3" })).hits.map((h) => h.status);
    expect(ranks).toContain("已过期");
  });

  it("a word found only in a policy's full text shows the passage around it, marked", async () => {
    // A four-character run of one policy's text whose halves appear in no title, summary or clause
    // name: the hit can only show it from the body, which the portal cuts and marks itself.
    const versions = await prisma.policyVersion.findMany({ where: { status: "PUBLISHED" }, select: { document: true } });
    const policies = versions.map((v) => readPolicyFile(v.document).policy!);
    const elsewhere = policies.map((p) => [p.title, p.summary, ...p.clauses.map((c) => c.name)].join("\n")).join("\n");
    let probe: { word: string; title: string } | null = null;
    for (const p of policies) {
      for (const run of p.text.match(/\p{Script=Han}{4,}/gu) ?? []) {
        for (let i = 0; i + 4 <= run.length && !probe; i++) {
          const word = run.slice(i, i + 4);
          if (!elsewhere.includes(word.slice(0, 2)) && !elsewhere.includes(word.slice(2)) && policies.filter((q) => q.text.includes(word)).length === 1) probe = { word, title: p.title };
        }
      }
      if (probe) break;
    }
    expect(probe).not.toBeNull();
    const result = await search(company, { q: probe!.word });
    expect(result.mode).toBe("meili");
    const hit = result.hits.find((h) => h.title.replaceAll(MARK_START, "").replace(/\u0002/g, "") === probe!.title);
    expect(hit, probe!.word).toBeDefined();
    expect(hit!.snippet).toContain(`${MARK_START}${probe!.word}`);
  });

  it("facets count within the other filters, and values of one facet are alternatives", async () => {
    const city = await search(admin, { level: "市" });
    expect(city.hits.every((h) => h.level === "市")).toBe(true);
    // The level facet still shows the other levels, with their counts for the rest of the filters.
    const levels = Object.fromEntries(city.facets.level!.map((c) => [c.value, c.count]));
    expect(Object.keys(levels).sort()).toEqual(["区", "国家", "市", "省"].sort());
    expect(levels["市"]).toBe(city.total);
    const two = await search(admin, { level: ["市", "省"] });
    expect(two.total).toBe(levels["市"] + levels["省"]);
    const both = await search(admin, { level: "市", mode: "免申即享" });
    expect(both.hits.every((h) => h.level === "市" && h.deliveries.includes("免申即享"))).toBe(true);
    expect(both.facets.deliveries!.find((c) => c.value === "申报")!.count).toBeGreaterThan(0);
    const banded = await search(admin, { amount: "非资金支持" });
    expect(banded.total).toBeGreaterThan(0);
    expect(banded.facets.amountBands!.length).toBeGreaterThan(3);
  });

  it("sorts by newest and by deadline", async () => {
    const newest = await search(admin, { sort: "newest" });
    expect(newest.hits.length).toBe(10);
    const published = await prisma.policyVersion.findMany({ where: { policyId: { in: ids(newest) }, status: "PUBLISHED" }, select: { policyId: true, publishedOn: true } });
    const order = ids(newest).map((id) => published.find((p) => p.policyId === id)?.publishedOn ?? "");
    expect([...order].sort().reverse()).toEqual(order);
    const deadline = await search(admin, { sort: "deadline" });
    const open = deadline.hits.filter((h) => h.status === "有效");
    const ends = open.map((h) => h.expiresOn ?? "9999-12-31");
    expect([...ends].sort()).toEqual(ends);
    expect(deadline.hits[0].expiresOn).not.toBeNull();
  });

  it("bad input gives normal results or a clear message, never an error", async () => {
    const long = await search(admin, { q: "高新技术企业".repeat(60) });
    expect(long.mode).toBe("meili");
    expect(long.notices.join()).toContain("只按前 100 个字检索");
    for (const q of ['"高企', 'C:\\政策\\', '\\"', "level = 国家 OR 1=1", 'id = "x") OR (id EXISTS', "'; DROP TABLE Policy; --", "%_%"]) {
      const r = await search(admin, { q });
      expect(r.mode, q).toBe("meili");
    }
    // Filter syntax in the box is text, not a filter.
    expect((await search(admin, { q: "level = 国家" })).total).toBeLessThan(27);
    const unknown = await search(admin, { level: "乡镇", status: "全部", sort: "random", page: "abc" });
    expect(unknown.total).toBe(27);
    expect(unknown.notices.join()).toContain("已忽略无法识别的筛选条件");
    const injected = await search(admin, { issuer: '郑州市人民政府" OR issuers EXISTS OR issuers = "x', industry: "制造业\\" });
    expect(injected.mode).toBe("meili");
    expect(injected.total).toBe(0);
    const far = await search(admin, { page: "999999" });
    expect(far.page).toBe(3);
    expect(far.hits.length).toBeGreaterThan(0);
    expect(far.notices.join()).toContain("超出范围");
    // Words no policy uses are dropped rather than finding nothing, and the page says so.
    const partial = await search(admin, { q: "火星移民补贴" });
    expect(partial.total).toBeGreaterThan(0);
    expect(partial.notices.join()).toContain("只匹配了其中一部分");
    expect((await search(admin, { q: "高企奖励" })).notices).toEqual([]);
    expect((await search(admin, { q: "火星移民" })).total).toBe(0);
  });
});

describe("只看我符合的", () => {
  const mine = ["keji-qiye-yanfa-feiyong-houbuzhu", "gaoqi-houbei-peiyu-ruku"];

  beforeAll(async () => {
    const clauses = await prisma.policyClause.findMany({
      where: { version: { policyId: { in: [...mine, "zhuanjingtexin-rending-jiangli"] }, status: "PUBLISHED" } },
      select: { id: true, version: { select: { policyId: true } } },
    });
    policyOf = new Map(clauses.map((c) => [c.id, c.version.policyId]));
    await storeOutcomes(company.companyId!, clauses.map((c) => ({
      clauseId: c.id, amount: null, excludedBy: null, firstQualifiedAt: Date.now(), notified: false,
      // A lapsed match no longer counts as qualifying.
      status: c.version.policyId === "zhuanjingtexin-rending-jiangli" ? "LAPSED" : c.version.policyId === mine[0] ? "EXCLUDED" : "QUALIFIED",
    })));
  });
  let policyOf = new Map<string, string>();
  /** Sets the status of the company's outcomes for a policy (or all of them). */
  const setStatus = async (status: "QUALIFIED" | "LAPSED", policyId?: string) => {
    for (const [clauseId, p] of policyOf) if (!policyId || p === policyId) await patchOutcome(company.companyId!, clauseId, { status });
  };

  it("keeps only the policies the company qualifies for, marks them, and still searches within them", async () => {
    const all = await search(company, { q: "高企奖励" });
    expect(all.mine).toEqual({ offered: true, active: false, qualifiedCount: 2 });
    expect(all.hits.filter((h) => h.qualifies).map((h) => h.id)).toEqual(expect.arrayContaining(["keji-qiye-yanfa-feiyong-houbuzhu"]));
    const only = await search(company, { mine: "1" });
    expect(ids(only).sort()).toEqual([...mine].sort());
    expect(only.hits.every((h) => h.qualifies)).toBe(true);
    const narrowed = await search(company, { mine: "1", q: "研发费用" });
    expect(narrowed.hits[0].id).toBe("keji-qiye-yanfa-feiyong-houbuzhu");
    expect(ids(narrowed).every((id) => mine.includes(id))).toBe(true);
  });

  it("reads the company's list again after any database change, and only then", async () => {
    const kept = await qualifiedFor(company.companyId!);
    expect(await qualifiedFor(company.companyId!)).toBe(kept);
    await setStatus("LAPSED", mine[1]);
    const read = await qualifiedFor(company.companyId!);
    expect(read).not.toBe(kept);
    expect(read.ids).toEqual([mine[0]]);
    await setStatus("QUALIFIED", mine[1]);
    expect((await qualifiedFor(company.companyId!)).ids.sort()).toEqual([...mine].sort());
  });

  it("is not offered to other roles, and a company without match outcomes sees an empty, explained result", async () => {
    const officerView = await search(officer, { mine: "1" });
    expect(officerView.mine.offered).toBe(false);
    expect(officerView.total).toBe(27);
    await setStatus("LAPSED");
    const none = await search(company, { mine: "1" });
    expect(none.mine).toEqual({ offered: true, active: true, qualifiedCount: 0 });
    expect(none.total).toBe(0);
  });
});

describe("the results cache", () => {
  const policyId = "gaoxinqu-dengling-qiye-jiangli";

  beforeAll(async () => {
    resetSearchCache();
    await search(admin, { q: "预热" }); // starts the first check of Meilisearch's state
    for (let i = 0; i < 50 && searchCacheStats().version === null; i++) await new Promise((r) => setTimeout(r, 100));
  });

  it("answers a repeated search from the cache, for every user, until a policy change reaches the index", async () => {
    const first = await search(admin, { q: "缓存验证词" });
    expect([first.cached, first.total]).toEqual([false, 0]);
    // (Cached once Meilisearch's state has been checked in the last two seconds: poll.)
    await expect.poll(async () => (await search(officer, { q: "缓存验证词" })).cached, { timeout: 5_000 }).toBe(true);
    // Marks are per user, never cached: the company's own view of the same cached answer.
    expect((await search(company, { q: "缓存验证词" })).mine.offered).toBe(true);

    await publishEdit(policyId, (p) => p.tags.push("缓存验证词"));
    await deliverSearchMessages(); // the outbox handler updates the index, which empties the cache
    const after = await search(admin, { q: "缓存验证词" });
    expect([after.cached, ids(after)]).toEqual([false, [policyId]]);
  });

  it("sees within seconds a change made behind this process's back (another process, search:reindex)", async () => {
    expect((await search(admin, { q: "externalqqx" })).total).toBe(0);
    await expect.poll(async () => (await search(admin, { q: "externalqqx" })).cached, { timeout: 5_000 }).toBe(true);
    const doc = await policyIndex().getDocument(policyId);
    await meili().index(policyIndexUid()).updateDocuments([{ id: policyId, tags: [...doc.tags, "externalqqx"] }]).waitTask();
    await expect.poll(async () => ids(await search(admin, { q: "externalqqx" })), { timeout: 5_000, interval: 200 }).toEqual([policyId]);
    await syncPolicy(policyId); // back to what the database says
    expect(await compareIndexWithDatabase()).toEqual({ missing: [], extra: [], different: [] });
    expect((await search(admin, { q: "externalqqx" })).total).toBe(0);
  });

  it("never keeps an answer worked out while the index changed", async () => {
    let release!: (value: string) => void;
    const slow = cachedSearch("race", () => new Promise<string>((resolve) => (release = resolve)));
    invalidateSearchCache(); // an index write finishing while the search is under way
    release("before the change");
    expect(await slow).toEqual({ value: "before the change", cached: false });
    expect(await cachedSearch("race", async () => "after the change")).toEqual({ value: "after the change", cached: false });
    expect(await cachedSearch("race", async () => "not asked")).toEqual({ value: "after the change", cached: true });
  });

  it("is not used while Meilisearch cannot be checked", async () => {
    await expect.poll(async () => (await search(admin, { q: "稳岗" })).cached, { timeout: 5_000 }).toBe(true);
    resetSearchCache(); // as after a failed check: unknown state
    expect((await search(admin, { q: "稳岗" })).cached).toBe(false);
  });
});
