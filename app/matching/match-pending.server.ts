import { Prisma } from "~/generated/prisma/client";

/**
 * MatchPending (待领取 by company) recounted from the match records of the companies with ids from
 * `first` to `last`: the statements to run, in order, in the transaction that changed those
 * records. Recounting from the records (not adding deltas) keeps the table exact whatever the
 * change, and costs a range of the (response, status, companyId) index. (Records of a company
 * deleted since are left out: the row would break its foreign key.) Prisma's tagged SQL,
 * so the same text runs on PostgreSQL; match-store.server.ts runs its `.sql` and `.values` as
 * prepared statements on the SQLite connection.
 */
export function pendingRecount(first: string, last: string): Prisma.Sql[] {
  return [
    Prisma.sql`DELETE FROM "MatchPending" WHERE "companyId" >= ${first} AND "companyId" <= ${last}`,
    Prisma.sql`INSERT INTO "MatchPending" ("companyId", "count", "amount", "since")
      SELECT "companyId", COUNT(*), SUM(COALESCE("amount", 0)), MIN("firstQualifiedAt") FROM "MatchRecord"
      WHERE "response" = 'PENDING' AND "status" = 'QUALIFIED' AND "companyId" >= ${first} AND "companyId" <= ${last}
        AND EXISTS (SELECT 1 FROM "Company" c WHERE c."id" = "MatchRecord"."companyId")
      GROUP BY "companyId"`,
  ];
}
