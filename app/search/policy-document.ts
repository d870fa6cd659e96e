import { industryByCode } from "~/companies/industry";
import type { BenefitSpec, PolicyFile } from "~/policies/policy-file";
import { benefitSummary } from "~/policies/present";
import { parametersOn } from "~/rules/benefit";
import type { TopCondition } from "~/rules/conditions";
import { evaluateFormula, parseFormula } from "~/rules/formula";
import { conditionsToChinese } from "~/rules/render-zh";
import { DISTRICT_NAMES } from "~/grids/districts";
import { pinyinFields } from "./pinyin";
import { ALL_INDUSTRIES, AMOUNT_BANDS, STATUSES, type AmountBand, type SearchStatus } from "./vocabulary";

/**
 * One policy as the search index holds it: the version the public sees (in force, else the last
 * retired one), flattened into the fields people search and filter by. Pure, so the index, the
 * database fallback and the tests derive the same values. Date-dependent fields (status, amounts
 * on today's parameters) are computed for `today`; the sync refreshes them when the day changes.
 */
export interface PolicySearchDocument {
  id: string;
  versionId: string;
  title: string;
  docNumber: string;
  issuer: string;
  /** Joint issuers ("河南省商务厅 河南省财政厅") counted separately in the facet. */
  issuers: string[];
  level: string;
  levelLabel: string;
  region: string;
  regionName: string;
  summary: string;
  text: string;
  clauseNames: string[];
  /** Each clause's conditions as the Chinese sentence companies read on the policy page. */
  clauseConditions: string[];
  clauseBenefits: string[];
  industries: string[];
  tags: string[];
  deliveries: string[];
  amountBands: AmountBand[];
  /** Highest amount any clause pays (万元, on today's parameters); null when none is capped. */
  maxAmount: number | null;
  amountText: string;
  publishedOn: string;
  effectiveFrom: string;
  expiresOn: string | null;
  /** YYYYMMDD numbers: Meilisearch sorts and compares numbers, not date strings. */
  publishedOnNum: number;
  expiresOnNum: number;
  status: SearchStatus;
  /** 0 in force … 3 retired: the ranking rule that puts policies in force first. */
  statusRank: number;
  /** The policy id split into words: by convention the title's pinyin (gaoqi-shouci-rending…). */
  slug: string;
  /** The day status and amounts were computed for (YYYYMMDD); older ones are refreshed. */
  asOfNum: number;
  /** Pinyin words of the title and of the clause names (pinyin.ts): searched, never shown. */
  titlePinyin: string;
  titleInitials: string;
  clausePinyin: string;
  clauseInitials: string;
}

/**
 * The parts of a policy file the index uses (a whole PolicyFile is one). The indexer reads them
 * from the document's head and the clause rows, not by parsing the whole file: see policy-sync.
 */
export type IndexedPolicy = Pick<PolicyFile, "id" | "title" | "docNumber" | "issuer" | "level" | "region" | "publishedOn" | "effectiveFrom" | "expiresOn" | "tags" | "industries" | "summary" | "text"> & {
  clauses: { name: string; delivery: string; conditions?: unknown; benefit: BenefitSpec }[];
};

export interface SearchableVersion {
  policyId: string;
  versionId: string;
  /** PUBLISHED (in force) or RETIRED (the last published version of a retired policy). */
  versionStatus: "PUBLISHED" | "RETIRED";
  policy: IndexedPolicy;
}

/** Meilisearch highlight markers are control characters, so documents must never contain them. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const clean = (s: string) => s.replace(CONTROL, "");

export function statusOf(v: { versionStatus: string; effectiveFrom: string; expiresOn?: string | null }, today: string): SearchStatus {
  if (v.versionStatus === "RETIRED") return "已废止";
  if (v.expiresOn && v.expiresOn < today) return "已过期";
  if (v.effectiveFrom > today) return "未生效";
  return "有效";
}

// As PolicyView's regionName, without pulling the UI library into the indexer.
const regionName = (code: string) => ({ "41": "河南省", "410100": "郑州市" } as Record<string, string>)[code] ?? DISTRICT_NAMES[code] ?? code;

const dateNum = (d: string) => Number(d.replaceAll("-", ""));

/**
 * The most a clause pays on a date (万元); "none" for support that is not money; null when the
 * amount is not known in advance. Files use kind "none" both for support that is not money and for
 * money the system cannot compute (补助 per new hire): the former say so, by the tag 非资金 or in
 * the description.
 */
