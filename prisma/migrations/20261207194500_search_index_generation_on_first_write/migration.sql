-- The generation row is made by the first write of the search index (the trigger's upsert), not
-- by a migration: a restore builds the backup's schema through the migrations and then loads
-- the backup's own row, which a row made by a migration would collide with. Until the first
-- write there is no row, which search reads as a generation of its own (decision 052).
DELETE FROM "SearchIndexGeneration";
