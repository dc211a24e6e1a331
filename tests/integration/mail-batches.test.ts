import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/platform/db.server";
import { resetEnvCache } from "~/platform/env.server";
import { type JobRunner, startJobRunner } from "~/platform/jobs.server";
import { wakeDueLanes } from "~/platform/mail-delivery.server";
import { closeMailTransport, type OutgoingMail, queueMail, queueMails } from "~/platform/mail.server";
import { useTestDatabase } from "../support/database";
import { type SmtpReceiver, startSmtpReceiver } from "../support/smtp-receiver";

// Delivery in batches (decision 041): the real queue (pg-boss in the test database), the real
// Mail table as the outbox, a real SMTP server in this process.
const database = useTestDatabase();
let smtp: SmtpReceiver;
let runner: JobRunner | undefined;

async function useSmtp(receiver: SmtpReceiver) {
  smtp = receiver;
  process.env.SMTP_URL = receiver.url;
  resetEnvCache();
  closeMailTransport();
}

beforeAll(async () => {
  await useSmtp(await startSmtpReceiver({ parse: false }));
  runner = await startJobRunner({ work: true, quickRetries: true });
});

afterAll(async () => {
  await runner?.stop(2_000);
  closeMailTransport();
  await smtp?.close();
  delete process.env.SMTP_URL;
  resetEnvCache();
});

beforeEach(() => {
  smtp.refuse(null);
  smtp.hold(null);
});

