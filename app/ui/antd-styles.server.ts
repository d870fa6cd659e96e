import { createHash } from "node:crypto";
import { createCache, extractStyle } from "@ant-design/cssinjs";

/**
 * antd's CSS-in-JS styles for server rendering (docs/decisions/005-antd-server-styles.md).
 *
 * One cache for the whole process: antd's styles depend only on the theme, so computing them once
 * instead of per request makes a page render about three times faster. The CSS collected so far
 * is served as one stylesheet named by its content hash, cached by browsers for good; a page that
 * renders a component for the first time simply links the next version.
 */
const cache = createCache();
const versions = new Map<string, string>();
let latest = { css: "", hash: "" };
let extractedAt = -1;

export function antdStyleCache() {
  return cache;
}

/** The stylesheet URL covering every style rendered so far (including the page just rendered). */
export function antdStylesheetHref(): string {
  // Entries are only ever added, so an unchanged count means unchanged CSS: skip re-extracting
  // (0.5 ms a page) until a page renders something new.
  const entries = cache.cache.size;
  if (entries === extractedAt) return `/antd-styles/${latest.hash}.css`;
  extractedAt = entries;
  const css = extractStyle(cache, { plain: true });
  if (css !== latest.css) {
    latest = { css, hash: createHash("sha256").update(css).digest("hex").slice(0, 16) };
    versions.set(latest.hash, css);
  }
  return `/antd-styles/${latest.hash}.css`;
}

/** The CSS for a hash this process produced; otherwise the newest (a restart or another instance). */
export function antdStylesheet(hash: string): { css: string; exact: boolean } {
  const css = versions.get(hash);
  return css === undefined ? { css: latest.css, exact: false } : { css, exact: true };
}
