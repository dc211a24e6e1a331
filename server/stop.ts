import { logger } from "~/platform/logger.server";
import { markStopping } from "~/platform/stopping.server";

/**
 * Stops cleanly on SIGINT/SIGTERM (once, however many signals come), then exits. While
 * stopping, a timer keeps the event loop alive: once the HTTP server is closed nothing else
 * may hold it (the Postgres child is unref'd), and Node would exit halfway through stopping
 * Postgres.
 */
export function onStopSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    markStopping();
    logger.info({ signal }, "stopping");
    setInterval(() => {}, 1_000);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "could not stop cleanly");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", handle);
  process.on("SIGTERM", handle);
}
