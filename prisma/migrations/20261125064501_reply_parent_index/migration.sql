-- CreateIndex
CREATE INDEX "Reply_parentId_idx" ON "Reply"("parentId");
