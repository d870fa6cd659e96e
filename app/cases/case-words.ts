/**
 * The tokens of the queues' substring index (case-words.server.ts; decision 019).
 *
 * A search by words is `title LIKE '%q%' OR companyName LIKE '%q%'`. A case whose title or company
 * name contains q contains every pair of adjacent characters of q in that same text, so the cases
 * holding all of q's pairs are a superset of the matches, which LIKE then confirms. Pairs, not
 * SQLite's trigram tokenizer: most Chinese searches are two characters (建设, 实业), which a
 * trigram index cannot look up.
 *
 * A pair becomes one ASCII token (its UTF-8 bytes in hex), so FTS5's plain `ascii` tokenizer keeps
 * it whole whatever the characters are (punctuation, spaces, letters). Letters are folded as LIKE
 * folds them in SQLite without ICU: ASCII only.
 */

/** LIKE's case folding: A-Z only ('É' and 'Ａ' stay as they are, as LIKE leaves them). */
const foldAscii = (s: string) => s.replace(/[A-Z]+/g, (c) => c.toLowerCase());

const hex = (s: string) => Buffer.from(s, "utf8").toString("hex");

/** The distinct pair tokens of each text, never spanning two texts. */
export function pairTokens(...texts: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    // By code point, as SQLite's LIKE steps through characters (a rare CJK character is one, not two).
    const chars = Array.from(foldAscii(text));
    for (let i = 0; i + 1 < chars.length; i++) out.add(hex(chars[i] + chars[i + 1]));
  }
  return [...out];
}

/**
 * Where a case was routed and who handles it, as tokens: a district's, a street's or a
 * department's search reads only its own cases' entries instead of the whole city's. District and
 * street are set once, at filing (placement.ts); the department changes with 派遣, and the index
 * follows it (the triggers watch the column). The "x" keeps them apart from pair tokens, which are
 * hex digits only.
 */
const SCOPE_KINDS = { districtId: "d", streetId: "s", assigneeDeptId: "a" } as const;
type ScopeKind = keyof typeof SCOPE_KINDS;
const isScopeKind = (key: string): key is ScopeKind => Object.hasOwn(SCOPE_KINDS, key);

export const scopeToken = (kind: ScopeKind, id: string) => `x${SCOPE_KINDS[kind]}${hex(id)}`;

export interface CaseText {
  title: string;
  companyName: string | null;
  districtId: string | null;
  streetId: string | null;
  assigneeDeptId: string | null;
}

/** The document the index keeps for one case. */
export function caseDocument(c: CaseText): string {
  const scope = (Object.keys(SCOPE_KINDS) as ScopeKind[]).flatMap((kind) => (c[kind] ? [scopeToken(kind, c[kind])] : []));
  return [...pairTokens(c.title, c.companyName), ...scope].join(" ");
}

/**
 * The index's key for a case: its 诉求编号 (YYYYMMDD + a sequence, case-store.server.ts) as an
 * integer. Fixed at filing and already unique, so the index needs no key of its own.
 */
export function caseKey(number: string): bigint {
  if (!isCaseKey(number)) throw new Error(`诉求编号“${number}”不是数字，无法写入检索索引`);
  return BigInt(number);
}

export const isCaseKey = (number: string) => /^[1-9]\d{0,17}$/.test(number);

/**
 * The scope keys a `where` pins down: a district, street or department that every matching case
 * must have (a `districtId: "…"` reached through ANDs only). Anything under OR, NOT or a filter object could
 * let other cases through and is ignored: fewer tokens only means more candidates.
 */
export function scopeTokens(where: unknown): string[] {
  const out: string[] = [];
  const walk = (w: unknown) => {
    if (typeof w !== "object" || w === null || Array.isArray(w)) return;
    for (const [key, value] of Object.entries(w)) {
      if (key === "AND") for (const item of Array.isArray(value) ? value : [value]) walk(item);
      else if (isScopeKind(key) && typeof value === "string") out.push(scopeToken(key, value));
    }
  };
  walk(where);
  return [...new Set(out)];
}

/**
 * The FTS5 query for cases that may contain `q` within `where`, or null when pairs cannot narrow
 * it: a single character has none, and % or _ are LIKE wildcards, not characters to look up.
 */
export function candidateQuery(q: string, where: unknown): string | null {
  if (/[%_]/.test(q)) return null;
  const pairs = pairTokens(q);
  if (!pairs.length) return null;
  return [...pairs, ...scopeTokens(where)].map((t) => `"${t}"`).join(" AND ");
}
