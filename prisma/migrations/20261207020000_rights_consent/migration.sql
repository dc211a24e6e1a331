-- CreateTable
CREATE TABLE "ConsentRecord" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "acceptedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsentRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConsentRecord_userId_acceptedAt_idx" ON "ConsentRecord"("userId", "acceptedAt");

-- AddForeignKey
ALTER TABLE "ConsentRecord" ADD CONSTRAINT "ConsentRecord_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Members who accepted before versions were recorded: the statement of that time, 2026-12-06
-- (decision 024 versioned it), at the moment they accepted. They are asked again for any newer one.
INSERT INTO "ConsentRecord" ("userId", "version", "acceptedAt")
SELECT id, '2026-12-06', "consentAt" FROM "User" WHERE "consentAt" IS NOT NULL AND "erasedAt" IS NULL;
