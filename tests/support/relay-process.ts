// A server process's event relay on its own, with one after-commit subscriber that writes down
// each event it is handed (table relay_test_handled, made by the test), for the tests that need
// real processes: one relay among several, and a crash between a commit and its reaction.
// Env: DATABASE_URL; HANDLE_MS (how long each event takes, so a test can kill it mid-way).
// Says "active" on stdout when it becomes the relaying process.
import { afterCommitSubscriber } from "~/platform/events/event";
import { startEventRelay } from "~/platform/events/relay.server";

const handleMs = Number(process.env.HANDLE_MS ?? 0);
const recorder = afterCommitSubscriber<{ "test.happened": { payload: { n: number } } }>("recorder", {
  "test.happened": async (tx, event) => {
    await tx.$executeRaw`INSERT INTO relay_test_handled (event_id, n, pid) VALUES (${event.id}, ${event.payload.n}, ${process.pid})`;
    // After the write, before the commit: a kill now loses the write and keeps the cursor.
    if (handleMs) await new Promise((resolve) => setTimeout(resolve, handleMs));
  },
}, { from: "start" });

const relay = await startEventRelay({
  connectionString: process.env.DATABASE_URL!,
  subscribers: [recorder],
  logger: { info: () => {}, warn: () => {}, error: (o: unknown, m?: string) => console.error(m, o) },
  pollMs: 200,
  standbyMs: 100,
  batchSize: 1, // one event per transaction, so a kill lands between two of them
});
const said = setInterval(() => {
  if (relay.active) {
    process.stdout.write("active\n");
    clearInterval(said);
  }
}, 20);
process.stdout.write("ready\n");
process.on("SIGTERM", () => void relay.stop().then(() => process.exit(0)));
