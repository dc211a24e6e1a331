-- CreateEnum
CREATE TYPE "AttachmentKind" AS ENUM ('image', 'document');

-- CreateTable
CREATE TABLE "Attachment" (
    "id" SERIAL NOT NULL,
    "uploadId" INTEGER NOT NULL,
    "dilemmaId" INTEGER,
    "replyId" INTEGER,
    "meetingId" INTEGER,
    "kind" "AttachmentKind" NOT NULL,
    "fileName" TEXT NOT NULL,
    "altText" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_uploadId_key" ON "Attachment"("uploadId");

-- CreateIndex
CREATE INDEX "Attachment_dilemmaId_idx" ON "Attachment"("dilemmaId");

-- CreateIndex
CREATE INDEX "Attachment_replyId_idx" ON "Attachment"("replyId");

-- CreateIndex
CREATE INDEX "Attachment_meetingId_idx" ON "Attachment"("meetingId");

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_dilemmaId_fkey" FOREIGN KEY ("dilemmaId") REFERENCES "Dilemma"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_replyId_fkey" FOREIGN KEY ("replyId") REFERENCES "Reply"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A post has its attachments in one place only (decision 045).
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_one_post" CHECK (num_nonnulls("dilemmaId", "replyId", "meetingId") = 1);

-- Attachments are content (decision 010): a thread or report shows them.
CREATE TRIGGER "Attachment_announces_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Attachment"
  FOR EACH STATEMENT EXECUTE FUNCTION "kk_announce_content_changed"();
