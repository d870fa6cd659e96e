import type { MultiSearchResponse, SearchResponse } from "meilisearch";
import type { Actor } from "~/auth/actor";
import { cityDate } from "~/utils/dates";
import { logger } from "~/utils/logger.server";
import { mark, passage, searchDatabase } from "./fallback.server";
import { isIndexNotFound, meiliForSearch } from "./meili.server";
import { buildQueries } from "./meili-query";
import { markPinyin, pinyinAlternatives, pinyinWords } from "./pinyin";
import { queryTerms } from "./query-terms";
import type { PolicySearchDocument } from "./policy-document";
import { ensurePolicyIndex, policyIndexUid } from "./policy-sync.server";
import { qualifiedFor } from "./qualified.server";
import { cachedSearch } from "./search-cache.server";
import { PAGE_SIZE, parseSearchParams, type PolicySearchInput } from "./search-params";
import { MARK_END, MARK_START, type FacetCount, type PolicyHit, type PolicySearchResult } from "./search-types";
import { FACETS, type Facet, type SearchStatus } from "./vocabulary";

/**
 * Policy search for every role: Meilisearch when it answers, the database otherwise (said so on
 * the page, never a 500). After a failure Meilisearch is left alone for a few seconds, then tried
 * again, so the page recovers by itself when it returns.
 */
const RETRY_AFTER_MS = 5_000;
const shared = globalThis as unknown as { __qqMeiliDownUntil?: number; __qqEnsureAfter?: number };

export async function searchPolicies(request: { actor: Actor; params: URLSearchParams; today?: string }): Promise<PolicySearchResult> {
  const { input, notices } = parseSearchParams(request.params);
  const companyId = request.actor.role === "ENTERPRISE" ? request.actor.companyId : null;
  const qualified = companyId ? await qualifiedFor(companyId) : null;
  const onlyIds = qualified && input.mine ? qualified.ids : undefined;
  const mine = { offered: companyId !== null, active: onlyIds !== undefined, qualifiedCount: qualified?.ids.length ?? 0 };
  const mark = <T extends { hits: PolicyHit[] }>(answer: T): T =>
    qualified ? { ...answer, hits: answer.hits.map((h) => ({ ...h, qualifies: qualified.set.has(h.id) })) } : answer;

  let degraded: PolicySearchResult["degraded"] = "unavailable";
  if ((shared.__qqMeiliDownUntil ?? 0) <= Date.now()) {
    try {
      // The answer depends on the search and on which policies it is limited to, never on who asks.
      const key = [policyIndexUid(), JSON.stringify([input.q, input.filters, input.sort, input.page]), onlyIds ? `mine:${qualified!.key}` : "all"].join("\n");
      const { value, cached } = await cachedSearch(key, () => searchMeili(input, onlyIds));
      const answer = mark(value);
      shared.__qqMeiliDownUntil = 0;
      return { mode: "meili", degraded: null, input, ...answer, notices: [...notices, ...answer.notices], mine, cached };
    } catch (error) {
      if (isIndexNotFound(error)) {
        degraded = "indexing";
        startIndexing();
      } else {
        shared.__qqMeiliDownUntil = Date.now() + RETRY_AFTER_MS;
        logger.warn({ err: (error as Error).message }, "policy search: Meilisearch unavailable, answering from the database");
      }
    }
  }
  const answer = mark(await searchDatabase(input, { today: request.today ?? cityDate(), onlyIds }));
  return { mode: "database", degraded, input, ...answer, notices: [...notices, ...answer.notices], processingTimeMs: null, mine, cached: false };
}

/** The index is missing (fresh install, new settings): build it in the background, once a minute at most. */
function startIndexing() {
  if ((shared.__qqEnsureAfter ?? 0) > Date.now()) return;
  shared.__qqEnsureAfter = Date.now() + 60_000;
  ensurePolicyIndex().catch((error) => logger.error({ err: (error as Error).message }, "policy search index could not be built"));
}

type Answer = Omit<PolicySearchResult, "mode" | "degraded" | "input" | "mine" | "cached">;

async function searchMeili(input: PolicySearchInput, onlyIds: string[] | undefined): Promise<Answer> {
  const notices: string[] = [];
  let answer = await runQueries(input, onlyIds);
  // Pinyin Meilisearch cannot read as typed ("gqrd" for 高企认定, "gaoxin jishu"): other readings
  // (pinyin.ts), only when the query fell short; the first that matches all its words wins.
  let q = input.q;
  if (answer.total === 0 || answer.partial) {
    for (const other of pinyinAlternatives(input.q)) {
      const alternative = await runQueries({ ...input, q: other }, onlyIds);
      if (alternative.total > 0 && (answer.total === 0 || !alternative.partial)) {
        answer = alternative;
        q = other;
      }
      if (answer.total > 0 && !answer.partial) break;
    }
  }
  if (answer.partial) notices.push(`没有同时包含“${input.q}”全部字词的政策，下面是只匹配了其中一部分的结果。`);
  // A page past the end (an old link, a typed URL): show the last page and say so.
  if (answer.pages > 0 && input.page > answer.pages) {
    notices.push(`第 ${input.page} 页超出范围，已显示最后一页（第 ${answer.pages} 页）。`);
    answer = await runQueries({ ...input, q, page: answer.pages }, onlyIds);
  }
  const { partial: _partial, ...rest } = answer;
  return { ...rest, notices };
}

