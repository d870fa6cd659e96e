import { AMOUNT_BANDS, DELIVERIES, FACETS, LEVELS, STATUSES, type Facet } from "./vocabulary";

/**
 * The search page's URL: what people can type or link to, read strictly. Shared by the loader
 * and the page (which builds the links for facets, sort and pages). Pure and browser-safe.
 */
export const FACET_PARAMS: Record<Facet, string> = {
  level: "level", issuers: "issuer", industries: "industry", deliveries: "mode", status: "status", amountBands: "amount",
};

export const FACET_LABELS: Record<Facet, string> = {
  level: "层级", issuers: "发文单位", industries: "适用行业", deliveries: "申享方式", status: "有效状态", amountBands: "扶持金额",
};

/** Facets whose values are a fixed list: anything else in the URL is ignored with a notice. */
const CLOSED: Partial<Record<Facet, readonly string[]>> = { level: LEVELS, status: STATUSES, deliveries: DELIVERIES, amountBands: AMOUNT_BANDS };

export const SORTS = { relevance: "相关度", newest: "最新发布", deadline: "截止日期临近" } as const;
export type SortKey = keyof typeof SORTS;

export const PAGE_SIZE = 10;
export const MAX_QUERY_LENGTH = 100;
export const MAX_PAGE = 1000;
const MAX_VALUES = 20;
const MAX_VALUE_LENGTH = 60;

export interface PolicySearchInput {
  q: string;
  filters: Record<Facet, string[]>;
  sort: SortKey;
  page: number;
  /** "只看我符合的" asked for (only honoured for enterprise users). */
  mine: boolean;
}

export interface ParsedSearch {
  input: PolicySearchInput;
  /** What was changed or left out, in words for the page. */
  notices: string[];
}

const CONTROL = /[\u0000-\u001f\u007f]/g;

export function parseSearchParams(params: URLSearchParams): ParsedSearch {
  const notices: string[] = [];
  let q = (params.get("q") ?? "").replace(CONTROL, " ").replace(/\s+/g, " ").trim();
  if ([...q].length > MAX_QUERY_LENGTH) {
    q = [...q].slice(0, MAX_QUERY_LENGTH).join("").trim();
    notices.push(`关键词较长，只按前 ${MAX_QUERY_LENGTH} 个字检索。`);
  }
  const filters = Object.fromEntries(FACETS.map((f) => [f, [] as string[]])) as Record<Facet, string[]>;
  const ignored: string[] = [];
  for (const facet of FACETS) {
    const values = [...new Set(params.getAll(FACET_PARAMS[facet]).map((v) => v.replace(CONTROL, "").trim()).filter(Boolean))];
    for (const value of values) {
      const closed = CLOSED[facet];
      if ((closed && !closed.includes(value)) || value.length > MAX_VALUE_LENGTH || filters[facet].length >= MAX_VALUES) ignored.push(value);
      else filters[facet].push(value);
    }
  }
  if (ignored.length) notices.push(`已忽略无法识别的筛选条件：${ignored.map((v) => `“${v.slice(0, 20)}”`).join("、")}。`);
  const sortParam = params.get("sort") ?? "";
  const sort: SortKey = Object.hasOwn(SORTS, sortParam) ? (sortParam as SortKey) : "relevance";
  const pageText = params.get("page") ?? "1";
  let page = /^\d{1,9}$/.test(pageText) ? Number(pageText) : 1;
  if (page < 1) page = 1;
  if (page > MAX_PAGE) page = MAX_PAGE;
  return { input: { q, filters, sort, page, mine: params.get("mine") === "1" }, notices };
}

export function hasFilters(input: PolicySearchInput): boolean {
  return FACETS.some((f) => input.filters[f].length > 0);
}

/**
 * The URL of the page with some parameters changed. Any change other than the page number goes
 * back to page 1 (a new result set starts at its beginning).
 */
export function searchHref(current: URLSearchParams, change: { set?: Record<string, string | null>; toggle?: [Facet, string]; clearFilters?: boolean; page?: number }): string {
  const next = new URLSearchParams(current);
  next.delete("page");
  for (const [key, value] of Object.entries(change.set ?? {})) {
    if (value === null || value === "") next.delete(key);
    else next.set(key, value);
  }
  if (change.toggle) {
    const [facet, value] = change.toggle;
    const key = FACET_PARAMS[facet];
    const values = next.getAll(key);
    next.delete(key);
    for (const v of values.includes(value) ? values.filter((v) => v !== value) : [...values, value]) next.append(key, v);
  }
  if (change.clearFilters) for (const facet of FACETS) next.delete(FACET_PARAMS[facet]);
  if (change.page && change.page > 1) next.set("page", String(change.page));
  const query = next.toString();
  return query ? `?${query}` : "?";
}
