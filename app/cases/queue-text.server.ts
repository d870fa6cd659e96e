import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import { selectWhere } from "~/utils/plain-sql.server";
import { sqliteValue } from "~/utils/sqlite-value";
import { wordCandidates } from "./case-words.server";
import { TEXT_MATCH_CAP } from "./queue-filters";

/**
 * A queue searched by words: cases whose title, or whose company's name, contains them.
 * - A word the substring index (case-words.server.ts) narrows to at most TEXT_MATCH_CAP cases of the
 *   scope's district, street or department (or of the city): those cases are read by number and confirmed
 *   with the same WHERE. A district's rare word (建设: 718 of 114,000 cases) costs ~5 ms, not ~55.
 * - Otherwise one pass over the scope's (…, title, companyName, createdAt, id) index entries, never
 *   the rows (Case.companyName is kept in step with Company.name), whatever the word.
 * - A word that matches more than TEXT_MATCH_CAP cases ("有限") is common enough that the queue's own
 *   order finds a page of matches after a few rows: then the page is read that way instead.
 * Matches are sorted here in the queue's order, read as plain rows (plain-sql.server.ts): through
 * the ORM, 5,000 of them cost 45 ms of object building on top of SQLite's 5.
 */
export type QueueOrder = "deadline" | "newest";

/** The table's own columns, for statements written from a `where` (plain-sql.server.ts). */
export const CASE_COLUMNS: ReadonlySet<string> = new Set(Object.values(Prisma.CaseScalarFieldEnum));

/** The scope index's order after its scope columns (Case_…_open_title_companyName_createdAt_id_idx). */
const INDEX_ORDER = [["open", "asc"], ["title", "asc"], ["companyName", "asc"]] as const;

/** id, then the order's key in ms since the epoch (-Infinity for no deadline). */
type Match = [id: string, key: number];

/** The condition itself, for the ORM's other reads (export, the page of a common word). */
export const wordsWhere = (q: string): Prisma.CaseWhereInput => ({ OR: [{ title: { contains: q } }, { companyName: { contains: q } }] });

/**
 * Ids of the matching cases in queue order, or `capped` (without ids) when there are more than
 * TEXT_MATCH_CAP of them.
 */
export async function textMatches(
  where: Prisma.CaseWhereInput, q: string, order: QueueOrder, cap = TEXT_MATCH_CAP,
): Promise<{ ids: string[]; capped: false } | { capped: true }> {
  // stageDeadline is not in the scope index: read (a row per match) only when the order needs it.
  const key = order === "deadline" ? "stageDeadline" : "createdAt";
  const full: Prisma.CaseWhereInput = { AND: [where, wordsWhere(q)] };
  // The substring index narrows a rare word to a few cases, confirmed by the same WHERE. With more
  // candidates than the cap the word may still have fewer matches: only the scan can tell.
  const candidates = await wordCandidates(q, where, cap + 1);
  const narrowed = candidates && candidates.length <= cap;
  const rows = await selectWhere(
    "Case", CASE_COLUMNS, full as Record<string, unknown>,
    narrowed
      ? { select: ["id", key], orderBy: [], limit: cap + 1, also: { sql: `"number" IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(candidates)] } }
      // Ordered by the column the index leads with after the scope: with `take` and no order the
      // ORM sorts by id, which makes SQLite walk the rows instead of the index.
      : { select: ["id", key], orderBy: INDEX_ORDER, limit: cap + 1 },
    async () => (await prisma.case.findMany({
      where: narrowed ? { AND: [full, { number: { in: candidates } }] } : full,
      select: { id: true, [key]: true }, orderBy: INDEX_ORDER.map(([column, direction]) => ({ [column]: direction })), take: cap + 1,
    })).map((r) => [r.id, sqliteValue((r as Record<string, unknown>)[key])]),
  );
  if (rows.length > cap) return { capped: true };
  const matches = rows.map(([id, at]): Match => [id as string, at === null ? -Infinity : Date.parse(at as string)]);
  return { ids: matches.sort(order === "newest" ? newestFirst : deadlineFirst).map((m) => m[0]), capped: false };
}

// The queue's SQL orders: createdAt DESC, id DESC; stageDeadline ASC with NULL first (as SQLite sorts it), id ASC.
const byId = (a: Match, b: Match) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
const newestFirst = (a: Match, b: Match) => b[1] - a[1] || -byId(a, b);
const deadlineFirst = (a: Match, b: Match) => (a[1] === b[1] ? byId(a, b) : a[1] < b[1] ? -1 : 1);
