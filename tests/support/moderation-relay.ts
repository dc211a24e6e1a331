// useModerationRelay(database): the real event relay with moderation's two subscribers (the
// audit trail and its reactions), for moderation's integration tests. `settled()` waits until
// both have passed every event written so far (the relay is asynchronous).
import { afterAll, beforeAll } from "vitest";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { auditTrail } from "~/moderation/audit-trail.server";
import { moderationReactions } from "~/moderation/reactions.server";
import { db } from "~/platform/db.server";
import { startEventRelay, type EventRelay } from "~/platform/events/relay.server";
import type { TestDatabase } from "./database";

export function useModerationRelay(database: TestDatabase): { settled: () => Promise<void> } {
  let relay: EventRelay;
  beforeAll(async () => {
    relay = await startEventRelay({
      connectionString: database.url,
      subscribers: [auditTrail, moderationReactions],
      logger: { info: () => {}, warn: () => {}, error: (about: unknown, message: string) => console.error(message, about) } as never,
      pollMs: 100,
      standbyMs: 50,
    });
  });
  afterAll(() => relay.stop());

  async function settled(): Promise<void> {
    const [{ last }] = await db.$queryRaw<[{ last: bigint | null }]>`SELECT max(id) AS last FROM "DomainEvent"`;
    if (last === null) return;
    for (let i = 0; i < 300; i++) {
      const cursors = await db.$queryRaw<{ eventId: bigint }[]>`SELECT "eventId" FROM "DomainEventCursor" WHERE subscriber IN ('audit', 'moderation')`;
      if (cursors.length === 2 && cursors.every((c) => c.eventId >= last)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("the relay did not pass every event");
  }
  return { settled };
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
