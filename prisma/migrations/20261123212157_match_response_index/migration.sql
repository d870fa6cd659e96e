-- DropIndex
DROP INDEX "MatchRecord_clauseId_status_idx";

-- CreateIndex
CREATE INDEX "MatchRecord_response_status_companyId_idx" ON "MatchRecord"("response", "status", "companyId");
