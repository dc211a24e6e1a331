import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/platform/db.server";
import { afterCommitSubscriber, type AfterCommitSubscriber } from "~/platform/events/event";
import { recordEvents } from "~/platform/events/outbox.server";
import { startEventRelay, type EventRelay, type RelayOptions } from "~/platform/events/relay.server";
import { useTestDatabase } from "../support/database";

// The relay of decision 014: every committed domain event reaches every after-commit
// subscriber, at least once and in order, with one relaying process at a time, across a crash
// between a commit and its reaction; a subscriber that throws is retried, then the event is set
// aside, and no other subscriber waits for it.
const database = useTestDatabase();

type Test = { "test.happened": { payload: { n: number } } };

/** One committed transaction that records these events (numbered by n). */
async function emit(...ns: number[]) {
  await db.$transaction((tx) =>
    recordEvents(tx, ns.map((n) => ({ type: "test.happened", subjectId: n, actorId: null, payload: { n } }))),
  );
}

/** A subscriber that notes the n of each event it is handed, in order; `fail` may throw. */
function noting(name: string, fail: (n: number) => boolean = () => false, from: "now" | "start" = "now") {
  const seen: number[] = [];
  const attempts = new Map<number, number>();
  const subscriber = afterCommitSubscriber<Test>(
    name,
    {
      "test.happened": async (_tx, event) => {
        const n = event.payload.n;
        attempts.set(n, (attempts.get(n) ?? 0) + 1);
        if (fail(n)) throw new Error(`${name} cannot take ${n}`);
        seen.push(n);
      },
    },
    { from },
  );
  return { subscriber, seen, attempts };
}

const logged: { level: string; message: string; about: unknown }[] = [];
const logger = {
  info: () => {},
  warn: (about: unknown, message: string) => void logged.push({ level: "warn", message, about }),
  error: (about: unknown, message: string) => void logged.push({ level: "error", message, about }),
} as unknown as RelayOptions["logger"];

