import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import { TEXT_MATCH_CAP } from "./queue-filters";

/**
 * A queue searched by words: cases whose title, or whose company's name, contains them. Read in the
 * queue's own order, a rare word makes SQLite visit every case row in scope (~500 ms for a
 * district's 115,000). Both texts sit in the scope's (…, title, companyName, createdAt, id) index
 * (Case.companyName is kept in step with Company.name), so the matches come from one pass over
 * index entries, never the rows, whatever the word; they are sorted here in the queue's order.
 * A word that matches more than TEXT_MATCH_CAP cases ("有限") is common enough that the queue's own
 * order finds a page of matches after a few rows: then the page is read that way instead.
 */
export type QueueOrder = "deadline" | "newest";

interface Match {
  id: string;
  createdAt: Date;
  stageDeadline?: Date | null;
}

/** The condition itself, for the ORM's other reads (export, the page of a common word). */
export const wordsWhere = (q: string): Prisma.CaseWhereInput => ({ OR: [{ title: { contains: q } }, { companyName: { contains: q } }] });

/**
 * Ids of the matching cases in queue order, or `capped` (without ids) when there are more than
 * TEXT_MATCH_CAP of them.
 */
export async function textMatches(
  where: Prisma.CaseWhereInput, q: string, order: QueueOrder, cap = TEXT_MATCH_CAP,
): Promise<{ ids: string[]; capped: false } | { capped: true }> {
  // Ordered by the column the index leads with after the scope: with `take` and no order the ORM
  // sorts by id, which makes SQLite walk the rows instead of the index.
  const found = await prisma.case.findMany({
    where: { AND: [where, wordsWhere(q)] },
    // stageDeadline is not in the index: fetched (a row read per match) only when the order needs it.
    select: { id: true, createdAt: true, stageDeadline: order === "deadline" },
    orderBy: [{ open: "asc" }, { title: "asc" }, { companyName: "asc" }],
    take: cap + 1,
  });
  if (found.length > cap) return { capped: true };
  return { ids: found.sort(order === "newest" ? newestFirst : deadlineFirst).map((m) => m.id), capped: false };
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
