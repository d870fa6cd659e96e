import { pinyin } from "pinyin-pro";
import { MARK_END, MARK_START } from "./search-types";
import { POLICY_INDEX_DICTIONARY, SYNONYM_GROUPS } from "./policy-index-settings";

/**
 * Pinyin for search (docs/decisions/015-search-pinyin.md). Titles and clause names are indexed
 * with extra Latin words so people can type pinyin or initials as they would in an IME
 * ("wengang", "gxjsqy", "zjtx"). Meilisearch matches a query word against whole index words, and
 * only the last query word as a prefix; so for every character where a word may start we index
 * the pinyin (and the initials) from there to the end of the run of Chinese characters:
 * 稳岗返还 → "wengangfanhuan gangfanhuan fanhuan huan" + "wgfh gfh fh". Meilisearch has no
 * substring search, which is why these suffixes are spelled out. Syllables alone ("gao qi") are
 * not indexed: they would match characters anywhere; pinyin typed with spaces is joined instead
 * (pinyinAlternatives), and they cost a tenth of the index's pinyin.
 *
 * Pure (no server resources); server-side only in practice: pinyin-pro's dictionary is large.
 */

/** A run of a text as pinyin: one unit per character, or one for an abbreviation (see below). */
interface Unit {
  full: string;
  initials: string;
  /** The characters of the text this unit stands for: [from, to). */
  from: number;
  to: number;
}

/** Longest index word in characters: bounds the O(n²) suffixes of a long run (~100 letters). */
const MAX_UNITS = 16;
const HAN = /\p{Script=Han}+/gu;
const LETTERS = /^[a-z]+$/;

function syllables(run: string): string[] | null {
  const chars = [...run];
  const out = pinyin(run, { toneType: "none", type: "array", v: true });
  // One syllable per character; anything else (a character pinyin-pro does not know) is skipped.
  return out.length === chars.length && out.every((s) => LETTERS.test(s)) ? out : null;
}

/**
 * The characters of the text as units, in runs of Chinese characters (punctuation, digits and
 * Latin letters end a run: nobody types their pinyin).
 */
function runs(text: string): Unit[][] {
  const out: Unit[][] = [];
  for (const match of text.matchAll(HAN)) {
    const chars = [...match[0]];
    const sy = syllables(match[0]);
    if (!sy) continue;
    let at = match.index!;
    out.push(chars.map((c, i) => {
      const unit = { full: sy[i], initials: sy[i][0], from: at, to: at + c.length };
      at += c.length;
      return unit;
    }));
  }
  return out;
}

/**
 * Abbreviations of the trade as pinyin: a title saying 高新技术企业 can be typed "gaoqi" or "gq"
 * (高企), as the Chinese query 高企 finds it through the synonyms. Only shorter, all-Chinese
 * members of a synonym group count (高新技术企业 → 高企, not 奖励 → 补贴).
 */
const ABBREVIATIONS: [string, string][] = SYNONYM_GROUPS.flatMap((group) =>
  group.flatMap((long) => group.filter((short) => short.length < long.length && /^\p{Script=Han}+$/u.test(short) && /^\p{Script=Han}+$/u.test(long)).map((short) => [long, short] as [string, string])),
);
const abbreviationUnits = new Map<string, { full: string; initials: string }>();
function abbreviation(short: string) {
  let unit = abbreviationUnits.get(short);
  if (!unit) {
    const sy = syllables(short) ?? [];
    unit = { full: sy.join(""), initials: sy.map((s) => s[0]).join("") };
    abbreviationUnits.set(short, unit);
  }
  return unit;
}

/**
 * Unit sequences a pinyin word may start in: each run, and for every abbreviation's long form in
 * it, the short form followed by the rest of the run (高新技术企业梯次奖补 → 高企 梯 次 奖 补).
 * `startsOnlyAtFirst` marks the latter: their later starts are those of the run itself.
 */
function sequences(text: string): { units: Unit[]; startsOnlyAtFirst: boolean }[] {
  const out: { units: Unit[]; startsOnlyAtFirst: boolean }[] = [];
  for (const run of runs(text)) {
    out.push({ units: run, startsOnlyAtFirst: false });
    const source = text.slice(run[0].from, run[run.length - 1].to);
    for (const [long, short] of ABBREVIATIONS) {
      for (let at = source.indexOf(long); at >= 0; at = source.indexOf(long, at + 1)) {
        const from = run[0].from + at;
        const to = from + long.length;
        const rest = run.filter((u) => u.from >= to);
        out.push({ units: [{ ...abbreviation(short), from, to }, ...rest], startsOnlyAtFirst: true });
      }
    }
  }
  return out;
}

/** The index words for texts: `full` (pinyin suffixes), `initials` (suffixes of the initials). */
export function pinyinFields(texts: readonly string[]): { full: string; initials: string } {
  const full = new Set<string>();
  const initials = new Set<string>();
  for (const text of texts) {
    for (const { units, startsOnlyAtFirst } of sequences(text)) {
      for (let i = 0; i < (startsOnlyAtFirst ? 1 : units.length); i++) {
        const tail = units.slice(i, i + MAX_UNITS);
        full.add(tail.map((u) => u.full).join(""));
        const letters = tail.map((u) => u.initials).join("");
        if (letters.length > 1) initials.add(letters); // one letter: any prefix search finds more
      }
    }
  }
  return { full: [...full].join(" "), initials: [...initials].join(" ") };
}