async function relayOf(subscribers: AfterCommitSubscriber[], more: Partial<RelayOptions> = {}): Promise<EventRelay> {
  const relay = await startEventRelay({
    connectionString: database.url,
    subscribers,
    logger,
    pollMs: 100,
    standbyMs: 50,
    retry: { firstMs: 20, maxMs: 100, attempts: 3 },
    ...more,
  });
  await until(() => relay.active, "the relay to start");
  return relay;
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the event relay in one process", () => {
  it("hands on committed events in their transactions' order, waits for one that commits late, never one rolled back", async () => {
    const { subscriber, seen } = noting("in-order");
    const relay = await relayOf([subscriber]);
    const late = new pg.Client({ connectionString: database.url });
    const rolledBack = new pg.Client({ connectionString: database.url });
    await late.connect();
    await rolledBack.connect();
    try {
      // Transaction 1 writes its event first and commits last.
      await late.query("BEGIN");
      await late.query(`INSERT INTO "DomainEvent" (type, "subjectId", payload) VALUES ('test.happened', 1, '{"n": 1}')`);
      await emit(2);
      await rolledBack.query("BEGIN");
      await rolledBack.query(`INSERT INTO "DomainEvent" (type, "subjectId", payload) VALUES ('test.happened', 99, '{"n": 99}')`);
      await rolledBack.query("ROLLBACK");
      // A relay reading "everything after the last id" would hand on 2 now and skip 1 for good.
      await pause(600);
      expect(seen).toEqual([]);
      await late.query("COMMIT");
      await until(() => seen.length >= 2, "both events");
      await emit(3, 4);
      await until(() => seen.length >= 4, "two more");
      await pause(300);
      expect(seen).toEqual([1, 2, 3, 4]);
    } finally {
      await late.end();
      await rolledBack.end();
      await relay.stop();
    }
  });

  it("tries a failing event again while other subscribers go on", async () => {
    const flaky = noting("flaky", (n) => n === 11 && (flakyAttempts.get(11) ?? 0) < 3);
    const flakyAttempts = flaky.attempts;
    const steady = noting("steady");
    const relay = await relayOf([flaky.subscriber, steady.subscriber], { retry: { firstMs: 300, maxMs: 300, attempts: 5 } });
    try {
      await emit(11);
      await emit(12);
      await until(() => steady.seen.length === 2, "the steady subscriber");
      expect(steady.seen).toEqual([11, 12]);
      expect(flaky.seen).toEqual([]); // still waiting to try 11 again, and 12 waits behind it
      await until(() => flaky.seen.length === 2, "the flaky subscriber, after its retries");
      expect(flaky.seen).toEqual([11, 12]);
      expect(flaky.attempts.get(11)).toBe(3);
      expect(logged.filter((l) => l.level === "warn" && (l.about as { subscriber: string }).subscriber === "flaky")).toHaveLength(2);
      // A success leaves no failure behind.
      expect(await database.query(`SELECT * FROM "DomainEventFailure" WHERE subscriber = 'flaky'`)).toEqual([]);
    } finally {
      await relay.stop();
    }
  });

  it("sets an event aside after its last try, says so, and goes on with the next", async () => {
    const stubborn = noting("stubborn", (n) => n === 21);
    const relay = await relayOf([stubborn.subscriber]);
    try {
      await emit(21);
      await emit(22);
      await until(() => stubborn.seen.includes(22), "the event after the bad one");
      expect(stubborn.seen).toEqual([22]);
      expect(stubborn.attempts.get(21)).toBe(3);
      const [failure] = await database.query<{ attempts: number; parked: boolean; lastError: string }>(
        `SELECT attempts, "parkedAt" IS NOT NULL AS parked, "lastError" FROM "DomainEventFailure" WHERE subscriber = 'stubborn'`,
      );
      expect(failure).toMatchObject({ attempts: 3, parked: true });
      expect(failure!.lastError).toContain("stubborn cannot take 21");
      expect(logged.some((l) => l.level === "error" && (l.about as { subscriber: string }).subscriber === "stubborn")).toBe(true);
    } finally {
      await relay.stop();
    }
  });

  it("starts a new subscriber with the events after it came, or with all kept events", async () => {
    await emit(31);
    // "Now" is the newest event every snapshot sees as committed (its transaction below the
    // oldest one still running): on a Postgres shared with other test files, another database's
    // open transaction can hold that back for a moment, and 31 would still count as new.
    await until(
      async () =>
        (await database.query(`SELECT 1 FROM "DomainEvent" WHERE "subjectId" = 31 AND txid < pg_snapshot_xmin(pg_current_snapshot())`)).length === 1,
      "event 31 behind every running transaction",
    );
    const fresh = noting("fresh", undefined, "now");
    const historian = noting("historian", undefined, "start");
    const relay = await relayOf([fresh.subscriber, historian.subscriber]);
    try {
      await emit(32);
      await until(() => fresh.seen.includes(32) && historian.seen.includes(32), "event 32");
      expect(fresh.seen).toEqual([32]);
      expect(historian.seen.slice(-2)).toEqual([31, 32]);
      expect(historian.seen).toEqual(expect.arrayContaining([1, 2, 3, 4, 11, 12, 21, 22]));
    } finally {
      await relay.stop();
    }
  });

  it("keeps an event while a subscriber still needs it and deletes it some days after all have passed it", async () => {
    await database.query(
      `INSERT INTO "DomainEvent" (type, "subjectId", payload, "occurredAt") VALUES ('test.happened', 41, '{"n": 41}', now() - interval '40 days')`,
    );
    const old = async () => (await database.query(`SELECT 1 FROM "DomainEvent" WHERE "subjectId" = 41`)).length;
    const passing = noting("passing", undefined, "start");
    const behind = noting("behind", (n) => n === 41, "start");
    let relay = await relayOf([passing.subscriber, behind.subscriber], { retry: { firstMs: 60_000, maxMs: 60_000, attempts: 10 } });
    try {
      await until(() => passing.seen.includes(41) && (behind.attempts.get(41) ?? 0) > 0, "both at event 41");
      await pause(300);
      expect(await old()).toBe(1); // "behind" has not handled it yet
    } finally {
      await relay.stop();
    }
    relay = await relayOf([passing.subscriber]); // "behind" was removed from the app
    try {
      await until(async () => (await old()) === 0, "the old event to go");
      expect((await database.query(`SELECT 1 FROM "DomainEvent" WHERE "subjectId" = 32`)).length).toBe(1); // a recent one stays
    } finally {
      await relay.stop();
    }
  });
  it("goes on after a restore into another cluster, which has not reached the old transaction ids", async () => {
    // As a restore leaves them: events and a cursor carrying the old cluster's transaction ids.
    const [first] = await database.query<{ id: string }>(
      `INSERT INTO "DomainEvent" (txid, type, "subjectId", payload) VALUES ('9000000000', 'test.happened', 51, '{"n": 51}') RETURNING id::text`,
    );
    await database.query(`INSERT INTO "DomainEvent" (txid, type, "subjectId", payload) VALUES ('9000000001', 'test.happened', 52, '{"n": 52}')`);
    await database.query(`INSERT INTO "DomainEventCursor" (subscriber, txid, "eventId") VALUES ('restored', '9000000000', $1)`, [first!.id]);
    const { subscriber, seen } = noting("restored", undefined, "start");
    const relay = await relayOf([subscriber]);
    try {
      await emit(53);
      await until(() => seen.includes(53), "the event written after the restore");
      await pause(300);
      expect(seen).toEqual([52, 53]); // 51 was handed on before the backup; 52 is not skipped
      expect(logged.some((l) => l.level === "warn" && l.message.includes("another database cluster"))).toBe(true);
    } finally {
      await relay.stop();
    }
  });
});

