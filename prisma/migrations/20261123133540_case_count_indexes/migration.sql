-- CreateIndex
CREATE INDEX "Case_district_todo_idx" ON "Case"("districtId", "open", "status", "handlerGridId", "assigneeUserId", "pendingExtension");

-- CreateIndex
CREATE INDEX "Case_districtId_open_supervisedAt_idx" ON "Case"("districtId", "open", "supervisedAt");

-- CreateIndex
CREATE INDEX "Case_street_todo_idx" ON "Case"("streetId", "open", "status", "handlerGridId", "assigneeUserId", "pendingExtension");

-- CreateIndex
CREATE INDEX "Case_streetId_open_supervisedAt_idx" ON "Case"("streetId", "open", "supervisedAt");
