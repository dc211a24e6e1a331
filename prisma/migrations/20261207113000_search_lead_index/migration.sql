-- A broad search (decision 043) ranks threads by their dilemmas and reports: their own GIN
-- index keeps its posting lists to those 7 % of the posts, instead of every reply as well.
CREATE INDEX "SearchDocument_lead_doc_idx" ON "SearchDocument" USING GIN ("doc") WHERE "kind" <> 'reply';
