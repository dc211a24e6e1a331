-- The last number a reply in the thread got among its siblings (decision 013). No backfill:
-- a new reply takes one more than the greater of this and its parent's last child, so 0 is
-- a correct start for every existing thread.
ALTER TABLE "Dilemma" ADD COLUMN "lastReplySequence" INTEGER NOT NULL DEFAULT 0;
