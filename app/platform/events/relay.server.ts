// The relay: hands every committed domain event to each after-commit subscriber, at least once
// and in order, also across a crash between the commit and the reaction (decision 014).
//
// - Durable: the events are rows (the outbox), and each subscriber has a cursor row, moved in
//   the same transaction as the subscriber's own writes. A crash before that commit leaves the
//   cursor where it was, and the event is handed on again.
// - Complete: events are taken in the order of their transactions' ids, and only once no older
//   transaction is still open (pg_snapshot_xmin). A bigserial alone would let an event whose
//   transaction commits late slip behind a cursor that has moved past its id.
// - One at a time: every server process runs a relay, and the one holding a Postgres advisory
//   lock (on its own connection) relays; the others try again every few seconds, so when that
//   process dies (its connection closes, the lock goes with it) another takes over.
// - Woken by LISTEN/NOTIFY (a trigger on DomainEvent, sent at commit), and by a poll, so a lost
//   notification only delays an event.
// - A handler that throws is retried with growing pauses; after `attempts` the event is set
//   aside for that subscriber (DomainEventFailure.parkedAt, logged as an error) and it goes on
//   with the next one. Other subscribers never wait for it: each has its own cursor.
import pg from "pg";
import type { Logger } from "pino";
import { db } from "../db.server";
import { stopExplains } from "../stopping.server";
import type { AfterCommitSubscriber, JsonObject, RecordedEvent, Tx } from "./event";

export const DOMAIN_EVENTS_CHANNEL = "domain_events";
/** "the event relay": any number no other advisory lock of ours uses. */
const RELAY_LOCK_KEY = 727_002;

export type RelayOptions = {
  connectionString: string;
  subscribers: readonly AfterCommitSubscriber[];
  logger: Pick<Logger, "info" | "warn" | "error">;
  /** Look for events this often even without a notification. */
  pollMs?: number;
  /** A process that does not relay tries to take over this often. */
  standbyMs?: number;
  /** A failing event: first pause, longest pause, tries before it is set aside. */
  retry?: { firstMs: number; maxMs: number; attempts: number };
  /** Events read (and, while none fails, handled in one transaction) at a time. */
  batchSize?: number;
  /** Events are deleted this long after every subscriber has passed them. */
  keepDays?: number;
};

export type EventRelay = {
  /** Whether this process relays now. */
  readonly active: boolean;
  stop(): Promise<void>;
};

type Cursor = { txid: string; eventId: string };
type EventRow = { id: string; txid: string; type: string; subjectId: number; actorId: number | null; payload: JsonObject; occurredAt: Date };

class CursorMoved extends Error {}

const DEFAULT_RETRY = { firstMs: 1_000, maxMs: 5 * 60_000, attempts: 10 };
const PRUNE_EVERY_MS = 60 * 60_000;

