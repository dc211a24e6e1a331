-- DropIndex
DROP INDEX "DilemmaCompetence_competenceId_idx";

-- AlterTable
ALTER TABLE "DilemmaCompetence" ADD COLUMN     "lastActivityAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "DilemmaCompetence_competenceId_lastActivityAt_dilemmaId_idx" ON "DilemmaCompetence"("competenceId", "lastActivityAt" DESC, "dilemmaId" DESC);

-- The copy starts equal to the dilemma's own value…
UPDATE "DilemmaCompetence" dc SET "lastActivityAt" = d."lastActivityAt" FROM "Dilemma" d WHERE d.id = dc."dilemmaId";

-- …and stays equal: a new tag takes its dilemma's value, a change of the dilemma's value
-- reaches its tags. Triggers, so no code path (replies, imports, moderation) can forget it.
CREATE FUNCTION "kk_competence_tag_takes_activity"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT "lastActivityAt" INTO NEW."lastActivityAt" FROM "Dilemma" WHERE id = NEW."dilemmaId";
  RETURN NEW;
END $$;

CREATE TRIGGER "DilemmaCompetence_takes_activity" BEFORE INSERT OR UPDATE OF "dilemmaId" ON "DilemmaCompetence"
  FOR EACH ROW EXECUTE FUNCTION "kk_competence_tag_takes_activity"();

CREATE FUNCTION "kk_dilemma_activity_to_tags"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "DilemmaCompetence" SET "lastActivityAt" = NEW."lastActivityAt" WHERE "dilemmaId" = NEW.id;
  RETURN NULL;
END $$;

CREATE TRIGGER "Dilemma_activity_to_tags" AFTER UPDATE OF "lastActivityAt" ON "Dilemma"
  FOR EACH ROW WHEN (OLD."lastActivityAt" IS DISTINCT FROM NEW."lastActivityAt")
  EXECUTE FUNCTION "kk_dilemma_activity_to_tags"();
