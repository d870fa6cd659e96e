/**
 * Tokens for the case classifier: jieba words plus character bigrams.
 * jieba runs with the dictionary embedded in @node-rs/jieba (nothing is downloaded); bigrams make
 * the model robust to words jieba splits differently or has never seen ("跳闸了" vs "跳闸").
 */
import { Jieba } from "@node-rs/jieba";
// ".js" because the package has no exports map: Node's ESM loader (the built server) needs the file name.
import { dict } from "@node-rs/jieba/dict.js";

let jieba: Jieba | undefined;

/** One instance per process: loading the dictionary takes ~0.2 s. */
function getJieba(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/**
 * Words that appear in every kind of 诉求 and so carry no category signal: pronouns, particles,
 * politeness and generic asks ("麻烦", "协调", "能不能").
 */
const STOP_WORDS = new Set(
  (
    "的 了 是 我 你 他 她 它 我们 你们 他们 咱们 我司 贵司 公司 企业 这 那 这个 那个 这些 那些 这边 那边 在 有 没有 和 与 及 以及 也 就 都 还 又 要 想 能 会 可以 " +
    "吗 呢 吧 啊 呀 哦 嘛 么 着 过 得 地 把 被 给 让 对 从 到 向 往 于 为 为了 因为 所以 但是 但 可是 而且 如果 或者 还是 就是 不是 " +
    "一个 一下 一些 一直 已经 现在 目前 今年 去年 时候 什么 怎么 怎么办 怎么样 哪里 哪个 谁 多少 几 请问 您好 你好 领导 " +
    "麻烦 谢谢 感谢 希望 能否 是否 能不能 可不可以 帮忙 协调 处理 解决 反映 问题 情况 一下子 相关 部门 具体 尽快 盼复 答复 回复 " +
    "个 次 天 年 月 日 号 位 名 家 人 多 很 太 比较 非常 特别 这么 那么 不 没 再 才 只 等 里 上 下 中"
  ).split(/\s+/),
);

const CJK = /\p{Script=Han}/u;
const HAS_LETTER_OR_HAN = /[\p{Script=Han}a-z]/u;
/** Digits, Chinese numerals with an optional measure word: "3号", "两次", "十来天" say nothing about the category. */
const NUMBERISH = /^[\d.,%０-９一二三四五六七八九十百千万亿两几半来余多]+[个次天号楼座层年月日周元块名人家台件项点份条米平方]?$/u;

/** Normalises width and case so "５Ｇ" and "5g" are one token. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/** Words worth counting, from jieba with HMM on (finds unseen words such as product names). */
export function segmentWords(text: string): string[] {
  const out: string[] = [];
  for (const raw of getJieba().cut(normalizeText(text), true)) {
    const w = raw.trim();
    if (!w || !HAS_LETTER_OR_HAN.test(w) || STOP_WORDS.has(w) || NUMBERISH.test(w)) continue;
    // A single Latin letter is noise; a single 汉字 like "电" "税" "暖" often is the whole clue.
    if (w.length === 1 && !CJK.test(w)) continue;
    out.push(w);
  }
  return out;
}

/** Overlapping pairs of 汉字 inside each run of Chinese text, marked so they never collide with words. */
export function charBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of normalizeText(text).match(/\p{Script=Han}+/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.push(`~${run[i]}${run[i + 1]}`);
  }
  return out;
}

export interface TokenizeOptions {
  bigrams?: boolean;
}

/** The classifier's features for a text: words, then (by default) character bigrams. */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  const words = segmentWords(text);
  return options.bigrams === false ? words : words.concat(charBigrams(text));
}

/** Characters that carry content (汉字, letters, digits): used to refuse texts too short to classify. */
export function contentLength(text: string): number {
  return normalizeText(text).replace(/[^\p{Script=Han}a-z0-9]/gu, "").length;
}
