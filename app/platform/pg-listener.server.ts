// One Postgres connection per process for LISTEN (decision 032). Content changes (decision
// 010) and live updates (029) each used to hold their own reconnecting client; both now
// subscribe to a channel here and share one, so a process costs Postgres one idle connection
// for all its notifications however many channels it follows.
//
//   const subscription = await listenTo(url, "content_changed", {
//     notify: (payload) => …,        // each NOTIFY on the channel
//     up: () => …,                   // listening (again): anything sent while away was lost
//     down: (reason) => …,           // not listening (each lost connection or failed try)
//   });
//   …
//   await subscription.stop();       // the last one to stop closes the connection
//
// The connection reconnects on its own (back-off 250 ms doubling to 5 s; TCP keepalive so a
// connection that died silently errors within about a minute). Knows no domain noun.
//
// On globalThis: the server's copy of this module and the built app's copy are two module
// instances in one process, and must share the one connection.
import pg from "pg";

export type ChannelHandlers = {
  notify(payload: string): void;
  up?(): void;
  down?(reason: string): void;
};

export type ListenOptions = {
  /** First wait before reconnecting; it doubles up to maxRetryMs (the smallest asked wins). */
  retryMs?: number;
  maxRetryMs?: number;
};

export type Subscription = { stop(): Promise<void> };

/** Shown in pg_stat_activity, so an operator (or a test) can tell this connection apart. */
export const LISTENER_APPLICATION_NAME = "kenniskring-listen";
const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

type Entry = { channel: string; handlers: ChannelHandlers; options: ListenOptions };

type Listener = {
  entries: Set<Entry>;
  client: pg.Client | null;
  listening: Set<string>;
  retryTimer: NodeJS.Timeout | undefined;
  retryMs: number | undefined;
  connecting: Promise<void> | null;
  closed: boolean;
};

const listeners: Map<string, Listener> = ((globalThis as Record<symbol, Map<string, Listener> | undefined>)[
  Symbol.for("kenniskring.pgListeners")
] ??= new Map());

/**
 * Follows `channel` on this process's listening connection to `connectionString` (made on
 * first use). Resolves once the first connection attempt has succeeded or failed; a failure
 * is reported to `down` and retried, never thrown.
 */
export async function listenTo(
  connectionString: string,
  channel: string,
  handlers: ChannelHandlers,
  options: ListenOptions = {},
): Promise<Subscription> {
  if (!CHANNEL_NAME.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let listener = listeners.get(connectionString);
  if (!listener) {
    listener = { entries: new Set(), client: null, listening: new Set(), retryTimer: undefined, retryMs: undefined, connecting: null, closed: false };
    listeners.set(connectionString, listener);
  }
  const entry: Entry = { channel, handlers, options };
  listener.entries.add(entry);
  const own = listener;
  if (own.connecting) {
    await own.connecting; // it listens on every channel subscribed by its end, this one too
  } else if (own.client) {
    await listenOn(own, own.client, channel).catch(() => {}); // a failure ends the client: it reconnects
    if (own.client && own.listening.has(channel)) handlers.up?.();
  } else if (!own.retryTimer) {
    await connect(connectionString, own);
  } else {
    handlers.down?.("waiting to reconnect");
  }
  return {
    async stop() {
      if (!own.entries.delete(entry)) return;
      if (own.entries.size === 0) {
        own.closed = true;
        listeners.delete(connectionString);
        clearTimeout(own.retryTimer);
        await own.connecting?.catch(() => {});
        const client = own.client;
        own.client = null;
        own.listening.clear();
        await client?.end().catch(() => {});
        return;
      }
      if (![...own.entries].some((e) => e.channel === channel) && own.client) {
        own.listening.delete(channel);
        await own.client.query(`UNLISTEN ${channel}`).catch(() => {});
      }
    },
  };
}

function channels(listener: Listener): string[] {
  return [...new Set([...listener.entries].map((e) => e.channel))];
}

async function listenOn(listener: Listener, client: pg.Client, channel: string) {
  if (listener.listening.has(channel)) return;
  // One statement per channel (not "LISTEN a; LISTEN b"): pg_stat_activity then shows the
  // plain statement, and a channel that fails cannot take the others with it.
  await client.query(`LISTEN ${channel}`);
  listener.listening.add(channel);
}

function connect(connectionString: string, listener: Listener): Promise<void> {
  const attempt = (async () => {
    listener.retryTimer = undefined;
    const candidate = new pg.Client({
      connectionString,
      application_name: LISTENER_APPLICATION_NAME,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    let settled = false;
    const onLost = (reason: string) => {
      if (settled) return;
      settled = true;
      candidate.removeAllListeners("notification");
      candidate.end().catch(() => {});
      const wasCurrent = listener.client === candidate;
      if (wasCurrent) listener.client = null;
      listener.listening.clear();
      if (listener.closed) return;
      for (const entry of [...listener.entries]) entry.handlers.down?.(reason);
      const asked = [...listener.entries].map((e) => e.options);
      const first = Math.min(250, ...asked.map((o) => o.retryMs ?? 250));
      const max = Math.min(5_000, ...asked.map((o) => o.maxRetryMs ?? 5_000));
      const wait = listener.retryMs ?? first;
      listener.retryMs = Math.min(wait * 2, max);
      listener.retryTimer = setTimeout(() => {
        if (!listener.closed) void connect(connectionString, listener);
      }, wait);
    };
    candidate.on("error", (error) => onLost(error.message));
    candidate.on("end", () => onLost("connection ended"));
    candidate.on("notification", (n) => {
      for (const entry of [...listener.entries]) {
        if (entry.channel === n.channel) entry.handlers.notify(n.payload ?? "");
      }
    });
    try {
      await candidate.connect();
      listener.client = candidate;
      // Until none is missing: a subscriber may arrive while the LISTENs are under way.
      for (let missing = channels(listener); missing.length; missing = channels(listener).filter((c) => !listener.listening.has(c))) {
        for (const channel of missing) await listenOn(listener, candidate, channel);
      }
    } catch (error) {
      onLost(error instanceof Error ? error.message : String(error));
      return;
    }
    if (settled) return;
    if (listener.closed) {
      settled = true;
      listener.client = null;
      await candidate.end().catch(() => {});
      return;
    }
    listener.retryMs = undefined;
    for (const entry of [...listener.entries]) entry.handlers.up?.();
  })();
  const tracked: Promise<void> = attempt.finally(() => {
    if (listener.connecting === tracked) listener.connecting = null;
  });
  listener.connecting = tracked;
  return tracked;
}
