// Recording domain events: the outbox (table DomainEvent) written in the writer's own
// transaction, and the subscribers that react inside that transaction. Those after the commit
// are the relay's (relay.server.ts). Decision 014.
//
// Who subscribes is decided in one place, app/subscribers.server.ts, which every entry point
// imports (the app's entry.server.tsx, the scripts, the tests' setup): a domain cannot import
// its subscribers (search depends on the domains, not the reverse), so they are installed.
import { Prisma } from "~/generated/prisma/client";
import { isTransaction } from "../db.server";
import type { AfterCommitSubscriber, EventDraft, InTransactionSubscriber, StatementPart, Tx } from "./event";

type Installed = { inTransaction: readonly InTransactionSubscriber[]; afterCommit: readonly AfterCommitSubscriber[] };

// One set per module instance: the server's own modules and the built app's are two instances
// in one process (see content-changes.server.ts), and each entry point installs its own.
let installed: Installed | null = null;

export function installSubscribers(subscribers: Installed): void {
  const names = [...subscribers.inTransaction, ...subscribers.afterCommit].map((s) => s.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Error(`two event subscribers are named "${twice}"`);
  installed = subscribers;
}

export function installedSubscribers(): Installed {
  // A write whose events nobody hears would leave the search index behind without a sound.
  if (!installed) throw new Error("domain events recorded before any subscriber was installed: import ~/subscribers.server first");
  return installed;
}

/** The DomainEvent rows of these events as one INSERT's source (`SELECT … FROM unnest(…)`). */
function eventRows(events: EventDraft[]): Prisma.Sql {
  return Prisma.sql`
    SELECT e.type, e."subjectId", e."actorId", e.payload::jsonb
    FROM unnest(${events.map((e) => e.type)}::text[], ${events.map((e) => e.subjectId)}::int[],
                ${events.map((e) => e.actorId)}::int[], ${events.map((e) => JSON.stringify(e.payload))}::text[])
         AS e(type, "subjectId", "actorId", payload)`;
}

/**
 * Records what the write inside this transaction changed, and lets the in-transaction
 * subscribers react (in the same transaction: they commit or fail with it). The caller's
 * client must be a transaction (see inTransaction in db.server.ts): an event must never
 * outlive a write that rolled back, nor a write commit without its event.
 */
export async function recordEvents(tx: Tx, events: EventDraft[]): Promise<void> {
  if (events.length === 0) return;
  if (!isTransaction(tx)) {
    throw new Error("recordEvents needs the write's transaction, not the database client");
  }
  const { inTransaction } = installedSubscribers();
  await tx.$executeRaw`INSERT INTO "DomainEvent" (type, "subjectId", "actorId", payload) ${eventRows(events)}`;
  for (const subscriber of inTransaction) await subscriber.react(tx, events);
}

/**
 * For a write that is a single statement (a new reply, decision 013): the events' row and
 * every in-transaction subscriber's writes as CTEs to join that statement, all written only if
 * `onlyIf` (a condition on the writer's own CTEs). Call `afterwards()` once the statement has
 * written. CTE names taken here: domain_events, and the subscribers' (search: words, doc, text).
 */
export function eventStatement(events: EventDraft[], onlyIf: Prisma.Sql): { ctes: Prisma.Sql; afterwards: () => void } {
  const { inTransaction } = installedSubscribers();
  const parts: StatementPart[] = [];
  for (const subscriber of inTransaction) {
    if (!subscriber.inStatement) {
      throw new Error(`the subscriber "${subscriber.name}" cannot take part in a one-statement write (${events.map((e) => e.type).join(", ")})`);
    }
    const part = subscriber.inStatement(events);
    if (part) parts.push(part);
  }
  const outbox = Prisma.sql`domain_events AS (
    INSERT INTO "DomainEvent" (type, "subjectId", "actorId", payload) ${eventRows(events)} WHERE ${onlyIf}
  )`;
  return {
    ctes: Prisma.join([outbox, ...parts.map((p) => p.ctes(onlyIf))], ", "),
    afterwards: () => {
      for (const part of parts) part.afterwards?.();
    },
  };
}
