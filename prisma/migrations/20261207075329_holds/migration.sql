-- AlterTable
ALTER TABLE "CircleSettings" ADD COLUMN     "holdFirstPosts" INTEGER NOT NULL DEFAULT 2;

-- AlterTable
ALTER TABLE "Dilemma" ADD COLUMN     "heldAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Reply" ADD COLUMN     "heldAt" TIMESTAMPTZ(3);

-- A held post is hidden while it waits (decision 037): every hidden filter then keeps it out.
ALTER TABLE "Dilemma" ADD CONSTRAINT "Dilemma_held_is_hidden" CHECK ("heldAt" IS NULL OR "hiddenAt" IS NOT NULL);
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_held_is_hidden" CHECK ("heldAt" IS NULL OR "hiddenAt" IS NOT NULL);
-- The queue lists what waits: few rows, found without reading every post.
CREATE INDEX "Dilemma_heldAt_idx" ON "Dilemma" ("heldAt") WHERE "heldAt" IS NOT NULL;
CREATE INDEX "Reply_heldAt_idx" ON "Reply" ("heldAt") WHERE "heldAt" IS NOT NULL;
