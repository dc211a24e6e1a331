// The end-to-end tests' mail server: a real SMTP receiver in a process of its own (Playwright
// starts it beside the app, playwright.config.ts), writing every message it accepts into
// E2E_MAIL_DIR, where specs read them with mailbox() (smtp-receiver.ts).
import { startSmtpReceiver } from "./smtp-receiver";

const port = Number(process.env.E2E_SMTP_PORT);
const dir = process.env.E2E_MAIL_DIR;
if (!port || !dir) throw new Error("E2E_SMTP_PORT and E2E_MAIL_DIR must be set");
const receiver = await startSmtpReceiver({ port, dir });
process.stdout.write(`SMTP receiver on ${receiver.url}, writing to ${dir}\n`);
const stop = () => void receiver.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
