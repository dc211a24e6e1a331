// Kenniskring's server: resolve the database (DATABASE_URL or the embedded Postgres) →
// migrate → seed demo content into an empty database → serve. One clear line and a non-zero
// exit when any of that fails; a clean stop (Postgres included) on SIGINT/SIGTERM.
import path from "node:path";
import type { ServerBuild } from "react-router";
import { resolveDatabase } from "~/platform/embedded-postgres.server";
import { env } from "~/platform/env.server";
import { logger } from "~/platform/logger.server";
import { migrate } from "~/platform/migrate.server";
import { startSearch } from "~/search/startup.server";
import { disconnectDb } from "~/platform/db.server";
import { seedDemoIfEmpty } from "../prisma/seed/demo";
import { createApp } from "./app";

const dev = process.argv.includes("--dev");

async function main() {
  const started = Date.now();
  const settings = env();
  const database = await resolveDatabase({ purpose: "server" });
  process.env.DATABASE_URL = database.url;
  const { applied } = await migrate(database.url);
  if (applied.length) logger.info({ applied }, "applied migrations");
  if (settings.SEED_DEMO === "1" && (await seedDemoIfEmpty())) logger.info("seeded the demo content");
  startSearch(logger); // the Dutch lexicon now, not on the first search; a re-index if the analysis changed

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
    const buildPath = path.resolve("build/server/index.js");
    build = (await import(buildPath)) as ServerBuild;
  }

  const app = createApp({
    mode: dev ? "development" : "production",
    trustProxy: settings.TRUST_PROXY === "1",
    build,
    viteMiddleware,
  });
  const server = app.listen(settings.PORT, settings.HOST, () => {
    logger.info({ port: settings.PORT, ms: Date.now() - started }, `Kenniskring listens on http://localhost:${settings.PORT}`);
  });
  server.on("error", (error: NodeJS.ErrnoException) => {
    fail(error.code === "EADDRINUSE" ? `port ${settings.PORT} is in use; set PORT to another port` : error.message);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    // Once the HTTP server and Vite are closed, nothing may hold the event loop open (the
    // Postgres child is unref'd), and Node would exit halfway through stopping Postgres.
    setInterval(() => {}, 1_000);
    server.closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await closeVite();
    await disconnectDb();
    await database.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

function fail(message: string): never {
  // One line a person can act on; the details are in the structured log above it.
  process.stderr.write(`Kenniskring could not start: ${message}\n`);
  process.exit(1);
}

main().catch((error: unknown) => {
  logger.debug({ err: error }, "start-up failed");
  fail(error instanceof Error ? error.message : String(error));
});
