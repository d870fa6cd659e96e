-- CreateIndex
CREATE INDEX "Case_districtId_title_createdAt_id_idx" ON "Case"("districtId", "title", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Case_streetId_title_createdAt_id_idx" ON "Case"("streetId", "title", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Case_assigneeDeptId_title_createdAt_id_idx" ON "Case"("assigneeDeptId", "title", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Case_title_createdAt_id_idx" ON "Case"("title", "createdAt", "id");
