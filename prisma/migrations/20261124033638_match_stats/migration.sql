-- CreateTable
CREATE TABLE "MatchStat" (
    "clauseId" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "amount" REAL NOT NULL,

    PRIMARY KEY ("clauseId", "status", "response")
);

-- The counts of the records already there (from here on the code that writes records keeps them).
INSERT INTO "MatchStat" ("clauseId", "policyId", "status", "response", "count", "amount")
SELECT "clauseId", MIN("policyId"), "status", COALESCE("response", ''), COUNT(*), COALESCE(SUM("amount"), 0)
FROM "MatchRecord" GROUP BY "clauseId", "status", COALESCE("response", '');
