-- CreateEnum
CREATE TYPE "MailDelivery" AS ENUM ('instant', 'daily', 'weekly', 'off');

-- CreateTable
CREATE TABLE "Notification" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "actorId" INTEGER,
    "dilemmaId" INTEGER,
    "replyId" INTEGER,
    "meetingId" INTEGER,
    "threadKey" TEXT NOT NULL,
    "label" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMPTZ(3),
    "mailedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationSettings" (
    "userId" INTEGER NOT NULL,
    "replies" "MailDelivery" NOT NULL DEFAULT 'instant',
    "mentions" "MailDelivery" NOT NULL DEFAULT 'instant',
    "answers" "MailDelivery" NOT NULL DEFAULT 'instant',
    "newDilemmas" "MailDelivery" NOT NULL DEFAULT 'daily',
    "meetings" "MailDelivery" NOT NULL DEFAULT 'instant',
    "digest" "MailDelivery" NOT NULL DEFAULT 'weekly',
    "mailKey" TEXT NOT NULL,
    "lastDailyAt" TIMESTAMPTZ(3),
    "lastWeeklyAt" TIMESTAMPTZ(3),

    CONSTRAINT "NotificationSettings_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "Watch" (
    "userId" INTEGER NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" INTEGER NOT NULL,
    "level" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Watch_pkey" PRIMARY KEY ("userId","targetType","targetId")
);

-- CreateTable
CREATE TABLE "DilemmaVisit" (
    "userId" INTEGER NOT NULL,
    "dilemmaId" INTEGER NOT NULL,
    "seenAt" TIMESTAMPTZ(3) NOT NULL,
    "previousSeenAt" TIMESTAMPTZ(3),

    CONSTRAINT "DilemmaVisit_pkey" PRIMARY KEY ("userId","dilemmaId")
);

-- CreateTable
CREATE TABLE "NotificationMailThrottle" (
    "userId" INTEGER NOT NULL,
    "threadKey" TEXT NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NotificationMailThrottle_pkey" PRIMARY KEY ("userId","threadKey")
);

-- CreateIndex
CREATE INDEX "Notification_userId_id_idx" ON "Notification"("userId", "id" DESC);

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "Notification_replyId_idx" ON "Notification"("replyId");

-- CreateIndex
CREATE INDEX "Notification_dilemmaId_idx" ON "Notification"("dilemmaId");

-- CreateIndex
CREATE INDEX "Watch_targetType_targetId_idx" ON "Watch"("targetType", "targetId");
