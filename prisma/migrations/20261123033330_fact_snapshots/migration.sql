-- CreateTable
CREATE TABLE "FactSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "facts" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_MatchRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "clauseId" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "amount" REAL,
    "excludedBy" TEXT,
    "reason" TEXT,
    "snapshotId" TEXT NOT NULL,
    "evaluatedOn" TEXT NOT NULL,
    "firstQualifiedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "response" TEXT,
    "respondedAt" DATETIME,
    "account" TEXT,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_MatchRecord" ("account", "amount", "clauseId", "companyId", "evaluatedOn", "excludedBy", "firstQualifiedAt", "id", "policyId", "reason", "respondedAt", "response", "status", "updatedAt", "versionId") SELECT "account", "amount", "clauseId", "companyId", "evaluatedOn", "excludedBy", "firstQualifiedAt", "id", "policyId", "reason", "respondedAt", "response", "status", "updatedAt", "versionId" FROM "MatchRecord";
DROP TABLE "MatchRecord";
ALTER TABLE "new_MatchRecord" RENAME TO "MatchRecord";
CREATE INDEX "MatchRecord_clauseId_status_idx" ON "MatchRecord"("clauseId", "status");
CREATE INDEX "MatchRecord_policyId_status_idx" ON "MatchRecord"("policyId", "status");
CREATE INDEX "MatchRecord_companyId_status_idx" ON "MatchRecord"("companyId", "status");
CREATE UNIQUE INDEX "MatchRecord_companyId_clauseId_key" ON "MatchRecord"("companyId", "clauseId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