let n = 0;
const addresses = (label: string, count: number) => Array.from({ length: count }, () => `${label}-${++n}@voorbeeld.nl`);
const message = (to: string, kind = "notifications.daily"): OutgoingMail => ({
  to,
  locale: "nl",
  kind,
  subject: "Je overzicht van vandaag",
  text: "Nieuw in de kring: drie dilemma's.",
  html: "<p>Nieuw in de kring: drie dilemma's.</p>",
});

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`waited in vain for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const statuses = async (tos: string[]) => {
  const rows = await db.mail.groupBy({ by: ["status"], where: { toAddress: { in: tos } }, _count: true });
  return Object.fromEntries(rows.map((r) => [r.status, r._count]));
};
const receivedPer = (tos: string[]) => tos.map((to) => smtp.mailTo(to).length);

describe("mail in batches", () => {
  it("delivers a bulk of 300 exactly once each, through the bulk lane", async () => {
    const tos = addresses("bulk", 300);
    await queueMails(tos.map((to) => message(to)));
    await until(() => statuses(tos), (s) => s.sent === 300, "all 300 sent");
    expect(receivedPer(tos).every((count) => count === 1)).toBe(true);
    expect(await db.mail.count({ where: { toAddress: { in: tos }, bulk: true, claimedUntil: null, text: "" } })).toBe(300);
  });

  it("retries the recipients a server turns away for now; the others go at once, none twice", async () => {
    const tos = addresses("deels", 40);
    const refused = new Set(tos.slice(0, 5));
    const turnedAway = new Map<string, number>();
    smtp.refuse((rcpt) => {
      if (!refused.has(rcpt) || (turnedAway.get(rcpt) ?? 0) >= 1) return null;
      turnedAway.set(rcpt, 1);
      return { code: 451, message: "4.7.1 Greylisted, try again later" };
    });
    await queueMails(tos.map((to) => message(to)));
    await until(() => statuses(tos), (s) => s.sent === 40, "all 40 sent");
    expect(receivedPer(tos)).toEqual(tos.map(() => 1));
    const rows = await db.mail.findMany({ where: { toAddress: { in: tos } }, select: { toAddress: true, attempts: true } });
    for (const row of rows) expect([row.toAddress, row.attempts]).toEqual([row.toAddress, refused.has(row.toAddress) ? 2 : 1]);
  });

  it("keeps mail queued while the SMTP server is down and delivers it when it is back", async () => {
    const port = smtp.port;
    const previous = smtp;
    const down = await startSmtpReceiver({ parse: false });
    await down.close(); // a port where nothing answers
    await useSmtp({ ...previous, url: down.url });
    try {
      const tos = addresses("stil", 12);
      await queueMails(tos.map((to) => message(to)));
      await until(() => db.mail.count({ where: { toAddress: { in: tos }, lastError: { not: null } } }), (c) => c > 0, "a failed try");
      expect(await statuses(tos)).toEqual({ queued: 12 }); // waiting, not given up on
      const back = await startSmtpReceiver({ parse: false, port: down.port });
      try {
        await until(() => Promise.resolve(tos.filter((to) => back.mailTo(to).length > 0).length), (c) => c === 12, "all 12 at the server once it is back");
        await until(() => statuses(tos), (s) => s.sent === 12, "all 12 recorded as sent");
        expect(tos.map((to) => back.mailTo(to).length)).toEqual(tos.map(() => 1));
      } finally {
        closeMailTransport(); // the pool's idle connections would hold the server's close 30 s
        await back.close();
      }
    } finally {
      await useSmtp(previous);
      expect(previous.port).toBe(port);
    }
  });

  it("sends a sign-up confirmation at once while 1 000 digest mails wait", async () => {
    const digests = addresses("digest", 1000);
    // The server is slow with digests: those wait at RCPT TO until released.
    smtp.hold((rcpt) => rcpt.startsWith("digest-"));
    await queueMails(digests.map((to) => message(to)));
    await until(() => db.mail.count({ where: { toAddress: { in: digests }, claimedUntil: { not: null } } }), (c) => c > 0, "the bulk lane at work");
    const anna = addresses("anna", 1)[0]!;
    await queueMail(message(anna, "account.confirm-signup"));
    await smtp.nextMailTo(anna, { timeoutMs: 30_000 });
    expect(smtp.messages.filter((m) => m.to.some((t) => t.startsWith("digest-"))).length).toBe(0);
    expect((await statuses(digests)).queued).toBe(1000);

    smtp.hold(null);
    await until(() => statuses(digests), (s) => s.sent === 1000, "all 1 000 digests sent", 90_000);
    expect(receivedPer(digests).every((count) => count === 1)).toBe(true);
  }, 120_000);

  it("keeps kept mail (no SMTP_URL) for admins, a batch in one go", async () => {
    delete process.env.SMTP_URL;
    resetEnvCache();
    try {
      const tos = addresses("bewaard", 25);
      await queueMails(tos.map((to) => message(to)));
      await until(() => statuses(tos), (s) => s.kept === 25, "all 25 kept");
      expect(await db.mail.count({ where: { toAddress: { in: tos }, text: { contains: "drie dilemma" } } })).toBe(25);
    } finally {
      process.env.SMTP_URL = smtp.url;
      resetEnvCache();
    }
  });
});

// A real process, killed hard in the middle of a batch: the timeout allows for a busy machine.
describe("mail when the runner crashes", { timeout: 120_000 }, () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill("SIGKILL");
  });

  it("loses nothing: what the dead runner held goes out once its lease ends, a few at most twice", async () => {
    await runner?.stop(2_000); // this file's own runner steps aside: the child works the queue
    runner = undefined;
    const tos = addresses("crash", 200);
    await queueMails(tos.map((to) => message(to)));
    const bulkBefore = smtp.messages.length;
    // After 30 digests the server keeps the rest waiting: the kill lands with a batch in hand.
    smtp.hold((rcpt) => rcpt.startsWith("crash-") && smtp.messages.length - bulkBefore >= 30);
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/mail-runner-process.ts"], {
      env: { ...process.env, DATABASE_URL: database.url, SMTP_URL: smtp.url, NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    await until(() => Promise.resolve(smtp.messages.length - bulkBefore), (c) => c >= 30, `30 delivered by the child (it said: ${out})`);
    const claimed = await db.mail.count({ where: { toAddress: { in: tos }, status: "queued", claimedUntil: { not: null } } });
    expect(claimed).toBeGreaterThan(0); // a batch in hand
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    smtp.hold(null);

    // Nothing of the dead runner's batch goes before its lease ends; here it ends now.
    runner = await startJobRunner({ work: true, quickRetries: true });
    await database.query(`UPDATE "Mail" SET "claimedUntil" = now() - interval '1 second' WHERE "claimedUntil" IS NOT NULL AND status = 'queued'`);
    expect(await wakeDueLanes()).toContain("bulk"); // the minutely sweep's work
    await until(() => statuses(tos), (s) => s.sent === 200, "all 200 sent after the restart");
    const counts = receivedPer(tos);
    expect(counts.every((c) => c >= 1)).toBe(true); // nothing lost
    // Twice only what was accepted but not yet recorded: under a group of 20 plus those in flight.
    expect(counts.filter((c) => c > 1).length).toBeLessThanOrEqual(30);
  });
});
