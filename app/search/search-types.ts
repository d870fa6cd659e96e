import type { PolicySearchInput } from "./search-params";
import type { Facet, SearchStatus } from "./vocabulary";

/** What the search page receives, whichever engine answered. Browser-safe. */

/** Highlighted text carries these around each match; the page turns them into <mark>. */
export const MARK_START = "\u0001";
export const MARK_END = "\u0002";

export interface PolicyHit {
  id: string;
  title: string;
  docNumber: string;
  issuer: string;
  level: string;
  status: SearchStatus;
  deliveries: string[];
  amountText: string;
  effectiveFrom: string;
  expiresOn: string | null;
  /** A passage of the summary or text around the match (the summary's start without a query). */
  snippet: string;
  /** Clause names that matched the query. */
  clauses: string[];
  /** For enterprise users: whether their company qualifies (from match records). */
  qualifies: boolean | null;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface PolicySearchResult {
  mode: "meili" | "database";
  /** Why the database answered: Meilisearch down, or its index not built yet. */
  degraded: null | "unavailable" | "indexing";
  input: PolicySearchInput;
  notices: string[];
  hits: PolicyHit[];
  total: number;
  page: number;
  pages: number;
  /** Counts per facet value; a facet the answering engine cannot count is absent. */
  facets: Partial<Record<Facet, FacetCount[]>>;
  processingTimeMs: number | null;
  /** Answered from the results cache (search-cache.server.ts); processingTimeMs is then the original's. */
  cached: boolean;
  mine: { offered: boolean; active: boolean; qualifiedCount: number };
}
