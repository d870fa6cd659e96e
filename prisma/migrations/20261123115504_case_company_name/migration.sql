-- DropIndex
DROP INDEX "Case_title_createdAt_id_idx";

-- DropIndex
DROP INDEX "Case_assigneeDeptId_title_createdAt_id_idx";

-- DropIndex
DROP INDEX "Case_streetId_title_createdAt_id_idx";

-- DropIndex
DROP INDEX "Case_districtId_title_createdAt_id_idx";

-- AlterTable
ALTER TABLE "Case" ADD COLUMN "companyName" TEXT;

-- Backfill: each case carries its company's current name (before the indexes, so they are built once).
UPDATE "Case" SET "companyName" = (SELECT "name" FROM "Company" WHERE "Company"."id" = "Case"."companyId") WHERE "companyId" IS NOT NULL;

-- CreateIndex
CREATE INDEX "Case_districtId_open_title_companyName_createdAt_id_idx" ON "Case"("districtId", "open", "title", "companyName", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Case_streetId_open_title_companyName_createdAt_id_idx" ON "Case"("streetId", "open", "title", "companyName", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Case_assigneeDeptId_open_title_companyName_createdAt_id_idx" ON "Case"("assigneeDeptId", "open", "title", "companyName", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Case_open_title_companyName_createdAt_id_idx" ON "Case"("open", "title", "companyName", "createdAt", "id");
