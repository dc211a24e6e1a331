import { afterEach, describe, expect, it } from "vitest";
import { CONTENT_CHANGED_CHANNEL, contentGeneration, followContentChanges } from "~/platform/content-changes.server";
import { LIVE_CHANNEL, startLiveUpdates } from "~/platform/live-updates.server";
import { logger } from "~/platform/logger.server";
import { LISTENER_APPLICATION_NAME, listenTo, type Subscription } from "~/platform/pg-listener.server";
import { useTestDatabase } from "../support/database";

// Decision 032: a process listens on ONE Postgres connection for every channel (content
// changes, live updates), and that connection comes back by itself when it is dropped.
const database = useTestDatabase();

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function listeningConnections(): Promise<number> {
  const rows = await database.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
    [LISTENER_APPLICATION_NAME],
  );
  return rows[0]!.n;
}

/** A subscription that collects what it hears and how often it went down and came back. */
async function follow(channel: string) {
  const heard: string[] = [];
  const events: string[] = [];
  const subscription: Subscription = await listenTo(
    database.url,
    channel,
    { notify: (p) => heard.push(p), up: () => events.push("up"), down: () => events.push("down") },
    { retryMs: 20, maxRetryMs: 50 },
  );
  stops.push(() => subscription.stop());
  return { heard, events, subscription };
}

describe("the process's listening connection", () => {
  it("is one connection for content changes and live updates together", async () => {
    const feed = await followContentChanges(database.url, { logger });
    stops.push(() => feed.stop());
    const live = await startLiveUpdates(database.url, { logger, maxStreams: 10 });
    stops.push(() => live.stop());
    const other = await follow("pg_listener_test");
    expect(await listeningConnections()).toBe(1);

    const before = contentGeneration();
    await database.query(`SELECT pg_notify('${CONTENT_CHANGED_CHANNEL}', ''), pg_notify('pg_listener_test', 'hallo')`);
    await expect.poll(() => other.heard).toEqual(["hallo"]);
    await expect.poll(() => contentGeneration()).not.toBe(before);
    // A channel nobody follows reaches no one; a live update is not a content change for others.
    await database.query(`SELECT pg_notify('${LIVE_CHANNEL}', '{"topic":"x","id":"1"}')`);
    await new Promise((r) => setTimeout(r, 100));
    expect(other.heard).toEqual(["hallo"]);
  });

  it("comes back by itself when the connection is dropped, listening on every channel again", async () => {
    const a = await follow("pg_listener_a");
    const b = await follow("pg_listener_b");
    expect(a.events).toEqual(["up"]);
    expect(b.events).toEqual(["up"]);

    // A restart of Postgres, a failover or a proxy cutting the line: simulated by ending it.
    const rows = await database.query<{ ended: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
      [LISTENER_APPLICATION_NAME],
    );
    expect(rows).toEqual([{ ended: true }]);
    await expect.poll(() => a.events).toEqual(["up", "down", "up"]);
    await expect.poll(() => b.events).toEqual(["up", "down", "up"]);
    expect(await listeningConnections()).toBe(1);

    await database.query(`SELECT pg_notify('pg_listener_a', 'na'), pg_notify('pg_listener_b', 'herstel')`);
    await expect.poll(() => a.heard).toEqual(["na"]);
    await expect.poll(() => b.heard).toEqual(["herstel"]);
  });

  it("stops hearing a channel when its last follower stops, and closes when no one follows", async () => {
    const a = await follow("pg_listener_c");
    const b = await follow("pg_listener_d");
    await a.subscription.stop();
    await database.query(`SELECT pg_notify('pg_listener_c', 'weg'), pg_notify('pg_listener_d', 'blijft')`);
    await expect.poll(() => b.heard).toEqual(["blijft"]);
    expect(a.heard).toEqual([]);
    await b.subscription.stop();
    await expect.poll(() => listeningConnections()).toBe(0);
  });
});
