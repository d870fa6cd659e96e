import { POLICY_INDEX_SETTINGS } from "./policy-index-settings";

/**
 * A query cut into terms for the database fallback, which has no Chinese segmenter: known words
 * of the trade (synonyms, dictionary) are cut out longest first, the rest kept as typed. Each
 * term comes with its synonyms, so "高企奖励" finds 高新技术企业…奖补 as Meilisearch would.
 */
const SYNONYMS: Record<string, string[]> = POLICY_INDEX_SETTINGS.synonyms;
const STOP = new Set<string>(POLICY_INDEX_SETTINGS.stopWords);
// One-character stop words (的, 吗) would cut real words (目的) apart: they are only dropped when
// they stand alone or end a chunk.
const VOCABULARY = [...new Set([...Object.keys(SYNONYMS), ...POLICY_INDEX_SETTINGS.dictionary, ...[...STOP].filter((w) => w.length > 1)])]
  .sort((a, b) => b.length - a.length);
const SINGLE_STOP = new RegExp(`[${[...STOP].filter((w) => w.length === 1).join("")}]+$`, "u");

const MAX_TERMS = 8;

function segment(chunk: string): string[] {
  const out: string[] = [];
  let literal = "";
  for (let i = 0; i < chunk.length; ) {
    const word = VOCABULARY.find((w) => chunk.startsWith(w, i));
    if (word) {
      if (literal) out.push(literal);
      literal = "";
      out.push(word);
      i += word.length;
    } else {
      literal += chunk[i];
      i += 1;
    }
  }
  if (literal) out.push(literal);
  return out;
}

/** Terms, each a list of alternatives (the term and its synonyms); every term must match. */
export function queryTerms(q: string): string[][] {
  const chunks = q.split(/[\s\p{P}\p{S}]+/u).filter(Boolean);
  const terms = chunks.map((c) => c.replace(SINGLE_STOP, "")).filter(Boolean).flatMap(segment).filter((t) => !STOP.has(t));
  const unique = [...new Set(terms)].slice(0, MAX_TERMS);
  return unique.map((t) => [t, ...(Object.hasOwn(SYNONYMS, t) ? SYNONYMS[t] : [])]);
}