async function runQueries(input: PolicySearchInput, onlyIds: string[] | undefined): Promise<Omit<Answer, "notices"> & { partial: boolean }> {
  const { main, facetQueries } = buildQueries(policyIndexUid(), input, onlyIds);
  // The query's terms with their synonyms, for the body passages (null: no query, no passage).
  const terms = input.q ? queryTerms(input.q).flat() : null;
  const { results } = (await meiliForSearch().multiSearch({ queries: [main, ...facetQueries] })) as MultiSearchResponse<PolicySearchDocument>;
  const [first, ...facetResults] = results as SearchResponse<PolicySearchDocument>[];
  const distribution: Record<string, Record<string, number>> = { ...first.facetDistribution };
  for (const r of facetResults) Object.assign(distribution, r.facetDistribution);
  const facets: Partial<Record<Facet, FacetCount[]>> = {};
  for (const facet of FACETS) {
    facets[facet] = Object.entries(distribution[facet] ?? {}).map(([value, count]) => ({ value, count }));
  }
  const total = first.totalHits ?? 0;
  return {
    hits: first.hits.map((h) => toHit(h, pinyinWords(input.q), terms)),
    total,
    page: first.page ?? input.page,
    pages: Math.ceil(total / PAGE_SIZE),
    facets,
    processingTimeMs: Math.max(first.processingTimeMs, ...facetResults.map((r) => r.processingTimeMs)),
    partial: first.hits.length > 0 && partialMatch(first.hits[0]),
  };
}

type Hit = SearchResponse<PolicySearchDocument>["hits"][number];

/** The best hit left out some of the query's words (Meilisearch drops words rather than find nothing). */
function partialMatch(hit: Hit): boolean {
  const words = (hit._rankingScoreDetails as { words?: { matchingWords: number; maxMatchingWords: number } } | undefined)?.words;
  return !!words && words.matchingWords < words.maxMatchingWords;
}

/**
 * A hit for the page. `pinyin`: the query's pinyin words, whose matches Meilisearch cannot mark
 * (they matched the hidden pinyin fields): the title and clause names get marks for the Chinese
 * characters they stand for, as for a Chinese query.
 */
function toHit(h: Hit, pinyin: string[], terms: string[] | null): PolicyHit {
  const f = (h._formatted ?? {}) as Partial<Record<keyof PolicySearchDocument, unknown>>;
  const summary = typeof f.summary === "string" ? f.summary : "";
  const matched = (s: string) => s.includes(MARK_START);
  const marked = (s: string) => s.split(MARK_START).slice(1).map((part) => part.split(MARK_END)[0]);
  // The body passage, cut here (Meilisearch does not format the full text, see meili-query.ts)
  // around the words Meilisearch marked anywhere in this hit, and the query's own terms with
  // their synonyms (which may match only in the body).
  const formatted = Object.values(f).flatMap((v) => (typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []));
  const bodyWords = terms ? [...new Set([...formatted.flatMap(marked), ...terms])] : [];
  const body = typeof h.text === "string" && bodyWords.length ? bodyPassage(h.text, bodyWords) : "";
  // The passage that shows more of the query's different words; the summary when they tie (also
  // when neither matched, e.g. an empty query).
  const words = (s: string) => new Set(marked(s)).size;
  const snippet = words(body) > words(summary) ? body : summary;
  const withPinyin = (s: string) => (pinyin.length ? markPinyin(s, pinyin) : s);
  const clauses = Array.isArray(f.clauseNames) ? (f.clauseNames as string[]).map(withPinyin).filter(matched).slice(0, 3) : [];
  return {
    id: h.id,
    title: withPinyin(typeof f.title === "string" ? f.title : h.title),
    docNumber: typeof f.docNumber === "string" ? f.docNumber : h.docNumber,
    issuer: typeof f.issuer === "string" ? f.issuer : h.issuer,
    level: h.level,
    status: h.status as SearchStatus,
    deliveries: h.deliveries,
    amountText: h.amountText,
    effectiveFrom: h.effectiveFrom,
    expiresOn: h.expiresOn,
    snippet,
    clauses,
    qualifies: null,
  };
}

/** About 80 characters of the body around its first match, marked; "" when nothing matches there. */
function bodyPassage(text: string, words: string[]): string {
  const found = words.some((w) => text.includes(w));
  return found ? mark(passage([text], words), words) : "";
}
