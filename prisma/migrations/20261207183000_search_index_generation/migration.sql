-- Search's result cache (decision 052) is keyed by the index's generation: a new value with
-- every statement that writes SearchDocument or SearchText, in the writer's transaction, so a
-- search in any process that sees the write also sees a new generation (and a replica's
-- generation is that of the data it has). A random value, not a counter: it never comes back
-- (a restore or a re-created row cannot make an old cache entry current again).
CREATE TABLE "SearchIndexGeneration" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "generation" UUID NOT NULL,

    CONSTRAINT "SearchIndexGeneration_pkey" PRIMARY KEY ("id")
);

INSERT INTO "SearchIndexGeneration" ("id", "generation") VALUES (1, gen_random_uuid());

CREATE FUNCTION search_index_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SearchIndexGeneration" ("id", "generation") VALUES (1, gen_random_uuid())
    ON CONFLICT ("id") DO UPDATE SET "generation" = excluded."generation";
  RETURN NULL;
END
$$;

CREATE TRIGGER "SearchDocument_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SearchDocument"
  FOR EACH STATEMENT EXECUTE FUNCTION search_index_changed();
CREATE TRIGGER "SearchText_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SearchText"
  FOR EACH STATEMENT EXECUTE FUNCTION search_index_changed();
