// A job runner on its own, working the mail queues, for the test that kills it in the middle of
// a batch (tests/integration/mail-batches.test.ts). Env: DATABASE_URL, SMTP_URL.
// Says "working" on stdout once it works the queues.
import { startJobRunner } from "~/platform/jobs.server";
import "~/platform/mail.server";

const runner = await startJobRunner({ work: true, quickRetries: true });
process.stdout.write("working\n");
process.on("SIGTERM", () => void runner.stop(1_000).then(() => process.exit(0)));
