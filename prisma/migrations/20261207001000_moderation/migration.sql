-- CreateEnum
CREATE TYPE "FlagReason" AS ENUM ('personal_data', 'unkind', 'off_topic', 'spam', 'other');

-- CreateEnum
CREATE TYPE "FlagStatus" AS ENUM ('open', 'upheld', 'dismissed');

-- CreateEnum
CREATE TYPE "ModeratedPost" AS ENUM ('dilemma', 'reply', 'report');

-- CreateTable
CREATE TABLE "ModerationFlag" (
    "id" SERIAL NOT NULL,
    "postKind" "ModeratedPost" NOT NULL,
    "postId" INTEGER NOT NULL,
    "flaggerId" INTEGER NOT NULL,
    "reason" "FlagReason" NOT NULL,
    "note" TEXT,
    "status" "FlagStatus" NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" INTEGER,
    "outcome" TEXT,

    CONSTRAINT "ModerationFlag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyReview" (
    "id" SERIAL NOT NULL,
    "postKind" "ModeratedPost" NOT NULL,
    "postId" INTEGER NOT NULL,
    "kinds" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewedById" INTEGER,

    CONSTRAINT "PrivacyReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" BIGSERIAL NOT NULL,
    "eventId" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "actorId" INTEGER,
    "subjectKind" TEXT NOT NULL,
    "subjectId" INTEGER NOT NULL,
    "reason" TEXT,
    "before" JSONB,
    "after" JSONB,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ModerationFlag_status_createdAt_idx" ON "ModerationFlag"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ModerationFlag_flaggerId_createdAt_idx" ON "ModerationFlag"("flaggerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ModerationFlag_postKind_postId_flaggerId_key" ON "ModerationFlag"("postKind", "postId", "flaggerId");

-- CreateIndex
CREATE INDEX "PrivacyReview_reviewedAt_createdAt_idx" ON "PrivacyReview"("reviewedAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PrivacyReview_postKind_postId_key" ON "PrivacyReview"("postKind", "postId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_eventId_key" ON "AuditEntry"("eventId");

-- CreateIndex
CREATE INDEX "AuditEntry_occurredAt_idx" ON "AuditEntry"("occurredAt");

-- CreateIndex
CREATE INDEX "AuditEntry_actorId_occurredAt_idx" ON "AuditEntry"("actorId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEntry_kind_occurredAt_idx" ON "AuditEntry"("kind", "occurredAt");

-- The audit trail is append-only (decision 025): no row is ever changed, and rows go only
-- through the retention purge (app/moderation/audit-retention.server.ts), which says so with
-- SET LOCAL kenniskring.audit_purge = 'on' in its own transaction, and only rows older than
-- the retention period. Anything else (a bug, psql, a script) is refused by the database.
CREATE FUNCTION "kk_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('kenniskring.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the audit trail is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER "AuditEntry_append_only" BEFORE UPDATE OR DELETE ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION "kk_audit_append_only"();

CREATE TRIGGER "AuditEntry_no_truncate" BEFORE TRUNCATE ON "AuditEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION "kk_audit_append_only"();
