import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import { TEXT_MATCH_CAP } from "./queue-filters";

/**
 * A queue searched by words: cases whose title, or whose company's name, contains them. As one
 * query ("title LIKE … OR company.name LIKE …") it reads every case row in scope, ~500 ms for a
 * district's 115,000 cases. Split, each half reads an index alone: titles from the scope's
 * (…, title, createdAt, id) entries, company names from the Company name index and then those
 * companies' cases. The two id lists are merged here, in the queue's order.
 */
/** Company names shared by more companies than this ("公司", "有限") are searched the slow way. */
const COMPANY_CAP = 2_000;

export type QueueOrder = "deadline" | "newest";

interface Match {
  id: string;
  createdAt: Date;
  stageDeadline: Date | null;
}

/** Ids of the matching cases in queue order, at most TEXT_MATCH_CAP (`capped` says when there were more). */
export async function textMatches(where: Prisma.CaseWhereInput, q: string, order: QueueOrder): Promise<{ ids: string[]; capped: boolean }> {
  // Each ordered by the column its index leads with: with `take` and no order the ORM sorts by id,
  // which makes SQLite walk the rows instead of the index.
  const companies = await prisma.company.findMany({ where: { name: { contains: q } }, select: { id: true }, orderBy: { name: "asc" }, take: COMPANY_CAP + 1 });
  const select = { id: true, createdAt: true, stageDeadline: true } as const;
  const find = (match: Prisma.CaseWhereInput, orderBy: Prisma.CaseOrderByWithRelationInput) =>
    prisma.case.findMany({ where: { AND: [where, match] }, select, orderBy, take: TEXT_MATCH_CAP + 1 });
  const ofCompanies =
    companies.length > COMPANY_CAP ? find({ company: { name: { contains: q } } }, { id: "asc" })
    : companies.length ? find({ companyId: { in: companies.map((c) => c.id) } }, { companyId: "asc" })
    : Promise.resolve([] as Match[]);
  const [byTitle, byCompany] = await Promise.all([find({ title: { contains: q } }, { title: "asc" }), ofCompanies]);
  const all = new Map<string, Match>();
  for (const m of [...byTitle, ...byCompany]) all.set(m.id, m);
  const sorted = [...all.values()].sort(order === "newest" ? newestFirst : deadlineFirst);
  const capped = byTitle.length > TEXT_MATCH_CAP || byCompany.length > TEXT_MATCH_CAP || sorted.length > TEXT_MATCH_CAP;
  return { ids: sorted.slice(0, TEXT_MATCH_CAP).map((m) => m.id), capped };
}

// The queue's SQL orders: createdAt DESC, id DESC; stageDeadline ASC with NULL first (as SQLite sorts it), id ASC.
const byId = (a: Match, b: Match) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
function newestFirst(a: Match, b: Match): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || -byId(a, b);
}
function deadlineFirst(a: Match, b: Match): number {
  const x = a.stageDeadline?.getTime() ?? -Infinity;
  const y = b.stageDeadline?.getTime() ?? -Infinity;
  return x === y ? byId(a, b) : x < y ? -1 : 1;
}
