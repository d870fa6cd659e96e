import { createHash } from "node:crypto";
import type { Index } from "meilisearch";
import { prisma } from "~/db.server";
import type { OutboxMessageView } from "~/jobs/outbox.server";
import { parse } from "yaml";
import { PolicyFileSchema } from "~/policies/policy-file";
import { cityDate } from "~/utils/dates";
import { logger } from "~/utils/logger.server";
import { isIndexNotFound, meili, meiliForIndexing, settle } from "./meili.server";
import { toSearchDocument, type IndexedPolicy, type PolicySearchDocument, type SearchableVersion } from "./policy-document";
import { DOCUMENT_VERSION, POLICY_INDEX_SETTINGS } from "./policy-index-settings";
import { invalidateSearchCache } from "./search-cache.server";

/**
 * Keeps the policy index equal to the database: one policy at a time from the outbox
 * (syncPolicy), all at once by rebuilding into a new index and swapping it in (rebuildPolicyIndex),
 * and once a day for fields that depend on the date (refreshStaleDocuments).
 */
const PREFIX = "qq_policies_";

/** The index name carries a hash of the settings and document shape: a change means a new index. */
const INDEX_UID = `${PREFIX}${createHash("sha256").update(JSON.stringify({ DOCUMENT_VERSION, POLICY_INDEX_SETTINGS })).digest("hex").slice(0, 12)}`;

export function policyIndexUid(): string {
  return INDEX_UID;
}

export function policyIndex(): Index<PolicySearchDocument> {
  return meili().index<PolicySearchDocument>(policyIndexUid());
}

const SEARCHABLE = ["PUBLISHED", "RETIRED"];

/**
 * Waits for a change to the live index, then empties the search results cache — also when the
 * wait fails: the task may still succeed later.
 */
function indexChanged<T>(write: Promise<T>): Promise<T> {
  return write.finally(invalidateSearchCache);
}

const HEAD = PolicyFileSchema.pick({
  id: true, title: true, docNumber: true, issuer: true, level: true, region: true, publishedOn: true, effectiveFrom: true, expiresOn: true,
  tags: true, industries: true, summary: true, text: true,
});

/**
 * The metadata of a stored (validated, canonical) policy file: only the part before `clauses:`,
 * which the canonical form puts after every field we need. Parsing whole files (situations
 * included) cost 1.8 ms each, 18 of a 10,000-policy rebuild's seconds; the head costs 0.15 ms.
 */
function documentHead(document: string) {
  const end = document.indexOf("\nclauses:");
  const parsed = HEAD.safeParse(parse(end >= 0 ? document.slice(0, end) : document, { maxAliasCount: 0 }));
  return parsed.success ? parsed.data : null;
}

/**
 * The version each policy shows the public: the one in force, else its last retired one. Drafts
 * and policies never published have none. Clauses come from their rows (JSON), not the YAML.
 */
async function searchableVersions(policyIds: string[]): Promise<SearchableVersion[]> {
  const rows = await prisma.policyVersion.findMany({
    where: { policyId: { in: policyIds }, status: { in: SEARCHABLE } },
    orderBy: [{ policyId: "asc" }, { number: "desc" }],
    select: { id: true, policyId: true, status: true, document: true },
  });
  const chosen = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const seen = chosen.get(row.policyId);
    if (!seen || (seen.status !== "PUBLISHED" && row.status === "PUBLISHED")) chosen.set(row.policyId, row);
  }
  const clauses = await prisma.policyClause.findMany({
    where: { versionId: { in: [...chosen.values()].map((r) => r.id) } },
    orderBy: [{ versionId: "asc" }, { ordinal: "asc" }],
    select: { versionId: true, name: true, delivery: true, conditions: true, benefit: true },
  });
  const byVersion = new Map<string, IndexedPolicy["clauses"]>();
  for (const c of clauses) {
    const list = byVersion.get(c.versionId) ?? [];
    list.push({ name: c.name, delivery: c.delivery, conditions: JSON.parse(c.conditions), benefit: JSON.parse(c.benefit) });
    byVersion.set(c.versionId, list);
  }
  const out: SearchableVersion[] = [];
  for (const row of chosen.values()) {
    const head = documentHead(row.document);
    if (!head) {
      logger.error({ versionId: row.id }, "stored policy document does not parse; left out of the search index");
      continue;
    }
    out.push({ policyId: row.policyId, versionId: row.id, versionStatus: row.status as "PUBLISHED" | "RETIRED", policy: { ...head, clauses: byVersion.get(row.id) ?? [] } });
  }
  return out;
}

