-- CreateEnum
CREATE TYPE "SearchKind" AS ENUM ('dilemma', 'reply', 'report');

-- CreateTable
CREATE TABLE "SearchDocument" (
    "id" SERIAL NOT NULL,
    "kind" "SearchKind" NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "dilemmaId" INTEGER,
    "competenceIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "status" "DilemmaStatus",
    "date" TIMESTAMPTZ(3) NOT NULL,
    "answer" BOOLEAN NOT NULL DEFAULT false,
    "answerId" INTEGER,
    "authorId" INTEGER,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "threadAuthorId" INTEGER,
    "threadHidden" BOOLEAN NOT NULL DEFAULT false,
    "draft" BOOLEAN NOT NULL DEFAULT false,
    "doc" tsvector NOT NULL,
    "analysisVersion" INTEGER NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchText" (
    "documentId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "SearchText_pkey" PRIMARY KEY ("documentId")
);

-- CreateTable
CREATE TABLE "SearchIndexState" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "analysisVersion" INTEGER NOT NULL,
    "builtAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SearchIndexState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchWord" (
    "word" TEXT NOT NULL,
    "docs" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "SearchWord_pkey" PRIMARY KEY ("word")
);

-- CreateTable
CREATE TABLE "SearchSynonymGroup" (
    "id" SERIAL NOT NULL,
    "competenceId" INTEGER,
    "terms" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchSynonymGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchMiss" (
    "query" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "SearchMiss_pkey" PRIMARY KEY ("query","day")
);

-- CreateTable
CREATE TABLE "ContentImportRef" (
    "ref" TEXT NOT NULL,
    "kind" "SearchKind" NOT NULL,
    "targetId" INTEGER NOT NULL,
    "importedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContentImportRef_pkey" PRIMARY KEY ("ref")
);

-- CreateIndex
CREATE INDEX "SearchDocument_dilemmaId_idx" ON "SearchDocument"("dilemmaId");

-- CreateIndex
CREATE INDEX "SearchDocument_doc_idx" ON "SearchDocument" USING GIN ("doc");

-- CreateIndex
CREATE UNIQUE INDEX "SearchDocument_kind_sourceId_key" ON "SearchDocument"("kind", "sourceId");

-- CreateIndex
CREATE INDEX "SearchSynonymGroup_competenceId_idx" ON "SearchSynonymGroup"("competenceId");

-- CreateIndex
CREATE INDEX "SearchMiss_day_idx" ON "SearchMiss"("day");

-- AddForeignKey
ALTER TABLE "SearchText" ADD CONSTRAINT "SearchText_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "SearchDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;
