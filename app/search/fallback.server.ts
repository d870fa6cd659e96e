import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { readPolicyFile } from "~/policies/policy-file";
import { statusOf, toSearchDocument } from "./policy-document";
import { queryTerms } from "./query-terms";
import { PAGE_SIZE, type PolicySearchInput } from "./search-params";
import { MARK_END, MARK_START, type FacetCount, type PolicyHit } from "./search-types";
import { STATUSES, type Facet } from "./vocabulary";

/**
 * The basic database search used while Meilisearch is down or its index is not built: every term
 * (or one of its synonyms) must occur in the policy file; title matches first, then policies in
 * force, then newest. It counts the facets it can read from listing columns and clause rows
 * (level, issuer, mode, status); industry and amount filters need the index and are set aside.
 */
const DB_FACETS = ["level", "issuers", "deliveries", "status"] as const satisfies readonly Facet[];
type DbFacet = (typeof DB_FACETS)[number];

export interface DatabaseAnswer {
  hits: PolicyHit[];
  total: number;
  page: number;
  pages: number;
  facets: Partial<Record<Facet, FacetCount[]>>;
  notices: string[];
}

export async function searchDatabase(input: PolicySearchInput, options: { today: string; onlyIds?: readonly string[] }): Promise<DatabaseAnswer> {
  const notices: string[] = [];
  if (input.filters.industries.length || input.filters.amountBands.length) {
    notices.push("基础检索暂不支持按适用行业、扶持金额筛选，已暂时忽略这两项条件。");
  }
  const terms = queryTerms(input.q);
  const and: Prisma.PolicyVersionWhereInput[] = [
    // The public version of each policy: the one in force, or the retired one of a retired policy.
    { OR: [{ status: "PUBLISHED" }, { status: "RETIRED", policy: { currentVersionId: null } }] },
    ...terms.map((alternatives) => ({ OR: alternatives.map((t) => ({ document: { contains: t } })) })),
  ];
  if (options.onlyIds) and.push({ policyId: { in: [...options.onlyIds] } });
  const where: Prisma.PolicyVersionWhereInput = { AND: and };
  const rows = await prisma.policyVersion.findMany({
    where,
    orderBy: { number: "desc" },
    select: { id: true, policyId: true, status: true, title: true, level: true, issuer: true, publishedOn: true, effectiveFrom: true, expiresOn: true },
  });
  // By a join rather than an IN list of every matching version (SQLite limits query parameters).
  const modes = new Map<string, Set<string>>();
  for (const c of await prisma.policyClause.findMany({ where: { version: where }, distinct: ["versionId", "delivery"], select: { versionId: true, delivery: true } })) {
    modes.set(c.versionId, (modes.get(c.versionId) ?? new Set()).add(c.delivery));
  }
  const seen = new Set<string>();
  const policies = rows
    .filter((r) => !seen.has(r.policyId) && seen.add(r.policyId))
    .map((r) => {
      const status = statusOf({ versionStatus: r.status, effectiveFrom: r.effectiveFrom, expiresOn: r.expiresOn }, options.today);
      const values: Record<DbFacet, string[]> = {
        level: [r.level],
        issuers: r.issuer.split(/\s+/).filter(Boolean),
        deliveries: [...(modes.get(r.id) ?? [])],
        status: [status],
      };
      const titleTerms = terms.filter((alts) => alts.some((t) => r.title.includes(t))).length;
      return { row: r, status, values, titleTerms };
    });

  const passes = (p: (typeof policies)[number], except?: DbFacet) =>
    DB_FACETS.every((f) => f === except || !input.filters[f].length || p.values[f].some((v) => input.filters[f].includes(v)));
  const matching = policies.filter((p) => passes(p));

  const facets: Partial<Record<Facet, FacetCount[]>> = {};
  for (const facet of DB_FACETS) {
    const counts = new Map<string, number>();
    for (const p of policies) if (passes(p, facet)) for (const v of p.values[facet]) counts.set(v, (counts.get(v) ?? 0) + 1);
    facets[facet] = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, "zh-CN"));
  }

  const rank = (s: string) => STATUSES.indexOf(s as (typeof STATUSES)[number]);
  const newest = (a: (typeof matching)[number], b: (typeof matching)[number]) => b.row.publishedOn.localeCompare(a.row.publishedOn) || a.row.policyId.localeCompare(b.row.policyId);
  matching.sort(
    input.sort === "newest" ? newest
    : input.sort === "deadline" ? (a, b) => rank(a.status) - rank(b.status) || (a.row.expiresOn ?? "9999").localeCompare(b.row.expiresOn ?? "9999") || newest(a, b)
    : (a, b) => b.titleTerms - a.titleTerms || rank(a.status) - rank(b.status) || newest(a, b),
  );

  const total = matching.length;
  const pages = Math.ceil(total / PAGE_SIZE);
  const page = pages && input.page > pages ? pages : input.page;
  if (page !== input.page) notices.push(`第 ${input.page} 页超出范围，已显示最后一页（第 ${page} 页）。`);
  const slice = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const documents = new Map(
    (await prisma.policyVersion.findMany({ where: { id: { in: slice.map((p) => p.row.id) } }, select: { id: true, document: true } })).map((d) => [d.id, d.document]),
  );
  const words = terms.flat();
  const hits: PolicyHit[] = slice.map(({ row, status }) => {
    const policy = readPolicyFile(documents.get(row.id) ?? "").policy;
    const doc = policy ? toSearchDocument({ policyId: row.policyId, versionId: row.id, versionStatus: row.status as "PUBLISHED" | "RETIRED", policy }, options.today) : null;
    return {
      id: row.policyId,
      title: mark(row.title, words),
      docNumber: doc?.docNumber ?? "",
      issuer: row.issuer,
      level: row.level,
      status,
      deliveries: doc?.deliveries ?? [],
      amountText: doc?.amountText ?? "",
      effectiveFrom: row.effectiveFrom,
      expiresOn: row.expiresOn,
      snippet: doc ? mark(passage([doc.summary, doc.text], words), words) : "",
      clauses: doc ? doc.clauseNames.filter((c) => words.some((w) => c.includes(w))).slice(0, 3).map((c) => mark(c, words)) : [],
      qualifies: null,
    };
  });
  return { hits, total, page, pages, facets, notices };
}

/** About 80 characters around the first match in the first text that has one. */
export function passage(texts: string[], words: string[]): string {
  for (const text of texts) {
    const at = Math.min(...words.map((w) => text.indexOf(w)).filter((i) => i >= 0));
    if (Number.isFinite(at)) {
      const start = Math.max(0, at - 30);
      return `${start > 0 ? "…" : ""}${text.slice(start, start + 80)}${start + 80 < text.length ? "…" : ""}`;
    }
  }
  const first = texts[0] ?? "";
  return first.length > 80 ? `${first.slice(0, 80)}…` : first;
}

/** Puts the highlight markers around every occurrence of the words (longest first). */
export function mark(text: string, words: string[]): string {
  const sorted = [...new Set(words)].filter(Boolean).sort((a, b) => b.length - a.length);
  if (!sorted.length) return text;
  const escaped = sorted.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return text.replace(new RegExp(escaped.join("|"), "g"), (m) => `${MARK_START}${m}${MARK_END}`);
}
