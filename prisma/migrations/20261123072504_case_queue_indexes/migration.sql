-- CreateIndex
CREATE INDEX "Case_gridId_status_createdAt_id_idx" ON "Case"("gridId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Case_gridId_categoryCode_createdAt_id_idx" ON "Case"("gridId", "categoryCode", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Case_handlerGridId_status_stageDeadline_idx" ON "Case"("handlerGridId", "status", "stageDeadline");

-- CreateIndex
CREATE INDEX "Case_assigneeDeptId_status_createdAt_id_idx" ON "Case"("assigneeDeptId", "status", "createdAt", "id");
