// Domain events: what changed in the domain, in its own words ("reply.created",
// "dilemma.hidden", "report.published"). A domain declares its events as an EventMap in its
// own folder (app/replies/events.ts, …) and records them with its writes; it never knows who
// listens. Decision 014 has the design, the list of events and how to subscribe.
import type { Prisma } from "~/generated/prisma/client";

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * A domain's events: each type with its payload (stored with the event: ids, states before and
 * after, never a post's text) and, optionally, what the writer has in hand that a subscriber
 * inside the same transaction may use instead of reading it again (never stored).
 */
export type EventMap = Record<string, { payload: JsonObject; inHand?: unknown }>;

type TypeOf<M extends EventMap> = keyof M & string;

/** An event as a writer records it. */
export type EventDraft<M extends EventMap = EventMap, K extends TypeOf<M> = TypeOf<M>> = {
  type: K;
  /** The id of the thing the type's noun names: the dilemma of "dilemma.hidden", the reply of "reply.created". */
  subjectId: number;
  /** The member who did it; null for the operator (an import, a script). */
  actorId: number | null;
  payload: M[K]["payload"];
  inHand?: M[K]["inHand"];
};

/** Any one event of the map, as a union a `switch (event.type)` narrows. */
export type DraftOf<M extends EventMap> = { [K in TypeOf<M>]: EventDraft<M, K> }[TypeOf<M>];

/** An event without its subject and actor, which the writer adds (a union stays a union). */
export type Announcement<E> = E extends unknown ? Omit<E, "subjectId" | "actorId"> : never;

/** An event as the relay hands it to an after-commit subscriber. */
export type RecordedEvent<M extends EventMap = EventMap, K extends TypeOf<M> = TypeOf<M>> = Omit<EventDraft<M, K>, "inHand"> & {
  id: number;
  occurredAt: Date;
};

export type Tx = Prisma.TransactionClient;

/** A subscriber's share of a writer's single statement: its CTEs, written only if `onlyIf`. */
export type StatementPart = {
  ctes: (onlyIf: Prisma.Sql) => Prisma.Sql;
  /** After the statement wrote (in-process bookkeeping, e.g. search's vocabulary). */
  afterwards?: () => void;
};

/**
 * Reacts inside the writer's transaction, so its work commits or fails with the write (the
 * search index: a post is searchable the moment it is stored). Keep it to database writes
 * that the change makes necessary; everything else belongs after the commit.
 */
export type InTransactionSubscriber = {
  name: string;
  react(tx: Tx, events: EventDraft[]): Promise<void>;
  /**
   * For the few writes that are one statement for speed (a new reply, decision 013): this
   * subscriber's part of that statement, or null when the events need nothing of it. Without
   * this method the subscriber cannot take part in such a write, and recording one fails.
   */
  inStatement?(events: EventDraft[]): StatementPart | null;
};

/**
 * Reacts after the commit, handed each event by the relay (app/platform/events/relay.server.ts):
 * at least once, in order, one event after the other. `handle` runs in a transaction that also
 * moves this subscriber's cursor, so what it writes in Postgres happens exactly once; anything
 * outside Postgres (a mail) must tolerate a repeat after a crash, or go through a job.
 */
export type AfterCommitSubscriber = {
  name: string;
  /** Where a subscriber seen for the first time starts: new events only (default), or all kept ones. */
  from: "now" | "start";
  /** Whether it wants this type at all (others are passed over without a transaction). */
  wants(type: string): boolean;
  handle(tx: Tx, event: RecordedEvent): Promise<void>;
};

type Handlers<M extends EventMap> = { [K in TypeOf<M>]?: (tx: Tx, event: RecordedEvent<M, K>) => Promise<void> };

/**
 * An after-commit subscriber from one handler per event type it wants:
 *
 *   export const notifyAuthors = afterCommitSubscriber<ReplyEvents>("notifications", {
 *     "reply.created": async (tx, event) => { … event.payload.dilemmaId … },
 *   });
 *
 * and its name in AFTER_COMMIT (app/subscribers.server.ts). The name keys its cursor: keep it.
 */
export function afterCommitSubscriber<M extends EventMap>(
  name: string,
  handlers: Handlers<M>,
  options: { from?: "now" | "start" } = {},
): AfterCommitSubscriber {
  const table = handlers as Record<string, ((tx: Tx, event: RecordedEvent) => Promise<void>) | undefined>;
  return {
    name,
    from: options.from ?? "now",
    wants: (type) => typeof table[type] === "function",
    handle: async (tx, event) => {
      await table[event.type]?.(tx, event);
    },
  };
}
