-- CreateTable
CREATE TABLE "DomainEvent" (
    "id" BIGSERIAL NOT NULL,
    "txid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
    "type" TEXT NOT NULL,
    "subjectId" INTEGER NOT NULL,
    "actorId" INTEGER,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DomainEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DomainEventCursor" (
    "subscriber" TEXT NOT NULL,
    "txid" xid8 NOT NULL,
    "eventId" BIGINT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DomainEventCursor_pkey" PRIMARY KEY ("subscriber")
);

-- CreateTable
CREATE TABLE "DomainEventFailure" (
    "subscriber" TEXT NOT NULL,
    "eventId" BIGINT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "lastError" TEXT NOT NULL,
    "failedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "parkedAt" TIMESTAMPTZ(3),

    CONSTRAINT "DomainEventFailure_pkey" PRIMARY KEY ("subscriber","eventId")
);

-- CreateIndex
CREATE INDEX "DomainEvent_txid_id_idx" ON "DomainEvent"("txid", "id");

-- CreateIndex
CREATE INDEX "DomainEvent_occurredAt_idx" ON "DomainEvent"("occurredAt");

-- The relay (app/platform/events/relay.server.ts) LISTENs here and wakes when a transaction
-- that wrote events commits (Postgres sends it only then, once per transaction, never for a
-- rollback). It also polls, so a lost notification delays an event but never loses it.
CREATE FUNCTION "kk_announce_domain_events"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('domain_events', '');
  RETURN NULL;
END $$;

CREATE TRIGGER "DomainEvent_announces" AFTER INSERT ON "DomainEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "kk_announce_domain_events"();
