import type { Guardian } from "~/guardian/guardian.server";
import { env } from "~/platform/env.server";
import { RateLimited } from "~/platform/errors.server";
import { rateLimit } from "~/platform/rate-limit.server";

// How fast one member may post and edit (decision 022). A person typing a reply needs a
// minute or more; 40 replies in a second and a half is a script or a stuck key, and fills
// every member's notifications. Counted per member in Postgres (every process counts the same),
// before the write; the form comes back with a message and every word kept (formFailure).
// Organisers and admins tidy up and import in bursts: three times the budget.
// Checked at the edge, where a person's request arrives: the importer and the console write
// through the same domain functions and are not a person typing.

type Budget = { name: string; messageKey: string; windows: ReadonlyArray<{ points: number; seconds: number }> };

export const POSTING_BUDGETS = {
  /** New dilemmas, replies, raised questions, meetings and reports: one budget for all. */
  post: {
    name: "post",
    messageKey: "edge.errors.postingTooFast",
    windows: [
      { points: 6, seconds: 60 },
      { points: 60, seconds: 60 * 60 },
    ],
  },
  /** Saved edits of one's own posts (titles, texts, competences, meetings). */
  edit: {
    name: "edit",
    messageKey: "edge.errors.editingTooFast",
    windows: [
      { points: 15, seconds: 5 * 60 },
      { points: 120, seconds: 60 * 60 },
    ],
  },
} as const satisfies Record<string, Budget>;

const STAFF_FACTOR = 3;

const limiters = new Map<string, ReturnType<typeof rateLimit>>();
function limiter(key: string, points: number, seconds: number) {
  let l = limiters.get(key);
  if (!l) limiters.set(key, (l = rateLimit(key, points, seconds)));
  return l;
}

/** Counts one post or edit of this member; throws RateLimited (429, a message) when over. */
export async function spendPostingBudget(guardian: Guardian, kind: keyof typeof POSTING_BUDGETS): Promise<void> {
  const member = guardian.userId;
  if (member === null) return; // not signed in: the Guardian refuses the write itself
  if (env().POSTING_LIMITS === "off") return;
  const budget = POSTING_BUDGETS[kind];
  const factor = guardian.isStaff ? STAFF_FACTOR : 1;
  let refusal: RateLimited | null = null;
  for (const { points, seconds } of budget.windows) {
    const scaled = points * factor;
    try {
      await limiter(`${budget.name}-${scaled}-${seconds}`, scaled, seconds).consume(String(member));
    } catch (error) {
      if (!(error instanceof RateLimited)) throw error;
      if (!refusal || error.retryAfterSeconds > refusal.retryAfterSeconds) refusal = error;
    }
  }
  if (refusal) throw new RateLimited(refusal.retryAfterSeconds, budget.messageKey);
}
