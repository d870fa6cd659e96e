-- CreateTable
CREATE TABLE "Policy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "currentVersionId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Policy_currentVersionId_fkey" FOREIGN KEY ("currentVersionId") REFERENCES "PolicyVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "policyId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "docNumber" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "publishedOn" TEXT NOT NULL,
    "effectiveFrom" TEXT NOT NULL,
    "expiresOn" TEXT,
    "document" TEXT NOT NULL,
    "authorId" TEXT,
    "submittedAt" DATETIME,
    "reviewerId" TEXT,
    "approvedAt" DATETIME,
    "publisherId" TEXT,
    "publishedAt" DATETIME,
    "retiredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PolicyVersion_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Policy" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PolicyClause" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "delivery" TEXT NOT NULL,
    "exclusiveGroup" TEXT,
    "conditions" TEXT NOT NULL,
    "benefit" TEXT NOT NULL,
    CONSTRAINT "PolicyClause_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PolicyVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PolicyEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "versionId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "comment" TEXT,
    CONSTRAINT "PolicyEvent_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PolicyVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Policy_currentVersionId_key" ON "Policy"("currentVersionId");

-- CreateIndex
CREATE INDEX "PolicyVersion_status_effectiveFrom_idx" ON "PolicyVersion"("status", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_policyId_number_key" ON "PolicyVersion"("policyId", "number");

-- CreateIndex
CREATE INDEX "PolicyClause_exclusiveGroup_idx" ON "PolicyClause"("exclusiveGroup");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyClause_versionId_key_key" ON "PolicyClause"("versionId", "key");

-- CreateIndex
CREATE INDEX "PolicyEvent_versionId_at_idx" ON "PolicyEvent"("versionId", "at");
