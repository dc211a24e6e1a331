-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "agendaOpenedAt" TIMESTAMPTZ(3),
ADD COLUMN     "endsAt" TIMESTAMPTZ(3),
ADD COLUMN     "startsAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "MeetingDilemma" ADD COLUMN     "proposedById" INTEGER;

-- CreateTable
CREATE TABLE "MeetingContributor" (
    "meetingId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,

    CONSTRAINT "MeetingContributor_pkey" PRIMARY KEY ("meetingId","userId")
);

-- CreateTable
CREATE TABLE "MeetingVote" (
    "meetingId" INTEGER NOT NULL,
    "dilemmaId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingVote_pkey" PRIMARY KEY ("meetingId","dilemmaId","userId")
);

-- CreateIndex
CREATE INDEX "MeetingContributor_userId_idx" ON "MeetingContributor"("userId");

-- CreateIndex
CREATE INDEX "MeetingVote_userId_idx" ON "MeetingVote"("userId");

-- AddForeignKey
ALTER TABLE "MeetingContributor" ADD CONSTRAINT "MeetingContributor_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingContributor" ADD CONSTRAINT "MeetingContributor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingVote" ADD CONSTRAINT "MeetingVote_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingVote" ADD CONSTRAINT "MeetingVote_dilemmaId_fkey" FOREIGN KEY ("dilemmaId") REFERENCES "Dilemma"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingVote" ADD CONSTRAINT "MeetingVote_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingDilemma" ADD CONSTRAINT "MeetingDilemma_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