export function clauseMaxAmount(benefit: BenefitSpec, on: string, tags: readonly string[] = []): number | "none" | null {
  if (benefit.kind === "none") return tags.includes("非资金") || benefit.description.includes("非资金") ? "none" : null;
  const values = parametersOn(benefit.parameters, on);
  if (benefit.kind === "fixed") return values.get("amount") ?? null;
  if (!benefit.cap) return null;
  try {
    // A cap made of parameters only is a known maximum; one that needs a company's facts is not.
    return evaluateFormula(parseFormula(benefit.cap), values) ?? null;
  } catch {
    return null;
  }
}

export function amountBand(max: number | "none" | null): AmountBand {
  if (max === "none") return "非资金支持";
  if (max === null) return "按实际核算";
  if (max <= 10) return "10 万元及以下";
  if (max <= 50) return "10–50 万元";
  if (max <= 100) return "50–100 万元";
  return "100 万元以上";
}

const formatWan = (n: number) => `${n.toLocaleString("zh-CN", { maximumFractionDigits: 2 })} 万元`;

export function toSearchDocument(v: SearchableVersion, today: string): PolicySearchDocument {
  const p = v.policy;
  const maxima = p.clauses.map((c) => clauseMaxAmount(c.benefit, today, p.tags));
  const numbers = maxima.filter((m): m is number => typeof m === "number");
  const maxAmount = numbers.length ? Math.max(...numbers) : null;
  const amountText =
    maxAmount !== null ? `最高 ${formatWan(maxAmount)}`
    : maxima.every((m) => m === "none") ? "非资金支持"
    : "按实际核算";
  const status = statusOf({ versionStatus: v.versionStatus, effectiveFrom: p.effectiveFrom, expiresOn: p.expiresOn }, today);
  const industries = p.industries.length ? [...new Set(p.industries.map((c) => industryByCode(c)?.name ?? c))] : [ALL_INDUSTRIES];
  const title = clean(p.title);
  const clauseNames = p.clauses.map((c) => clean(c.name));
  const titlePinyin = pinyinFields([title]);
  const clausePinyin = pinyinFields(clauseNames);
  return {
    id: v.policyId,
    versionId: v.versionId,
    title,
    docNumber: clean(p.docNumber),
    issuer: clean(p.issuer),
    issuers: clean(p.issuer).split(/\s+/).filter(Boolean),
    level: p.level,
    levelLabel: `${p.level}级`,
    region: p.region,
    regionName: regionName(p.region),
    summary: clean(p.summary),
    text: clean(p.text),
    clauseNames,
    clauseConditions: p.clauses.map((c) => clean(conditionsToChinese(c.conditions as TopCondition))),
    clauseBenefits: p.clauses.map((c) => clean(c.benefit.kind === "none" ? c.benefit.description : `${c.benefit.description}；${benefitSummary(c.benefit, today)}`)),
    industries,
    tags: p.tags.map(clean),
    deliveries: [...new Set(p.clauses.map((c) => c.delivery))],
    amountBands: [...new Set(maxima.map(amountBand))].sort((a, b) => AMOUNT_BANDS.indexOf(a) - AMOUNT_BANDS.indexOf(b)),
    maxAmount,
    amountText,
    publishedOn: p.publishedOn,
    effectiveFrom: p.effectiveFrom,
    expiresOn: p.expiresOn ?? null,
    publishedOnNum: dateNum(p.publishedOn),
    expiresOnNum: p.expiresOn ? dateNum(p.expiresOn) : 99991231,
    status,
    statusRank: STATUSES.indexOf(status),
    slug: p.id.replaceAll("-", " "),
    asOfNum: dateNum(today),
    titlePinyin: titlePinyin.full,
    titleInitials: titlePinyin.initials,
    clausePinyin: clausePinyin.full,
    clauseInitials: clausePinyin.initials,
  };
}
