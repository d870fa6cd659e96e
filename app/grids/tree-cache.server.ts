/**
 * A small cache for answers derived from the grid tree (subtree ids, filter options). The tree
 * changes only through grid-admin.server.ts, which calls `gridTreeChanged()`; entries also expire
 * after a minute, so another process's edits show up soon after (the tree is rarely edited).
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 5_000;
let version = 0;
const entries = new Map<string, { version: number; at: number; value: Promise<unknown> }>();

export function gridTreeChanged(): void {
  version++;
}

export function cachedByTree<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const hit = entries.get(key);
  if (hit && hit.version === version && Date.now() - hit.at < TTL_MS) return hit.value as Promise<T>;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  const value = compute();
  entries.set(key, { version, at: Date.now(), value });
  value.catch(() => entries.delete(key));
  return value;
}