export async function policyDocuments(policyIds: string[], today = cityDate()): Promise<PolicySearchDocument[]> {
  return (await searchableVersions(policyIds)).map((v) => toSearchDocument(v, today));
}

/**
 * Policy ids in id order, in pages, so 10,000 policies never sit in memory as documents at once
 * (and an IN list stays under SQLite's limit on query parameters).
 */
async function* policyIdPages(size = 500): AsyncGenerator<string[]> {
  let after = "";
  for (;;) {
    const page = await prisma.policy.findMany({ where: { id: { gt: after } }, orderBy: { id: "asc" }, take: size, select: { id: true } });
    if (!page.length) return;
    yield page.map((p) => p.id);
    after = page[page.length - 1].id;
  }
}

export async function searchablePolicyCount(): Promise<number> {
  const rows = await prisma.policyVersion.findMany({ where: { status: { in: SEARCHABLE } }, distinct: ["policyId"], select: { policyId: true } });
  return rows.length;
}

// Shared by every copy of this module in the process (the Remix bundle and the worker's import).
const shared = globalThis as unknown as { __qqPolicyRebuild?: Promise<RebuildReport> | null };

export interface RebuildReport {
  documents: number;
  seconds: number;
  index: string;
}

/** Waits for a rebuild this process is running, so an update never lands before its swap. */
async function rebuildSettled(): Promise<void> {
  await shared.__qqPolicyRebuild?.catch(() => undefined);
}

/**
 * Builds the whole index from the database into a fresh index and swaps it in atomically:
 * searches see the old index until the new one is complete. One rebuild at a time per process;
 * a second caller gets the running one.
 */
export function rebuildPolicyIndex(options: { onProgress?: (done: number) => void; today?: string } = {}): Promise<RebuildReport> {
  shared.__qqPolicyRebuild ??= runRebuild(options).finally(() => (shared.__qqPolicyRebuild = null));
  return shared.__qqPolicyRebuild;
}

async function runRebuild({ onProgress, today = cityDate() }: { onProgress?: (done: number) => void; today?: string }): Promise<RebuildReport> {
  const started = performance.now();
  const client = meili();
  const uid = policyIndexUid();
  const buildUid = `${uid}_build_${Date.now().toString(36)}`;
  // Anything changed after this instant is applied again after the swap (see catch-up below).
  const since = new Date(Date.now() - 2_000);

  await settle(client.createIndex(buildUid, { primaryKey: "id" }));
  try {
    await settle(client.index(buildUid).updateSettings(POLICY_INDEX_SETTINGS));
    const tasks = [];
    let documents = 0;
    for await (const ids of policyIdPages()) {
      const docs = await policyDocuments(ids, today);
      if (docs.length) {
        // Sent one batch at a time (Meilisearch indexes the last while we read the next); waited for at the end.
        const task = meiliForIndexing().index(buildUid).addDocuments(docs);
        await task;
        tasks.push(task);
      }
      documents += docs.length;
      onProgress?.(documents);
    }
    for (const task of tasks) await settle(task, 10 * 60_000);

    const exists = await client.getRawIndex(uid).then(() => true, (e) => (isIndexNotFound(e) ? false : Promise.reject(e)));
    await indexChanged(settle(client.swapIndexes([{ indexes: exists ? [uid, buildUid] : [buildUid, uid], rename: !exists }])));
    if (exists) await settle(client.deleteIndex(buildUid));

    // A change committed while we read the database may have reached the old index only.
    const changed = await prisma.policyEvent.findMany({ where: { at: { gte: since } }, select: { version: { select: { policyId: true } } } });
    for (const policyId of new Set(changed.map((e) => e.version.policyId))) await applyPolicy(policyId, today);

    await dropOtherPolicyIndexes(uid);
    const report = { documents, seconds: (performance.now() - started) / 1000, index: uid };
    logger.info(report, "policy search index rebuilt");
    return report;
  } catch (error) {
    await client.deleteIndexIfExists(buildUid).catch(() => undefined);
    throw error;
  }
}

/** Indexes of older settings, and builds abandoned by a crash more than an hour ago. */
async function dropOtherPolicyIndexes(current: string): Promise<void> {
  const { results } = await meili().getRawIndexes({ limit: 1000 });
  for (const index of results) {
    if (!index.uid.startsWith(PREFIX) || index.uid === current) continue;
    const building = index.uid.includes("_build_");
    if (building && Date.now() - new Date(index.createdAt).getTime() < 60 * 60_000) continue;
    await meili().deleteIndex(index.uid).catch(() => undefined);
  }
}

