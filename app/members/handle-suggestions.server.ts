import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { rateLimit } from "~/platform/rate-limit.server";

// Handles to complete "@an…" in a post's text (decision 029): members the writer may see in the
// directory (signed in and admitted; active, not erased), whose handle or name starts with what
// was typed. Counted per member: a script walking the alphabet learns no more than the
// directory shows, and not faster than a person types.

export type HandleSuggestion = { handle: string; displayName: string; organisation: string | null };

const SUGGESTIONS = 8;
const lookups = rateLimit("mention-lookup", 120, 60);

/** Up to 8 members for the typed start of a handle or name ("" or anything else: none). */
export async function suggestHandles(guardian: Guardian, typed: string): Promise<HandleSuggestion[]> {
  guardian.ensureCanSeeMembers();
  const start = typed.normalize("NFC").trim().toLowerCase().replace(/^@/, "");
  if (!/^[\p{L}\p{N}-]{1,40}$/u.test(start)) return [];
  await lookups.consume(String(guardian.userId));
  const like = `${start.replace(/[\\%_]/g, "\\$&")}%`;
  return db.user.findMany({
    where: {
      status: "active",
      erasedAt: null,
      OR: [{ handle: { startsWith: start } }, { displayName: { startsWith: like.slice(0, -1), mode: "insensitive" } }],
    },
    select: { handle: true, displayName: true, organisation: true },
    orderBy: { handle: "asc" },
    take: SUGGESTIONS,
  });
}
