-- CreateTable
CREATE TABLE "MatchPending" (
    "companyId" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL,
    "amount" REAL NOT NULL,
    "since" DATETIME NOT NULL,
    CONSTRAINT "MatchPending_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "MatchPending_since_amount_companyId_idx" ON "MatchPending"("since", "amount", "companyId");

-- The companies with pending records already there (from here on the code that writes records keeps them).
INSERT INTO "MatchPending" ("companyId", "count", "amount", "since")
SELECT "companyId", COUNT(*), SUM(COALESCE("amount", 0)), MIN("firstQualifiedAt") FROM "MatchRecord"
WHERE "response" = 'PENDING' AND "status" = 'QUALIFIED' AND "companyId" IN (SELECT "id" FROM "Company")
GROUP BY "companyId";
