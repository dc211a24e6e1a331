-- Similar dilemmas (while a title is typed) search dilemmas only: their own GIN index keeps
-- the posting lists a lookup reads to the dilemmas, instead of every reply as well.
CREATE INDEX "SearchDocument_dilemma_doc_idx" ON "SearchDocument" USING GIN ("doc") WHERE "kind" = 'dilemma';