// Real processes that start, relay and are killed: the timeout allows for a busy machine.
describe("the event relay in several processes", { timeout: 120_000 }, () => {
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    await database.query(`CREATE TABLE relay_test_handled (event_id bigint, n int, pid int, at timestamptz DEFAULT clock_timestamp())`);
  });
  afterAll(() => {
    for (const child of children) child.kill("SIGKILL");
  });

  /** A process with its own relay (tests/support/relay-process.ts); resolves when it says `line`. */
  function relayProcess(): { child: ChildProcess; says: (line: string) => Promise<void> } {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/relay-process.ts"], {
      env: { ...process.env, DATABASE_URL: database.url, HANDLE_MS: "100", NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    return { child, says: (line) => until(() => out.split("\n").includes(line), `a relay process to say "${line}" (it said: ${out})`, 30_000) };
  }

  const handled = () =>
    database.query<{ n: number; pid: number }>(`SELECT n, pid FROM relay_test_handled WHERE n >= 100 ORDER BY at, event_id`);

  it("relays in one process at a time; when it dies mid-event another takes over, and every event is handled once, in order", async () => {
    const first = relayProcess();
    await first.says("active");
    const second = relayProcess();
    await second.says("ready");
    await pause(500);
    const ns = Array.from({ length: 20 }, (_, i) => 100 + i);
    for (const n of ns) await emit(n);
    await until(async () => (await handled()).length >= 5, "the first process to handle some");
    // Killed hard, most likely inside a handler: after its write, before its commit.
    first.child.kill("SIGKILL");
    await second.says("active");
    await until(async () => (await handled()).length >= ns.length, "every event", 30_000);
    await pause(500);
    const rows = await handled();
    expect(rows.map((r) => r.n)).toEqual(ns); // each once, in order: none lost, none twice
    const pids = rows.map((r) => r.pid);
    const switchAt = pids.findIndex((p) => p !== pids[0]);
    expect(pids[0]).toBe(first.child.pid);
    expect(switchAt).toBeGreaterThan(0);
    expect(pids.slice(switchAt).every((p) => p === second.child.pid)).toBe(true);
  });
});
