-- CreateIndex
CREATE INDEX "Meeting_status_heldOn_id_idx" ON "Meeting"("status", "heldOn" DESC, "id" DESC);
