import { Prisma } from "~/generated/prisma/client";
import type { Guardian } from "~/guardian/guardian.server";

// Holds for new members (decision 037): while anyone may join the circle (join mode "open"),
// a member's first posts wait for an organiser's approval, as many as the admin set
// (CircleSettings.holdFirstPosts; 0: none). A held post is stored hidden (hiddenAt, and heldAt
// says why), so every list, feed, search and count that leaves hidden posts out leaves it out
// too: there is no second visibility path. What counts as one of the first posts: a post that
// stands, i.e. is not hidden (published, or approved); a rejected or hidden post does not
// count, so the member's next post waits again. Staff (and imports, the operator) are never held.

/**
 * Whether the author's next post waits, as one SQL expression: the writers put it in the
 * statement that reads what they need anyway (a reply makes no extra round trip; decision 013).
 * Each count stops at the number that frees the member, so a prolific member costs no more.
 */
export function nextPostHeldSql(guardian: Guardian, authorId: number): Prisma.Sql {
  if (guardian.isStaff) return Prisma.sql`FALSE`;
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "CircleSettings" s
    WHERE s.id = 1 AND s."joinMode" = 'open' AND s."holdFirstPosts" > 0
      AND (SELECT count(*) FROM (SELECT 1 FROM "Dilemma" WHERE "authorId" = ${authorId} AND "hiddenAt" IS NULL LIMIT s."holdFirstPosts") d)
        + (SELECT count(*) FROM (SELECT 1 FROM "Reply" WHERE "authorId" = ${authorId} AND "hiddenAt" IS NULL LIMIT s."holdFirstPosts") r)
        < s."holdFirstPosts")`;
}

/** Whether the author's next post waits for approval (see nextPostHeldSql). */
export async function isNextPostHeld(client: Prisma.TransactionClient, guardian: Guardian, authorId: number): Promise<boolean> {
  if (guardian.isStaff) return false;
  const [row] = await client.$queryRaw<{ held: boolean }[]>`SELECT ${nextPostHeldSql(guardian, authorId)} AS held`;
  return row?.held === true;
}
