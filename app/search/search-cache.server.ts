import { logger } from "~/utils/logger.server";
import { meiliForSearch } from "./meili.server";

/**
 * Meilisearch answers kept for a short while, so the same search (the empty query people land
 * on, a popular word, the next keystroke of the same word coming back) is not worked out again
 * (docs/decisions/015-search-pinyin.md, "Results cache"). Keyed by the index uid — which carries
 * the settings hash — and the normalized search; invalidated:
 * - at once when this process changes the index (policy-sync calls invalidateSearchCache after
 *   every write it waited for, and before a rebuild's swap);
 * - within CHECK_MS when anything else does (`npm run search:reindex`, another portal process on
 *   the same Meilisearch): the newest succeeded Meilisearch task is checked at most once a second
 *   while searches come in, and any change empties the cache;
 * - when that check fails or is older than TRUST_MS (Meilisearch down, an idle portal): the
 *   cache is not used until a check succeeds again.
 * An answer computed across an invalidation is not stored (generation check), so an answer from
 * before a change can never be served after it.
 *
 * State lives on globalThis: the worker's copy of policy-sync (imported outside the Remix bundle)
 * must empty the same cache as the bundle's searches read.
 */
const MAX_ENTRIES = 500;
const TTL_MS = 60_000;
const CHECK_MS = 1_000;
const TRUST_MS = 2_000;

interface Entry {
  at: number;
  value: Promise<unknown>;
}

interface CacheState {
  generation: number;
  entries: Map<string, Entry>;
  /** The newest succeeded task uid at the last check; null when unknown (never checked, failed). */
  version: number | null;
  checkedAt: number;
  checking: Promise<void> | null;
  hits: number;
  misses: number;
}

const shared = globalThis as unknown as { __qqSearchCache?: CacheState };
const state: CacheState = (shared.__qqSearchCache ??= { generation: 0, entries: new Map(), version: null, checkedAt: 0, checking: null, hits: 0, misses: 0 });

/** Empties the cache: call after any change to the index (and before, for changes in flight). */
export function invalidateSearchCache(): void {
  state.generation++;
  state.entries.clear();
}

async function checkVersion(): Promise<void> {
  try {
    const { results } = await meiliForSearch().tasks.getTasks({ statuses: ["succeeded"], limit: 1 });
    const version = results[0]?.uid ?? -1;
    if (version !== state.version) {
      if (state.version !== null) logger.debug({ version }, "search cache: Meilisearch changed, emptied");
      invalidateSearchCache();
      state.version = version;
    }
    state.checkedAt = Date.now();
  } catch {
    invalidateSearchCache();
    state.version = null;
  }
}

/** Whether the cache may answer now; starts a version check when the last one is getting old. */
function trusted(now = Date.now()): boolean {
  if (now - state.checkedAt >= CHECK_MS && !state.checking) {
    state.checking = checkVersion().finally(() => (state.checking = null));
  }
  return state.version !== null && now - state.checkedAt < TRUST_MS;
}

/**
 * The cached answer for `key`, or `compute()`'s (stored if nothing changed meanwhile). Concurrent
 * misses of one key share one computation. Failures are never stored.
 */
export async function cachedSearch<T>(key: string, compute: () => Promise<T>): Promise<{ value: T; cached: boolean }> {
  const now = Date.now();
  if (!trusted(now)) {
    state.misses++;
    return { value: await compute(), cached: false };
  }
  const entry = state.entries.get(key);
  if (entry && now - entry.at < TTL_MS) {
    // Most recently used last: the Map's order is the eviction order.
    state.entries.delete(key);
    state.entries.set(key, entry);
    state.hits++;
    return { value: (await entry.value) as T, cached: true };
  }
  state.misses++;
  const generation = state.generation;
  const value = compute();
  const stored = { at: now, value };
  state.entries.set(key, stored);
  if (state.entries.size > MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value!);
  try {
    const result = await value;
    // Invalidated while computing: the answer may predate the change (the clear already dropped it).
    if (generation !== state.generation && state.entries.get(key) === stored) state.entries.delete(key);
    return { value: result, cached: false };
  } catch (error) {
    if (state.entries.get(key) === stored) state.entries.delete(key);
    throw error;
  }
}

/** For tests and the benchmark's report. */
export function searchCacheStats() {
  return { entries: state.entries.size, hits: state.hits, misses: state.misses, generation: state.generation, version: state.version };
}

/** For tests: forget everything, including the last version check. */
export function resetSearchCache(): void {
  invalidateSearchCache();
  state.version = null;
  state.checkedAt = 0;
}
