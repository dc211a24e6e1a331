// useEventRelay(database, subscribers): the real event relay with the given after-commit
// subscribers, for integration tests of what they do. `settled()` waits until every one of them
// has passed every event written so far (the relay is asynchronous).
import { afterAll, beforeAll } from "vitest";
import { db } from "~/platform/db.server";
import type { AfterCommitSubscriber } from "~/platform/events/event";
import { startEventRelay, type EventRelay } from "~/platform/events/relay.server";
import type { TestDatabase } from "./database";

export function useEventRelay(database: TestDatabase, subscribers: readonly AfterCommitSubscriber[]): { settled: () => Promise<void> } {
  const names = subscribers.map((s) => s.name);
  let relay: EventRelay | undefined;
  beforeAll(async () => {
    relay = await startEventRelay({
      connectionString: database.url,
      subscribers,
      logger: { info: () => {}, warn: () => {}, error: (about: unknown, message: string) => console.error(message, about) } as never,
      pollMs: 100,
      standbyMs: 50,
    });
    // Active once it holds the relay's lock: only then does it pass events on.
    const deadline = Date.now() + 15_000;
    while (!relay.active && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  });
  afterAll(() => relay?.stop());

  async function settled(): Promise<void> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const [{ last }] = await db.$queryRaw<[{ last: bigint | null }]>`SELECT max(id) AS last FROM "DomainEvent"`;
      const cursors = await db.domainEventCursor.findMany({ where: { subscriber: { in: names } } });
      if (last === null || (cursors.length === names.length && cursors.every((c) => c.eventId >= last))) return;
      if (Date.now() > deadline) throw new Error(`the relay did not pass every event (${names.join(", ")})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { settled };
}