export async function startEventRelay(options: RelayOptions): Promise<EventRelay> {
  const { connectionString, subscribers, logger } = options;
  const pollMs = options.pollMs ?? 5_000;
  const standbyMs = options.standbyMs ?? 2_000;
  const retry = options.retry ?? DEFAULT_RETRY;
  const batchSize = options.batchSize ?? 100;
  const keepDays = options.keepDays ?? 30;

  let stopped = false;
  let active = false;
  let client: pg.Client | null = null;
  let timers: NodeJS.Timeout[] = [];
  let pass: Promise<void> | null = null;
  let again = false;
  let lastPrune = 0;
  const cursors = new Map<string, Cursor>();
  const retryAt = new Map<string, number>();
  /** The event a subscriber failed on and will try again (its DomainEventFailure row). */
  const failing = new Map<string, string>();

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers = timers.filter((t) => t !== timer);
      fn();
    }, ms);
    timer.unref();
    timers.push(timer);
  };

  const wake = () => {
    if (!active || stopped) return;
    if (pass) {
      again = true;
      return;
    }
    pass = (async () => {
      try {
        do {
          again = false;
          for (const subscriber of subscribers) if (active && !stopped) await drain(subscriber);
          if (active && !stopped && Date.now() - lastPrune > PRUNE_EVERY_MS) await prune();
        } while (again && active && !stopped);
      } catch (error) {
        // The database went away mid-pass: the next notification or poll tries again.
        logger.warn({ err: error }, "the event relay's pass failed; it tries again");
      } finally {
        pass = null;
      }
    })();
  };

  // ── Taking the lock ────────────────────────────────────────────────────────────────────

  const lost = (reason: string) => {
    const was = active;
    active = false;
    for (const t of timers) clearTimeout(t);
    timers = [];
    const old = client;
    client = null;
    old?.removeAllListeners("notification");
    old?.end().catch(() => {});
    if (stopped) return;
    if (was) logger[stopExplains(reason) ? "info" : "warn"]({ reason }, "the event relay lost its connection; another process or a retry takes over");
    later(standbyMs, () => void connect());
  };

  const connect = async () => {
    if (stopped) return;
    const candidate = new pg.Client({ connectionString, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    candidate.on("error", (error) => client === candidate && lost(error.message));
    candidate.on("end", () => client === candidate && lost("connection ended"));
    client = candidate;
    try {
      await candidate.connect();
      const { rows } = await candidate.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [RELAY_LOCK_KEY]);
      if (!rows[0]?.locked) {
        // Another process relays. Keep the connection and try again in a while.
        later(standbyMs, () => void (client === candidate ? retryLock(candidate) : undefined));
        return;
      }
      await becomeRelay(candidate);
    } catch (error) {
      if (client === candidate) lost(error instanceof Error ? error.message : String(error));
    }
  };

  const retryLock = async (candidate: pg.Client) => {
    if (stopped || client !== candidate) return;
    try {
      const { rows } = await candidate.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [RELAY_LOCK_KEY]);
      if (rows[0]?.locked) await becomeRelay(candidate);
      else later(standbyMs, () => void retryLock(candidate));
    } catch (error) {
      if (client === candidate) lost(error instanceof Error ? error.message : String(error));
    }
  };

  const becomeRelay = async (candidate: pg.Client) => {
    if (stopped) return;
    candidate.on("notification", () => wake());
    await candidate.query(`LISTEN ${DOMAIN_EVENTS_CHANNEL}`);
    await loadCursors();
    active = true;
    logger.info({ subscribers: subscribers.map((s) => s.name) }, "this process relays domain events");
    const poll = () => {
      wake();
      later(pollMs, poll);
    };
    poll();
  };

  // ── Cursors ────────────────────────────────────────────────────────────────────────────

  const loadCursors = async () => {
    await rebaseAfterRestore();
    for (const s of subscribers) {
      // First seen: from the newest event handed on so far ("now"), or from the beginning.
      await db.$executeRaw`
        INSERT INTO "DomainEventCursor" (subscriber, txid, "eventId")
        SELECT ${s.name}, coalesce(last.txid, '0'::xid8), coalesce(last.id, 0)
        FROM (SELECT NULL) AS nothing
        LEFT JOIN (SELECT txid, id FROM "DomainEvent"
                   WHERE ${s.from === "now"} AND txid < pg_snapshot_xmin(pg_current_snapshot())
                   ORDER BY txid DESC, id DESC LIMIT 1) AS last ON TRUE
        ON CONFLICT (subscriber) DO NOTHING`;
      await reloadCursor(s.name);
    }
    // A failure that was never set aside and lies behind its cursor was retried successfully.
    await db.$executeRaw`
      DELETE FROM "DomainEventFailure" f USING "DomainEventCursor" c, "DomainEvent" e
      WHERE c.subscriber = f.subscriber AND e.id = f."eventId" AND f."parkedAt" IS NULL AND (e.txid, e.id) <= (c.txid, c."eventId")`;
    failing.clear();
    const open = await db.$queryRaw<{ subscriber: string; eventId: string }[]>`
      SELECT subscriber, "eventId"::text AS "eventId" FROM "DomainEventFailure" WHERE "parkedAt" IS NULL`;
    for (const f of open) failing.set(f.subscriber, f.eventId);
  };

  /**
   * A database restored into another Postgres cluster (a backup, decision 019) keeps its
   * events' and cursors' transaction ids, and a younger cluster has not reached them yet: new
   * events would sort before them, and they would wait for the cluster to catch up, for ever.
   * When any is "from the future", every event there is moves to the start (txid 1, in id
   * order: they all committed, or are being written as the relay starts) and each cursor moves
   * to just before the first event it had not passed. So nothing is skipped; an event passed
   * out of id order may be handed on once more. Inserts wait meanwhile (a table lock), once.
   */
  const rebaseAfterRestore = async () => {
    const [ahead] = await db.$queryRaw<{ ahead: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM "DomainEvent" WHERE txid >= pg_snapshot_xmax(pg_current_snapshot()))
          OR EXISTS (SELECT 1 FROM "DomainEventCursor" WHERE txid >= pg_snapshot_xmax(pg_current_snapshot())) AS ahead`;
    if (!ahead?.ahead) return;
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`LOCK TABLE "DomainEvent" IN SHARE ROW EXCLUSIVE MODE`;
      await tx.$executeRaw`
        UPDATE "DomainEventCursor" c SET txid = '1'::xid8, "updatedAt" = now(),
          "eventId" = coalesce((SELECT min(e.id) - 1 FROM "DomainEvent" e WHERE (e.txid, e.id) > (c.txid, c."eventId")),
                               (SELECT max(e.id) FROM "DomainEvent" e), c."eventId")`;
      await tx.$executeRaw`UPDATE "DomainEvent" SET txid = '1'::xid8`;
    });
    logger.warn({}, "domain events from another database cluster (a restore): their order is kept by id from now on");
  };

  const reloadCursor = async (name: string) => {
    const [row] = await db.$queryRaw<Cursor[]>`
      SELECT txid::text AS txid, "eventId"::text AS "eventId" FROM "DomainEventCursor" WHERE subscriber = ${name}`;
    cursors.set(name, row!);
  };

  /** In the handling transaction: the cursor row locked, and still where this relay left it. */
  const claimCursor = async (tx: Tx, name: string) => {
    const [row] = await tx.$queryRaw<Cursor[]>`
      SELECT txid::text AS txid, "eventId"::text AS "eventId" FROM "DomainEventCursor" WHERE subscriber = ${name} FOR UPDATE`;
    const mine = cursors.get(name)!;
    if (!row || row.txid !== mine.txid || row.eventId !== mine.eventId) throw new CursorMoved();
  };

  const moveCursor = async (tx: Tx, name: string, to: EventRow) => {
    await tx.$executeRaw`
      UPDATE "DomainEventCursor" SET txid = ${to.txid}::xid8, "eventId" = ${to.id}::bigint, "updatedAt" = now()
      WHERE subscriber = ${name}`;
  };

  // ── Handing events on ──────────────────────────────────────────────────────────────────

  const readAfter = (cursor: Cursor) =>
    db.$queryRaw<EventRow[]>`
      SELECT id::text AS id, txid::text AS txid, type, "subjectId", "actorId", payload, "occurredAt"
      FROM "DomainEvent"
      WHERE (txid, id) > (${cursor.txid}::xid8, ${cursor.eventId}::bigint)
        AND txid < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY txid, id
      LIMIT ${batchSize}`;

  const toRecorded = (row: EventRow): RecordedEvent => ({
    id: Number(row.id),
    type: row.type,
    subjectId: row.subjectId,
    actorId: row.actorId,
    payload: row.payload,
    occurredAt: row.occurredAt,
  });

  /**
   * Hands a batch to the subscriber in one transaction, each event behind a savepoint: the
   * events before one that throws are kept (the cursor moves past the last of them), that one
   * is rolled back and reported. An event that failed before and now passes loses its failure row.
   */
  const handleBatch = (s: AfterCommitSubscriber, events: EventRow[]) =>
    db.$transaction(
      async (tx) => {
        await claimCursor(tx, s.name);
        let passed: EventRow | null = null;
        let failed: { event: EventRow; error: unknown } | null = null;
        for (const event of events) {
          if (s.wants(event.type)) {
            await tx.$executeRaw`SAVEPOINT kk_event`;
            try {
              await s.handle(tx, toRecorded(event));
              await tx.$executeRaw`RELEASE SAVEPOINT kk_event`;
            } catch (error) {
              await tx.$executeRaw`ROLLBACK TO SAVEPOINT kk_event`;
              failed = { event, error };
              break;
            }
          }
          passed = event;
        }
        if (passed) {
          await moveCursor(tx, s.name, passed);
          if (failing.has(s.name) && failing.get(s.name) !== failed?.event.id) {
            await tx.$executeRaw`DELETE FROM "DomainEventFailure" WHERE subscriber = ${s.name} AND "eventId" = ${failing.get(s.name)}::bigint`;
          }
        }
        return { passed, failed };
      },
      { timeout: 60_000, maxWait: 10_000 },
    );

  const drain = async (s: AfterCommitSubscriber) => {
    if ((retryAt.get(s.name) ?? 0) > Date.now()) return;
    retryAt.delete(s.name);
    while (active && !stopped) {
      const batch = await readAfter(cursors.get(s.name)!);
      if (batch.length === 0) return;
      try {
        const { passed, failed } = await handleBatch(s, batch);
        if (passed) {
          cursors.set(s.name, { txid: passed.txid, eventId: passed.id });
          if (failing.get(s.name) !== failed?.event.id) failing.delete(s.name);
        }
        if (failed && !(await failedOn(s, failed.event, failed.error))) return;
      } catch (error) {
        if (!(error instanceof CursorMoved)) throw error;
        await reloadCursor(s.name); // another relay moved it (this one lost its lock meanwhile)
      }
    }
  };

  /** Counts the failed attempt; true when the event is set aside and the subscriber goes on. */
  const failedOn = async (s: AfterCommitSubscriber, event: EventRow, error: unknown): Promise<boolean> => {
    const message = (error instanceof Error ? (error.stack ?? error.message) : String(error)).slice(0, 4_000);
    const attempts = await db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ attempts: number }[]>`
        INSERT INTO "DomainEventFailure" (subscriber, "eventId", attempts, "lastError", "failedAt")
        VALUES (${s.name}, ${event.id}::bigint, 1, ${message}, now())
        ON CONFLICT (subscriber, "eventId") DO UPDATE SET attempts = "DomainEventFailure".attempts + 1,
          "lastError" = excluded."lastError", "failedAt" = excluded."failedAt"
        RETURNING attempts`;
      if (row!.attempts >= retry.attempts) {
        await claimCursor(tx, s.name);
        await moveCursor(tx, s.name, event);
        await tx.$executeRaw`UPDATE "DomainEventFailure" SET "parkedAt" = now() WHERE subscriber = ${s.name} AND "eventId" = ${event.id}::bigint`;
      }
      return row!.attempts;
    });
    const about = { subscriber: s.name, eventId: event.id, type: event.type, attempts, err: error };
    if (attempts >= retry.attempts) {
      cursors.set(s.name, { txid: event.txid, eventId: event.id });
      failing.delete(s.name);
      logger.error(about, "an event subscriber kept failing on an event; set it aside (DomainEventFailure) and went on");
      return true;
    }
    failing.set(s.name, event.id);
    const pause = Math.min(retry.firstMs * 2 ** (attempts - 1), retry.maxMs);
    logger.warn({ ...about, retryInMs: pause }, "an event subscriber failed; it tries the event again");
    retryAt.set(s.name, Date.now() + pause);
    later(pause, wake);
    return false;
  };

  const prune = async () => {
    lastPrune = Date.now();
    const names = subscribers.map((s) => s.name);
    await db.$executeRaw`
      DELETE FROM "DomainEvent"
      WHERE "occurredAt" < now() - make_interval(days => ${keepDays})
        AND (txid, id) <= ALL (SELECT txid, "eventId" FROM "DomainEventCursor" WHERE subscriber = ANY(${names}::text[]))`;
  };

  await connect();
  return {
    get active() {
      return active;
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers = [];
      await pass;
      active = false;
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}
