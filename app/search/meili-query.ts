import type { SearchParams } from "meilisearch";
import { PAGE_SIZE, type PolicySearchInput, type SortKey } from "./search-params";
import { MATCHING_STRATEGY } from "./policy-index-settings";
import { MARK_END, MARK_START } from "./search-types";
import { FACETS, type Facet } from "./vocabulary";

/**
 * Meilisearch queries built from a parsed search. Attribute names come from our constants only;
 * every value a user could have typed goes through filterValue, never straight into the filter.
 */
export function filterValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** `issuers IN ["郑州市人民政府", "河南省财政厅"]`: values of one facet are alternatives. */
export function anyOf(attribute: string, values: readonly string[]): string {
  return `${attribute} IN [${values.map(filterValue).join(", ")}]`;
}

const POLICY_ID = /^[a-z0-9-]{1,100}$/;

/**
 * The filter for a search: facets are ANDed, values within a facet ORed. `except` leaves one
 * facet out, for counting that facet's other values (disjunctive facets). `onlyIds` restricts to
 * the company's qualifying policies; ids that are not shaped like policy ids are dropped.
 */
export function buildFilter(input: PolicySearchInput, options: { onlyIds?: readonly string[]; except?: Facet } = {}): string[] {
  const filter: string[] = [];
  for (const facet of FACETS) {
    if (facet === options.except || !input.filters[facet].length) continue;
    filter.push(anyOf(facet, input.filters[facet]));
  }
  if (options.onlyIds) {
    const ids = options.onlyIds.filter((id) => POLICY_ID.test(id));
    // An empty IN [] is valid and matches nothing: a company with no match gets no results.
    filter.push(anyOf("id", ids));
  }
  return filter;
}

export const SORT_RULES: Record<SortKey, string[] | undefined> = {
  relevance: undefined,
  newest: ["publishedOnNum:desc"],
  // Soonest deadline among policies still open; those without one (长期) last, then the rest.
  deadline: ["statusRank:asc", "expiresOnNum:asc"],
};

// Not the full text: marking it (every hit's whole body tokenized again) was ~40% of Meilisearch's
// time per search (15.6 → 9.4 ms CPU, measured over the benchmark's queries on 10,000 policies).
// The body passage is cut and marked by the portal instead (policy-search.server.ts).
const HIGHLIGHTED = ["title", "docNumber", "issuer", "clauseNames", "summary"];

export interface PolicyQueries {
  main: SearchParams & { indexUid: string; q: string };
  /** One count-only query per facet that has a selection (its other values keep their counts). */
  facetQueries: (SearchParams & { indexUid: string; q: string })[];
}

export function buildQueries(indexUid: string, input: PolicySearchInput, onlyIds?: readonly string[]): PolicyQueries {
  const selected = FACETS.filter((f) => input.filters[f].length);
  const common = { indexUid, q: input.q, locales: ["cmn" as const], matchingStrategy: MATCHING_STRATEGY };
  return {
    main: {
      ...common,
      filter: buildFilter(input, { onlyIds }),
      sort: SORT_RULES[input.sort],
      page: input.page,
      hitsPerPage: PAGE_SIZE,
      facets: FACETS.filter((f) => !selected.includes(f)),
      attributesToRetrieve: ["id", "title", "docNumber", "issuer", "level", "status", "deliveries", "amountText", "effectiveFrom", "expiresOn", ...(input.q ? ["text"] : [])],
      // Without a query there is nothing to mark, and the page shows the summary's start: cropping
      // only that saves Meilisearch a third of its work on the most common search (measured).
      attributesToHighlight: input.q ? HIGHLIGHTED : [],
      attributesToCrop: ["summary"],
      cropLength: 50,
      cropMarker: "…",
      highlightPreTag: MARK_START,
      highlightPostTag: MARK_END,
      // To tell whether even the best hit matched every word of the query (see partialMatch).
      showRankingScoreDetails: true,
    },
    facetQueries: selected.map((facet) => ({ ...common, filter: buildFilter(input, { onlyIds, except: facet }), facets: [facet], hitsPerPage: 0 })),
  };
}
