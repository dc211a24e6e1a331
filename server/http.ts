// The HTTP side of one server process: the app (the production build, or Vite's in dev)
// listening on PORT. Used alone, or by each worker process (server/processes.ts).
import { createServer, type Server } from "node:http";
import path from "node:path";
import type { ServerBuild } from "react-router";
import { followContentChanges } from "~/platform/content-changes.server";
import { startEventRelay } from "~/platform/events/relay.server";
import type { Env } from "~/platform/env.server";
import { logger } from "~/platform/logger.server";
import { startLiveUpdates } from "~/platform/live-updates.server";
import { AFTER_COMMIT } from "~/subscribers.server";
import { parseTrustProxy } from "~/platform/trust-proxy.server";
import { createApp } from "./app";
import { answerClientError } from "./edge";
import { createHealth } from "./health";
import { warmUp } from "./warm-up";
import { inConsoleLanguage as say } from "~/platform/console-language";

export type Http = { server: Server; close(): Promise<void> };

export async function startHttp(opts: {
  dev: boolean;
  settings: Env;
  /** The port is ours (liveness answers); not yet ready. */
  onListening?: () => void;
  /** Warmed up: ready for visitors (readiness answers 200 from now on). */
  onReady: () => void;
  onError: (message: string) => void;
}): Promise<Http> {
  const { dev, settings } = opts;
  let build: ServerBuild | (() => Promise<ServerBuild>);
  let viteMiddleware;
  let closeVite = async () => {};
  if (dev) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ server: { middlewareMode: true } });
    viteMiddleware = viteServer.middlewares;
    closeVite = () => viteServer.close();
    // React Router's Vite plugin starts an inner Vite server (not in middleware mode) whose
    // SIGTERM handler calls process.exit() at once, cutting our shutdown short and leaving
    // Postgres running. Our stop() closes Vite itself.
    for (const listener of process.listeners("SIGTERM")) {
      if (listener.name === "parentSigtermCallback") process.off("SIGTERM", listener);
    }
    for (const listener of process.stdin.listeners("end")) {
      if (listener.name === "parentSigtermCallback") process.stdin.off("end", listener as () => void);
    }
    build = () => viteServer.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>;
  } else {
    build = (await import(path.resolve("build/server/index.js"))) as ServerBuild;
  }

  // This process's ear for content changes, so pages may share data in memory (decision 010).
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set: resolve the database before serving");
  const contentChanges = await followContentChanges(databaseUrl, { logger });
  const health = createHealth(databaseUrl);
  // Domain events to their after-commit subscribers: one process of the site relays at a time
  // (decision 014); the others stand by to take over.
  const eventRelay = await startEventRelay({ connectionString: databaseUrl, subscribers: AFTER_COMMIT, logger });
  // New replies to open dilemma pages, from whichever process wrote them (decision 029).
  const liveUpdates = await startLiveUpdates(databaseUrl, { logger, maxStreams: settings.LIVE_MAX_STREAMS });
  const app = createApp({
    mode: dev ? "development" : "production",
    trustProxy: parseTrustProxy(settings.TRUST_PROXY) ?? false,
    publicUrl: settings.PUBLIC_URL ? new URL(settings.PUBLIC_URL) : null,
    build,
    viteMiddleware,
    health,
  });
  // Not app.listen(): Express 5 calls its callback on an error too, and "listens on" must not
  // be said of a port that is in use.
  const server = createServer(app);
  // An address or headers over Node's limit: a page, not a bare 431 or a cut connection.
  server.on("clientError", answerClientError);
  server.once("listening", () => {
    opts.onListening?.();
    const warm = typeof build === "function" ? Promise.resolve() : warmUp(build);
    void warm.then(() => {
      health.markReady();
      opts.onReady();
    });
  });
  server.on("error", (error: NodeJS.ErrnoException) => {
    opts.onError(
      error.code === "EADDRINUSE"
        ? say(`poort ${settings.PORT} is al in gebruik; kies met PORT een andere poort`, `port ${settings.PORT} is in use; set PORT to another port`)
        : error.message,
    );
  });
  server.listen(settings.PORT, settings.HOST);
  return {
    server,
    async close() {
      // Event streams never end by themselves: end them first (the browsers reconnect, to
      // another process), or closing the server would wait for them.
      await liveUpdates.stop();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await health.close();
      await contentChanges.stop();
      await eventRelay.stop();
      await closeVite();
    },
  };
}
