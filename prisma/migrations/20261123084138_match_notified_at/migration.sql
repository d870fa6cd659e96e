-- DropIndex
DROP INDEX "MatchRecord_companyId_status_idx";

-- AlterTable
ALTER TABLE "MatchRecord" ADD COLUMN "notifiedAt" DATETIME;

-- Backfill: until now a 免申即享 notice was one outbox message per (company, clause version),
-- keyed "companyId:clauseId"; the versions already told are marked so they are never told again.
UPDATE "MatchRecord" SET "notifiedAt" = (
    SELECT o."createdAt" FROM "OutboxMessage" o
    WHERE o."topic" = 'match.notify' AND o."key" = "MatchRecord"."companyId" || ':' || "MatchRecord"."clauseId"
) WHERE "response" IS NOT NULL AND "notifiedAt" IS NULL;
