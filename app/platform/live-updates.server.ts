// Live updates to open pages (decision 029): server-sent event streams, fed by Postgres
// LISTEN/NOTIFY so a change made through one server process reaches pages streamed by every
// other. Knows no domain noun: a *topic* is a string ("dilemma:12"), an update is an id.
//
// - publishLive(tx, topic, id) sends a NOTIFY in the caller's transaction: Postgres delivers
//   it at commit, never for a write that rolls back.
// - startLiveUpdates() (server/http.ts, once per process) follows the channel on the process's
//   one listening connection (pg-listener.server.ts) and fans each notification out, in
//   process, to the streams open on that topic.
// - openEventStream() answers one browser's EventSource: the ids after the one it last saw
//   (Last-Event-ID, or ?after= from the page), then each new id, with a heartbeat comment so
//   proxies and the browser keep the connection; a cap on open streams per process.
//
// State sits on globalThis: the server's copy of this module (which listens) and the built
// app's copy (whose routes open streams) are two module instances in one process.
import type { Logger } from "pino";
import type { Tx } from "./events/event";
import { listenTo } from "./pg-listener.server";
import { stopExplains } from "./stopping.server";

export const LIVE_CHANNEL = "live_updates";
/** A comment line this often: well inside the 60 s idle cut of common proxies. */
export const HEARTBEAT_MS = 25_000;
/** What a browser waits before reconnecting after the stream ends. */
const RETRY_MS = 3_000;

type Listener = (id: string) => void;
type Stream = { close(): void };
type State = {
  listening: boolean;
  maxStreams: number;
  heartbeatMs: number;
  topics: Map<string, Set<Listener>>;
  streams: Set<Stream>;
};

const state: State = ((globalThis as Record<symbol, State | undefined>)[Symbol.for("kenniskring.liveUpdates")] ??= {
  listening: false,
  maxStreams: 0,
  heartbeatMs: HEARTBEAT_MS,
  topics: new Map(),
  streams: new Set(),
});

/** Sends `id` to every stream on `topic`, in every process, when `tx` commits. */
export async function publishLive(tx: Tx, topic: string, id: number | string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify({ topic, id: String(id) })})`;
}

/** Streams open in this process (for tests and the health of a process). */
export function openStreamCount(): number {
  return state.streams.size;
}

function deliver(payload: string) {
  let message: { topic?: unknown; id?: unknown };
  try {
    message = JSON.parse(payload) as typeof message;
  } catch {
    return;
  }
  if (typeof message.topic !== "string" || typeof message.id !== "string") return;
  for (const listener of state.topics.get(message.topic) ?? []) listener(message.id);
}

/** Ends every open stream; browsers reconnect (to this process or another) with Last-Event-ID. */
function closeAllStreams() {
  for (const stream of [...state.streams]) stream.close();
}

export type LiveUpdates = { stop(): Promise<void> };

/**
 * Listens until stop(), on the process's one listening connection (pg-listener.server.ts).
 * Without the connection no stream is opened (a 503: the page works without), and a lost
 * connection ends the open streams, since what was sent meanwhile is lost: the browsers
 * reconnect and catch up from their last id.
 */
export async function startLiveUpdates(
  connectionString: string,
  options: { logger: Logger; maxStreams: number; heartbeatMs?: number },
): Promise<LiveUpdates> {
  const { logger } = options;
  state.maxStreams = options.maxStreams;
  state.heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  // One line when the connection is lost, then at most one a minute while it stays away (an
  // outage of the database would otherwise write a line per retry, every 5 s per process).
  let loggedAt = 0;
  const subscription = await listenTo(connectionString, LIVE_CHANNEL, {
    notify: deliver,
    up: () => {
      state.listening = true;
    },
    down: (reason) => {
      const wasListening = state.listening;
      state.listening = false;
      closeAllStreams();
      if (wasListening || Date.now() - loggedAt >= 60_000) {
        loggedAt = Date.now();
        logger[stopExplains(reason) ? "info" : "warn"]({ reason }, "no live-update connection; trying again");
      }
    },
  });
  return {
    async stop() {
      state.listening = false;
      closeAllStreams();
      await subscription.stop();
    },
  };
}

/** The id a reconnecting browser saw last (Last-Event-ID), or the page's own (?after=). */
export function lastSeenId(request: Request): number {
  const candidates = [request.headers.get("Last-Event-ID"), new URL(request.url).searchParams.get("after")];
  let best = 0;
  for (const value of candidates) {
    if (value && /^\d{1,15}$/.test(value)) best = Math.max(best, Number(value));
  }
  return best;
}

/**
 * An event stream of the ids published on `topic`: first `missed()` (what came after the
 * browser's last id), then each new one as event `event`. 503 when this process holds its cap
 * of streams or cannot listen (the browser tries again later; the page is complete without).
 */
export async function openEventStream(
  request: Request,
  options: { topic: string; event: string; missed: () => Promise<number[]> },
): Promise<Response> {
  if (!state.listening || state.streams.size >= state.maxStreams || request.signal.aborted) {
    return new Response("", { status: 503, headers: { "Retry-After": "30", "Cache-Control": "no-store" } });
  }
  const encoder = new TextEncoder();
  const sent = new Set<string>();
  let cleanUp = () => {};
  const body = new ReadableStream<Uint8Array>({
    start: async (controller) => {
      let open = true;
      const write = (text: string) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      const send = (id: string) => {
        if (sent.has(id)) return;
        sent.add(id);
        write(`id: ${id}\nevent: ${options.event}\ndata: ${id}\n\n`);
      };
      const listeners = state.topics.get(options.topic) ?? new Set<Listener>();
      state.topics.set(options.topic, listeners);
      const heartbeat = setInterval(() => write(": ping\n\n"), state.heartbeatMs);
      const stream: Stream = {
        close: () => {
          if (!open) return;
          cleanUp();
          try {
            controller.close();
          } catch {
            // already cancelled by the browser going away
          }
        },
      };
      cleanUp = () => {
        open = false;
        clearInterval(heartbeat);
        listeners.delete(send);
        if (listeners.size === 0 && state.topics.get(options.topic) === listeners) state.topics.delete(options.topic);
        state.streams.delete(stream);
        request.signal.removeEventListener("abort", stream.close);
      };
      state.streams.add(stream);
      request.signal.addEventListener("abort", stream.close);
      // Listen first, then catch up: an id published in between comes twice, never not at all.
      listeners.add(send);
      write(`retry: ${RETRY_MS}\n\n`);
      try {
        for (const id of await options.missed()) send(String(id));
      } catch {
        stream.close();
      }
    },
    cancel: () => cleanUp(),
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: the compression middleware would hold events back to fill a block.
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
