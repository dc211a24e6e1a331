-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "citext";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "unaccent";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('member', 'organiser', 'admin');

-- CreateEnum
CREATE TYPE "DilemmaStatus" AS ENUM ('open', 'answered');

-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('upcoming', 'draft', 'published');

-- CreateEnum
CREATE TYPE "MeetingDilemmaKind" AS ENUM ('raised', 'discussed', 'agenda');

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "handle" CITEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" CITEXT,
    "passwordHash" TEXT,
    "organisation" TEXT,
    "role" "Role" NOT NULL DEFAULT 'member',
    "locale" TEXT NOT NULL DEFAULT 'nl',
    "consentAt" TIMESTAMPTZ(3),
    "erasedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Competence" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "nameNl" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "descriptionMd" TEXT NOT NULL DEFAULT '',
    "descriptionHtml" TEXT NOT NULL DEFAULT '',
    "synonyms" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "retiredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Competence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserExpertise" (
    "userId" INTEGER NOT NULL,
    "competenceId" INTEGER NOT NULL,

    CONSTRAINT "UserExpertise_pkey" PRIMARY KEY ("userId","competenceId")
);

-- CreateTable
CREATE TABLE "Dilemma" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "bodyMd" TEXT NOT NULL,
    "bodyHtml" TEXT NOT NULL,
    "authorId" INTEGER NOT NULL,
    "status" "DilemmaStatus" NOT NULL DEFAULT 'open',
    "acceptedReplyId" INTEGER,
    "lockedAt" TIMESTAMPTZ(3),
    "hiddenAt" TIMESTAMPTZ(3),
    "hiddenReason" TEXT,
    "replyCount" INTEGER NOT NULL DEFAULT 0,
    "helpfulCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastActivityAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Dilemma_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DilemmaCompetence" (
    "dilemmaId" INTEGER NOT NULL,
    "competenceId" INTEGER NOT NULL,

    CONSTRAINT "DilemmaCompetence_pkey" PRIMARY KEY ("dilemmaId","competenceId")
);

-- CreateTable
CREATE TABLE "Reply" (
    "id" SERIAL NOT NULL,
    "dilemmaId" INTEGER NOT NULL,
    "parentId" INTEGER,
    "authorId" INTEGER NOT NULL,
    "bodyMd" TEXT NOT NULL,
    "bodyHtml" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "helpfulCount" INTEGER NOT NULL DEFAULT 0,
    "hiddenAt" TIMESTAMPTZ(3),
    "hiddenReason" TEXT,
    "deletedByAuthorAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Revision" (
    "id" SERIAL NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" INTEGER NOT NULL,
    "title" TEXT,
    "bodyMd" TEXT NOT NULL,
    "editorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Helpful" (
    "userId" INTEGER NOT NULL,
    "replyId" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Helpful_pkey" PRIMARY KEY ("userId","replyId")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "heldOn" DATE NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "hostOrganisation" TEXT NOT NULL DEFAULT '',
    "status" "MeetingStatus" NOT NULL DEFAULT 'upcoming',
    "summaryMd" TEXT NOT NULL DEFAULT '',
    "summaryHtml" TEXT NOT NULL DEFAULT '',
    "takeaways" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "contributors" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "publishedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingDilemma" (
    "meetingId" INTEGER NOT NULL,
    "dilemmaId" INTEGER NOT NULL,
    "kind" "MeetingDilemmaKind" NOT NULL,
    "votes" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingDilemma_pkey" PRIMARY KEY ("meetingId","dilemmaId","kind")
);

-- CreateTable
CREATE TABLE "rate_limit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_handle_key" ON "User"("handle");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Competence_slug_key" ON "Competence"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Dilemma_acceptedReplyId_key" ON "Dilemma"("acceptedReplyId");

-- CreateIndex
CREATE INDEX "Dilemma_lastActivityAt_id_idx" ON "Dilemma"("lastActivityAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Dilemma_authorId_idx" ON "Dilemma"("authorId");

-- CreateIndex
CREATE INDEX "DilemmaCompetence_competenceId_idx" ON "DilemmaCompetence"("competenceId");

-- CreateIndex
CREATE INDEX "Reply_authorId_idx" ON "Reply"("authorId");

-- CreateIndex
CREATE UNIQUE INDEX "Reply_dilemmaId_path_key" ON "Reply"("dilemmaId", "path");

-- CreateIndex
CREATE INDEX "Revision_subjectType_subjectId_createdAt_idx" ON "Revision"("subjectType", "subjectId", "createdAt");

-- CreateIndex
CREATE INDEX "Helpful_replyId_idx" ON "Helpful"("replyId");

-- CreateIndex
CREATE INDEX "MeetingDilemma_dilemmaId_idx" ON "MeetingDilemma"("dilemmaId");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserExpertise" ADD CONSTRAINT "UserExpertise_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserExpertise" ADD CONSTRAINT "UserExpertise_competenceId_fkey" FOREIGN KEY ("competenceId") REFERENCES "Competence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dilemma" ADD CONSTRAINT "Dilemma_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dilemma" ADD CONSTRAINT "Dilemma_acceptedReplyId_fkey" FOREIGN KEY ("acceptedReplyId") REFERENCES "Reply"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DilemmaCompetence" ADD CONSTRAINT "DilemmaCompetence_dilemmaId_fkey" FOREIGN KEY ("dilemmaId") REFERENCES "Dilemma"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DilemmaCompetence" ADD CONSTRAINT "DilemmaCompetence_competenceId_fkey" FOREIGN KEY ("competenceId") REFERENCES "Competence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_dilemmaId_fkey" FOREIGN KEY ("dilemmaId") REFERENCES "Dilemma"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Reply"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Revision" ADD CONSTRAINT "Revision_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Helpful" ADD CONSTRAINT "Helpful_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Helpful" ADD CONSTRAINT "Helpful_replyId_fkey" FOREIGN KEY ("replyId") REFERENCES "Reply"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingDilemma" ADD CONSTRAINT "MeetingDilemma_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingDilemma" ADD CONSTRAINT "MeetingDilemma_dilemmaId_fkey" FOREIGN KEY ("dilemmaId") REFERENCES "Dilemma"("id") ON DELETE CASCADE ON UPDATE CASCADE;
