-- CreateTable
CREATE TABLE "MatchResult" (
    "companyId" TEXT NOT NULL PRIMARY KEY,
    "outcomes" TEXT NOT NULL,
    "facts" TEXT NOT NULL,
    "evaluatedOn" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- Outcomes move from one MatchRecord per (company, clause) to one MatchResult per company
-- (decision 024). Each company's records become its outcomes, with the facts of its latest record.
INSERT INTO "MatchResult" ("companyId", "outcomes", "facts", "evaluatedOn", "updatedAt")
SELECT m."companyId",
  json_group_array(json_array(m."clauseId", substr(m."status", 1, 1), m."amount", m."excludedBy",
    CAST(round((julianday(m."firstQualifiedAt") - 2440587.5) * 86400000) AS INTEGER), CASE WHEN m."notifiedAt" IS NULL THEN 0 ELSE 1 END)),
  COALESCE((SELECT f."facts" FROM "MatchRecord" r JOIN "FactSnapshot" f ON f."id" = r."snapshotId"
    WHERE r."companyId" = m."companyId" ORDER BY r."updatedAt" DESC LIMIT 1), '{}'),
  MAX(m."evaluatedOn"), MAX(m."updatedAt")
FROM "MatchRecord" m GROUP BY m."companyId";

-- A record stays only where the company has acted on the outcome: answered a 免申即享 push, applied
-- for a 申报 clause, or has a payout pointing at it.
DELETE FROM "MatchRecord"
WHERE COALESCE("response", 'PENDING') = 'PENDING'
  AND NOT EXISTS (SELECT 1 FROM "Application" a WHERE a."companyId" = "MatchRecord"."companyId" AND a."clauseId" = "MatchRecord"."clauseId")
  AND NOT EXISTS (SELECT 1 FROM "Payout" p WHERE p."matchId" = "MatchRecord"."id");
UPDATE "MatchRecord" SET "response" = NULL WHERE "response" = 'PENDING';
DELETE FROM "FactSnapshot" WHERE "id" NOT IN (SELECT "snapshotId" FROM "MatchRecord");
