-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Case" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "submissionKey" TEXT,
    "source" TEXT NOT NULL,
    "companyId" TEXT,
    "gridId" TEXT,
    "handlerGridId" TEXT,
    "districtId" TEXT,
    "streetId" TEXT,
    "level" TEXT NOT NULL DEFAULT 'GRID',
    "categoryCode" TEXT NOT NULL,
    "suggestedCode" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "urgency" TEXT NOT NULL DEFAULT 'NORMAL',
    "contactName" TEXT NOT NULL,
    "contactPhone" TEXT NOT NULL,
    "contactEmail" TEXT,
    "address" TEXT,
    "latitude" REAL,
    "longitude" REAL,
    "status" TEXT NOT NULL DEFAULT 'SUBMITTED',
    "open" BOOLEAN NOT NULL DEFAULT true,
    "resumeStatus" TEXT,
    "assigneeDeptId" TEXT,
    "assigneeUserId" TEXT,
    "stageDeadline" DATETIME,
    "extendedDays" INTEGER NOT NULL DEFAULT 0,
    "pendingExtension" TEXT,
    "supervisedAt" DATETIME,
    "supervisedById" TEXT,
    "filedById" TEXT,
    "closedAt" DATETIME,
    "rating" INTEGER,
    "ratingComment" TEXT,
    "ratedAt" DATETIME,
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Case_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Each grid's district and street (its ancestors at depth 1 and 2, itself included), for the new columns.
CREATE TEMP TABLE "_CaseScope" AS SELECT g."id" AS "gridId",
  (SELECT d."id" FROM "GridNode" d WHERE d."depth" = 1 AND substr(g."path", 1, length(d."path")) = d."path") AS "districtId",
  (SELECT s."id" FROM "GridNode" s WHERE s."depth" = 2 AND substr(g."path", 1, length(s."path")) = s."path") AS "streetId"
FROM "GridNode" g;
CREATE UNIQUE INDEX "_CaseScope_gridId" ON "_CaseScope"("gridId");
INSERT INTO "new_Case" ("address", "assigneeDeptId", "assigneeUserId", "categoryCode", "closedAt", "companyId", "contactEmail", "contactName", "contactPhone", "createdAt", "description", "extendedDays", "filedById", "gridId", "handlerGridId", "id", "latitude", "level", "longitude", "number", "pendingExtension", "ratedAt", "rating", "ratingComment", "reopenCount", "resumeStatus", "source", "stageDeadline", "status", "submissionKey", "suggestedCode", "supervisedAt", "supervisedById", "title", "updatedAt", "urgency", "districtId", "streetId", "open") SELECT "address", "assigneeDeptId", "assigneeUserId", "categoryCode", "closedAt", "companyId", "contactEmail", "contactName", "contactPhone", "createdAt", "description", "extendedDays", "filedById", "gridId", "handlerGridId", "id", "latitude", "level", "longitude", "number", "pendingExtension", "ratedAt", "rating", "ratingComment", "reopenCount", "resumeStatus", "source", "stageDeadline", "status", "submissionKey", "suggestedCode", "supervisedAt", "supervisedById", "title", "updatedAt", "urgency", (SELECT "districtId" FROM "_CaseScope" x WHERE x."gridId" = "Case"."gridId"), (SELECT "streetId" FROM "_CaseScope" x WHERE x."gridId" = "Case"."gridId"), "status" NOT IN ('CLOSED', 'REFUSED') FROM "Case";
DROP TABLE "_CaseScope";
DROP TABLE "Case";
ALTER TABLE "new_Case" RENAME TO "Case";
CREATE UNIQUE INDEX "Case_number_key" ON "Case"("number");
CREATE UNIQUE INDEX "Case_submissionKey_key" ON "Case"("submissionKey");
CREATE INDEX "Case_districtId_open_stageDeadline_id_idx" ON "Case"("districtId", "open", "stageDeadline", "id");
CREATE INDEX "Case_districtId_open_createdAt_id_idx" ON "Case"("districtId", "open", "createdAt", "id");
CREATE INDEX "Case_districtId_createdAt_id_idx" ON "Case"("districtId", "createdAt", "id");
CREATE INDEX "Case_districtId_categoryCode_createdAt_id_idx" ON "Case"("districtId", "categoryCode", "createdAt", "id");
CREATE INDEX "Case_streetId_open_stageDeadline_id_idx" ON "Case"("streetId", "open", "stageDeadline", "id");
CREATE INDEX "Case_streetId_open_createdAt_id_idx" ON "Case"("streetId", "open", "createdAt", "id");
CREATE INDEX "Case_streetId_createdAt_id_idx" ON "Case"("streetId", "createdAt", "id");
CREATE INDEX "Case_streetId_categoryCode_createdAt_id_idx" ON "Case"("streetId", "categoryCode", "createdAt", "id");
CREATE INDEX "Case_gridId_status_stageDeadline_idx" ON "Case"("gridId", "status", "stageDeadline");
CREATE INDEX "Case_gridId_status_createdAt_id_idx" ON "Case"("gridId", "status", "createdAt", "id");
CREATE INDEX "Case_gridId_categoryCode_createdAt_id_idx" ON "Case"("gridId", "categoryCode", "createdAt", "id");
CREATE INDEX "Case_handlerGridId_status_stageDeadline_idx" ON "Case"("handlerGridId", "status", "stageDeadline");
CREATE INDEX "Case_assigneeDeptId_status_stageDeadline_idx" ON "Case"("assigneeDeptId", "status", "stageDeadline");
CREATE INDEX "Case_assigneeDeptId_open_createdAt_id_idx" ON "Case"("assigneeDeptId", "open", "createdAt", "id");
CREATE INDEX "Case_assigneeDeptId_createdAt_id_idx" ON "Case"("assigneeDeptId", "createdAt", "id");
CREATE INDEX "Case_status_stageDeadline_idx" ON "Case"("status", "stageDeadline");
CREATE INDEX "Case_open_createdAt_id_idx" ON "Case"("open", "createdAt", "id");
CREATE INDEX "Case_companyId_createdAt_idx" ON "Case"("companyId", "createdAt");
CREATE INDEX "Case_createdAt_idx" ON "Case"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
