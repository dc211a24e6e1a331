-- AlterTable
ALTER TABLE "Dilemma" ADD COLUMN     "submissionId" TEXT;

-- AlterTable
ALTER TABLE "Reply" ADD COLUMN     "submissionId" TEXT;

-- CreateTable
CREATE TABLE "CompetenceSlugRedirect" (
    "slug" TEXT NOT NULL,
    "competenceId" INTEGER NOT NULL,

    CONSTRAINT "CompetenceSlugRedirect_pkey" PRIMARY KEY ("slug")
);

-- CreateIndex
CREATE INDEX "Dilemma_title_trgm_idx" ON "Dilemma" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "Dilemma_authorId_submissionId_key" ON "Dilemma"("authorId", "submissionId");

-- CreateIndex
CREATE UNIQUE INDEX "Reply_authorId_submissionId_key" ON "Reply"("authorId", "submissionId");

-- AddForeignKey
ALTER TABLE "CompetenceSlugRedirect" ADD CONSTRAINT "CompetenceSlugRedirect_competenceId_fkey" FOREIGN KEY ("competenceId") REFERENCES "Competence"("id") ON DELETE CASCADE ON UPDATE CASCADE;
