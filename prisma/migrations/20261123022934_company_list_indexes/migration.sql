-- DropIndex
DROP INDEX "Company_parkGridId_idx";

-- DropIndex
DROP INDEX "Company_gridId_idx";

-- CreateIndex
CREATE INDEX "Company_gridId_name_id_idx" ON "Company"("gridId", "name", "id");

-- CreateIndex
CREATE INDEX "Company_gridId_sizeClass_name_id_idx" ON "Company"("gridId", "sizeClass", "name", "id");

-- CreateIndex
CREATE INDEX "Company_gridId_industryCode_name_id_idx" ON "Company"("gridId", "industryCode", "name", "id");

-- CreateIndex
CREATE INDEX "Company_gridId_lastVisitAt_name_id_idx" ON "Company"("gridId", "lastVisitAt", "name", "id");

-- CreateIndex
CREATE INDEX "Company_parkGridId_name_id_idx" ON "Company"("parkGridId", "name", "id");
