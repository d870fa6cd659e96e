-- DropIndex
DROP INDEX "MatchRecord_policyId_status_idx";