/** The outbox handler for POLICY_CHANGED (registered by register.server.ts). */
export async function handlePolicyChanged(message: OutboxMessageView): Promise<void> {
  const { policyId } = (message.payload ?? {}) as { policyId?: unknown };
  if (typeof policyId !== "string" || !policyId) throw new Error(`消息 ${message.key} 缺少 policyId`);
  await syncPolicy(policyId);
}

/** Upserts or deletes one policy's document from its current state in the database. */
async function applyPolicy(policyId: string, today = cityDate()): Promise<"indexed" | "removed"> {
  const [doc] = await policyDocuments([policyId], today);
  if (doc) {
    await indexChanged(settle(policyIndex().addDocuments([doc])));
    return "indexed";
  }
  await indexChanged(settle(policyIndex().deleteDocument(policyId)));
  return "removed";
}

/**
 * The outbox handler's work for one changed policy. Re-reads the policy rather than trusting the
 * message, so messages may arrive in any order or twice. If the index does not exist yet, the
 * rebuild covers this policy. Throws when Meilisearch fails, so the outbox retries.
 */
export async function syncPolicy(policyId: string): Promise<"indexed" | "removed" | "rebuilt"> {
  await rebuildSettled();
  const exists = await meili().getRawIndex(policyIndexUid()).then(() => true, (e) => (isIndexNotFound(e) ? false : Promise.reject(e)));
  if (!exists) {
    await rebuildPolicyIndex();
    return "rebuilt";
  }
  return applyPolicy(policyId);
}

const dayNumber = (day: string) => Number(day.replaceAll("-", ""));

/**
 * Documents computed on an earlier day (status, amounts on that day's parameters) are computed
 * again for today. Run at start-up and whenever the city's date changes.
 */
export async function refreshStaleDocuments(today = cityDate()): Promise<number> {
  await rebuildSettled();
  const index = policyIndex();
  let refreshed = 0;
  for (;;) {
    const stale = await index.getDocuments({ filter: `asOfNum < ${dayNumber(today)}`, fields: ["id"], limit: 500 });
    if (!stale.results.length) return refreshed;
    const ids = stale.results.map((d) => d.id);
    const docs = await policyDocuments(ids, today);
    const kept = new Set(docs.map((d) => d.id));
    if (docs.length) await indexChanged(settle(index.addDocuments(docs)));
    const gone = ids.filter((id) => !kept.has(id));
    if (gone.length) await indexChanged(settle(index.deleteDocuments(gone)));
    refreshed += ids.length;
  }
}

/**
 * Start-up check: rebuild when the index is missing (fresh install, new settings) or does not
 * hold as many policies as the database; otherwise only refresh documents from an earlier day.
 */
export async function ensurePolicyIndex(): Promise<"rebuilt" | "refreshed" | "current"> {
  const stats = await policyIndex().getStats().catch((e) => (isIndexNotFound(e) ? null : Promise.reject(e)));
  if (!stats || stats.numberOfDocuments !== (await searchablePolicyCount())) {
    await rebuildPolicyIndex();
    return "rebuilt";
  }
  return (await refreshStaleDocuments()) ? "refreshed" : "current";
}

/** JSON with sorted keys: Meilisearch does not return fields in the order they were sent. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

/** Every indexed document next to the database's, for the consistency test and the command. */
export async function compareIndexWithDatabase(today = cityDate()): Promise<{ missing: string[]; extra: string[]; different: string[] }> {
  const indexed = new Map<string, PolicySearchDocument>();
  for (let offset = 0; ; offset += 1000) {
    const page = await policyIndex().getDocuments({ limit: 1000, offset });
    for (const d of page.results) indexed.set(d.id, d as PolicySearchDocument);
    if (page.results.length < 1000) break;
  }
  const missing: string[] = [];
  const different: string[] = [];
  const expected = new Set<string>();
  for await (const ids of policyIdPages()) {
    for (const doc of await policyDocuments(ids, today)) {
      expected.add(doc.id);
      const have = indexed.get(doc.id);
      if (!have) missing.push(doc.id);
      else if (canonical(have) !== canonical(doc)) different.push(doc.id);
    }
  }
  const extra = [...indexed.keys()].filter((id) => !expected.has(id));
  return { missing, extra, different };
}
