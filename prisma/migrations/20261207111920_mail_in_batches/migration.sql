-- AlterTable
ALTER TABLE "Mail" ADD COLUMN     "bulk" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "claimedUntil" TIMESTAMPTZ(3),
ADD COLUMN     "nextTryAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "retries" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Mail_status_bulk_nextTryAt_id_idx" ON "Mail"("status", "bulk", "nextTryAt", "id");
