// useModerationRelay(database): the real event relay with moderation's two subscribers (the
// audit trail and its reactions), for moderation's integration tests. `settled()` waits until
// both have passed every event written so far (the relay is asynchronous).
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { auditTrail } from "~/moderation/audit-trail.server";
import { moderationReactions } from "~/moderation/reactions.server";
import { db } from "~/platform/db.server";
import type { TestDatabase } from "./database";
import { useEventRelay } from "./event-relay";

export function useModerationRelay(database: TestDatabase): { settled: () => Promise<void> } {
  return useEventRelay(database, [auditTrail, moderationReactions]);
}

/** A maker of people for moderation's tests: `person(role)` makes a user (handle `<prefix>-N`) and their Guardian. */
export function peopleMaker(prefix: string) {
  let n = 0;
  return async function person(role: Role = "member") {
    const i = ++n;
    const user = await db.user.create({
      data: { handle: `${prefix}-${i}`, displayName: `Lid ${i}`, email: `${prefix}-${i}-${Date.now()}@voorbeeld.nl`, role },
    });
    const guardian = new Guardian({ kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role, locale: "nl" });
    return { guardian, id: user.id, handle: user.handle, email: user.email!, name: user.displayName };
  };
}
