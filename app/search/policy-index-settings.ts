import type { Settings } from "meilisearch";

/**
 * The policy index's settings, made on purpose and kept in code (docs/decisions/012). The index
 * name carries a hash of these settings and of DOCUMENT_VERSION, so changing either builds a new
 * index beside the old one and swaps it in: no hand-run migration, no half-configured index.
 */
export const DOCUMENT_VERSION = 4;

/**
 * Terms of the trade. Meilisearch applies a synonym to the query's words, so both directions are
 * written out; multi-word values (专精特新 小巨人) match as a phrase.
 */
const GROUPS: string[][] = [
  ["高企", "高新技术企业"],
  ["科小", "科技型中小企业", "科技型企业"],
  ["小巨人", "专精特新小巨人"],
  ["稳岗", "稳岗返还"],
  ["社保补贴", "社会保险补贴"],
  ["社保", "社会保险"],
  ["规上", "规模以上"],
  ["小升规", "首次入统"],
  ["上市", "IPO", "挂牌"],
  // People ask for "补贴" or "奖励" alike when they mean money; the files use all of these.
  ["奖励", "奖补", "补贴", "补助", "资助"],
  ["研发投入", "研发费用", "研发经费"],
  ["招工", "招人", "招聘", "吸纳就业", "扩岗", "招用"],
  ["高校毕业生", "大学生", "应届毕业生"],
  ["减税", "税收优惠", "减免"],
  ["贴息", "财政贴息"],
  ["首台套", "首台（套）"],
  ["专利", "知识产权"],
  ["出口", "外贸"],
  ["免申报", "免申即享"],
  // Departments as people call them.
  ["科技局", "科学技术局"],
  ["工信局", "工业和信息化局", "工业和信息化厅"],
  ["发改委", "发展和改革委员会"],
  ["人社局", "人力资源和社会保障局", "人力资源社会保障部", "人力资源局"],
];

export function synonymsOf(groups: string[][]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const group of groups) {
    for (const term of group) out[term] = [...new Set([...(out[term] ?? []), ...group.filter((t) => t !== term)])];
  }
  return out;
}

export const SYNONYM_GROUPS: readonly string[][] = GROUPS;

/**
 * Query words are dropped rarest-last when not all of them match, so a question that starts with
 * a word no policy uses ("招高校毕业生有补贴吗") still finds what its other words name; the default
 * ("last") would insist on the first word.
 */
export const MATCHING_STRATEGY = "frequency" as const;

/** Words the Chinese segmenter keeps whole (it splits unknown abbreviations into characters). */
export const POLICY_INDEX_DICTIONARY = ["高企", "人社局", "科技局", "工信局", "发改委", "科小", "小巨人", "专精特新", "稳岗", "稳岗返还", "社保补贴", "规上", "小升规", "首台套", "免申即享", "瞪羚企业", "千企展翼", "六税两费", "加计扣除", "众创空间", "单项冠军", "扩岗", "留工培训"];

/** Pinyin of titles and clause names (pinyin.ts): after every Chinese field, so Chinese matches rank first. */
const PINYIN_ATTRIBUTES = ["titlePinyin", "titleInitials", "clausePinyin", "clauseInitials"];

export const POLICY_INDEX_SETTINGS = {
  // Most important first: a title match beats a match in the full text.
  searchableAttributes: [
    "title",
    "tags",
    "clauseNames",
    "docNumber",
    "issuer",
    "summary",
    "clauseBenefits",
    "clauseConditions",
    "industries",
    "deliveries",
    "levelLabel",
    "regionName",
    "text",
    "slug",
    ...PINYIN_ATTRIBUTES,
  ],
  filterableAttributes: ["id", "level", "issuers", "industries", "deliveries", "status", "amountBands", "region", "maxAmount", "expiresOnNum", "publishedOnNum", "asOfNum"],
  sortableAttributes: ["publishedOnNum", "expiresOnNum", "statusRank", "maxAmount"],
  // In force before upcoming, expired and retired ones, right after how many words matched; the
  // user's sort (newest, deadline) comes before it, as asked for; newer breaks remaining ties.
  rankingRules: ["words", "typo", "sort", "statusRank:asc", "attribute", "proximity", "exactness", "publishedOnNum:desc"],
  synonyms: synonymsOf(GROUPS),
  // Words people add to a question that say nothing about which policy they want.
  stopWords: ["的", "了", "吗", "呢", "啊", "吧", "多少", "多少钱", "怎么", "怎样", "如何", "哪些", "什么", "有没有", "能不能", "可以", "我", "我们", "公司", "政策", "钱", "能拿", "申请"],
  dictionary: POLICY_INDEX_DICTIONARY,
  typoTolerance: {
    enabled: true,
    // A one-character change makes a different Chinese word (高企/高校), so words of up to four
    // characters get no typo; typos still help Latin words (IPO, pinyin slugs) of five or more.
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    disableOnNumbers: true,
    // Pinyin words are every suffix of a title: one typo would match nearly anything ("gaoqi" ~ gaoji).
    disableOnAttributes: ["docNumber", "slug", ...PINYIN_ATTRIBUTES],
  },
  // Short Chinese texts are sometimes detected as Japanese (shared characters); say it is Chinese.
  localizedAttributes: [{ attributePatterns: ["*"], locales: ["cmn"] }],
  faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { "*": "count" } },
  pagination: { maxTotalHits: 100_000 },
  // The page lists facet values with counts; nobody searches within them.
  facetSearch: false,
  // "byWord" (the default) on purpose: "byAttribute" indexes 10,000 policies ~30% faster, but then
  // a synonym phrase (高企 → 高新技术企业) matches its words anywhere in a field, and "高新技术产业
  // 开发区…企业" passes for 高企.
  proximityPrecision: "byWord",
} satisfies Settings;
