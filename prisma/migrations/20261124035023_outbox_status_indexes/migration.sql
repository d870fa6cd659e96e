-- CreateIndex
CREATE INDEX "OutboxMessage_topic_status_idx" ON "OutboxMessage"("topic", "status");

-- CreateIndex
CREATE INDEX "OutboxMessage_attempts_idx" ON "OutboxMessage"("attempts");
