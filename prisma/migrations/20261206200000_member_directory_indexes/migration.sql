-- The member directory (app/members/directory.server.ts) compares and sorts names without
-- regard to accents or case. unaccent() is only STABLE (its dictionary could change), so it
-- cannot be indexed; this wrapper names the dictionary and is IMMUTABLE, as Postgres'
-- documentation suggests for indexing. If unaccent's rules ever change, REINDEX these.
CREATE FUNCTION "kk_fold"(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

-- A page of the directory read in name order from the index, not by folding and sorting
-- every member's name on each request.
CREATE INDEX "User_directory_name_idx" ON "User" ("kk_fold"("displayName"), "id") WHERE "erasedAt" IS NULL;

-- Words typed in the filter (LIKE '%word%' over name, organisation and handle): trigrams, so
-- three letters or more find their members without reading every one.
CREATE INDEX "User_directory_text_idx" ON "User"
  USING GIN ("kk_fold"("displayName" || ' ' || coalesce("organisation", '') || ' ' || "handle") gin_trgm_ops)
  WHERE "erasedAt" IS NULL;