/** Query words that may be pinyin: Latin letters only (what an IME user types before choosing). */
export function pinyinWords(q: string): string[] {
  return q.toLowerCase().split(/[^a-z]+/).filter((w) => w.length >= 2);
}

/** Characters a pinyin word covers when it starts at unit i, or -1: the last syllable may be partial. */
function coverage(units: Unit[], i: number, word: string, key: "full" | "initials"): number {
  let rest = word;
  for (let j = i; j < units.length; j++) {
    const letters = units[j][key];
    if (rest.startsWith(letters)) {
      rest = rest.slice(letters.length);
      if (!rest) return j;
    } else return letters.startsWith(rest) ? j : -1;
  }
  return -1;
}

/**
 * Marks the characters that pinyin words of the query stand for, as Meilisearch marks Chinese
 * matches (it cannot: it matched the pinyin field, not the title). Text already marked by
 * Meilisearch keeps its marks; only the unmarked parts are looked at.
 */
export function markPinyin(text: string, words: readonly string[]): string {
  if (!words.length) return text;
  return text
    .split(MARK_START)
    .map((part, index) => {
      if (index === 0) return markPlain(part, words);
      const end = part.indexOf(MARK_END);
      return end < 0 ? MARK_START + part : `${MARK_START}${part.slice(0, end + 1)}${markPlain(part.slice(end + 1), words)}`;
    })
    .join("");
}

function markPlain(text: string, words: readonly string[]): string {
  const marked = new Array<boolean>(text.length).fill(false);
  for (const { units, startsOnlyAtFirst } of sequences(text)) {
    for (let i = 0; i < (startsOnlyAtFirst ? 1 : units.length); i++) {
      for (const word of words) {
        for (const key of ["full", "initials"] as const) {
          const last = coverage(units, i, word, key);
          if (last >= 0) marked.fill(true, units[i].from, units[last].to);
        }
      }
    }
  }
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (marked[i] && !marked[i - 1]) out += MARK_START;
    out += text[i];
    if (marked[i] && !marked[i + 1]) out += MARK_END;
  }
  return out;
}

/**
 * Known words of the trade by their pinyin and initials (synonyms and the segmenter's dictionary),
 * for a query like "gqrd" (高企认定) that no single index word starts with: Meilisearch does not
 * split a Latin word. A key shared by two words would be left out as ambiguous (none is today).
 */
const VOCABULARY: Map<string, string> = (() => {
  const terms = [...new Set([...SYNONYM_GROUPS.flat(), ...POLICY_INDEX_DICTIONARY])].filter((t) => /^\p{Script=Han}{2,}$/u.test(t));
  const byKey = new Map<string, Set<string>>();
  for (const term of terms) {
    const sy = syllables(term);
    if (!sy) continue;
    for (const key of [sy.join(""), sy.map((s) => s[0]).join("")]) byKey.set(key, (byKey.get(key) ?? new Set()).add(term));
  }
  const out = new Map<string, string>();
  for (const [key, found] of byKey) if (found.size === 1 && key.length >= 2) out.set(key, [...found][0]);
  return out;
})();

/**
 * Other readings of a query typed in pinyin, for when it finds nothing as typed (or matches only
 * some of its words). Meilisearch takes only a query's last word as a prefix and does not split a
 * Latin word, so:
 * 1. pinyin words typed with spaces are joined ("gaoxin jishu" → "gaoxinjishu", a prefix of an
 *    index word);
 * 2. known words of the trade at the start of a pinyin word are spelled out in Chinese, the rest
 *    moved to the end where it is taken as a prefix: "gqrd" → "高企 rd", "gqrd 奖励" → "高企 奖励 rd".
 * Used only after the query as typed fell short, so "zzsrd" still means 郑州市认定… when a title
 * says so, rather than 资助 (zz) + "srd".
 */
export function pinyinAlternatives(q: string): string[] {
  const words = q.split(/\s+/).filter(Boolean);
  const latin = (w: string) => /^[a-zA-Z]+$/.test(w);
  const joined: string[] = [];
  for (const word of words) {
    if (latin(word) && joined.length && latin(joined[joined.length - 1])) joined[joined.length - 1] += word;
    else joined.push(word);
  }
  const out: string[] = [];
  if (joined.length < words.length) out.push(joined.join(" "));
  const chinese: string[] = [];
  const rests: string[] = [];
  let spelled = false;
  for (const word of joined) {
    if (!latin(word)) {
      chinese.push(word);
      continue;
    }
    let rest = word.toLowerCase();
    for (;;) {
      let found = "";
      for (let n = rest.length; n >= 2 && !found; n--) if (VOCABULARY.has(rest.slice(0, n))) found = rest.slice(0, n);
      if (!found) break;
      chinese.push(VOCABULARY.get(found)!);
      rest = rest.slice(found.length);
      spelled = true;
    }
    if (rest) rests.push(rest);
  }
  if (spelled) out.push([...chinese, ...rests].join(" "));
  return out;
}
