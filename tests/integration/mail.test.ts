import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/platform/db.server";
import { resetEnvCache } from "~/platform/env.server";
import { type JobRunner, startJobRunner } from "~/platform/jobs.server";
import { layoutMail } from "~/platform/mail-layout.server";
import { closeMailTransport, queueMail, queueMails, retryMail } from "~/platform/mail.server";
import { useTestDatabase } from "../support/database";
import { type SmtpReceiver, startSmtpReceiver } from "../support/smtp-receiver";

// Mail goes through the real queue (pg-boss in the test database) to a real SMTP server.
const database = useTestDatabase();
let smtp: SmtpReceiver;
let runner: JobRunner;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_FROM = '"Kenniskring Test" <kring@voorbeeld.nl>';
  resetEnvCache();
  runner = await startJobRunner({ work: true, quickRetries: true });
});

afterAll(async () => {
  await runner?.stop(2_000);
  closeMailTransport();
  await smtp?.close();
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  resetEnvCache();
});

beforeEach(() => smtp.refuse(null));

let n = 0;
const address = (label: string) => `${label}-${++n}@voorbeeld.nl`;

function message(to: string, extra: { subject?: string; link?: string } = {}) {
  const content = layoutMail({
    locale: "nl",
    subject: extra.subject ?? "Bevestig je e-mailadres",
    greeting: "Hallo Anna,",
    blocks: [
      { paragraph: "Klik op de knop om je adres te bevestigen <echt>." },
      { button: { label: "Bevestigen", url: extra.link ?? "http://localhost:3000/signup/confirm/abc" } },
      { quote: "Welkom in de kring!\nTot snel.", by: "Piet schreef" },
      { note: "Niet aangevraagd? Dan hoef je niets te doen." },
    ],
    footer: "Kenniskring · http://localhost:3000",
  });
  return { to, locale: "nl", kind: "test.message", ...content };
}

async function statusOf(id: number) {
  return db.mail.findUniqueOrThrow({ where: { id }, select: { status: true, attempts: true, lastError: true, text: true } });
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("mail", () => {
  it("arrives over SMTP as text and HTML, with Message-ID, Date and the sender's name", async () => {
    const to = address("anna");
    const id = await queueMail(message(to));
    const mail = await smtp.nextMailTo(to);
    expect(mail.subject).toBe("Bevestig je e-mailadres");
    expect(mail.from).toBe('"Kenniskring Test" <kring@voorbeeld.nl>');
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@voorbeeld\.nl>$/);
    expect(mail.date).toBeInstanceOf(Date);
    expect(mail.text).toContain("Hallo Anna,");
    expect(mail.text).toContain("> Welkom in de kring!\n> Tot snel.");
    expect(mail.links).toEqual(["http://localhost:3000/signup/confirm/abc", "http://localhost:3000"]);
    expect(mail.html).toContain('href="http://localhost:3000/signup/confirm/abc"');
    expect(mail.html).toContain("&lt;echt&gt;"); // text is escaped in the HTML part
    expect(mail.html).toContain('<meta name="viewport"');
    const row = await until(() => statusOf(id), (r) => r.status === "sent");
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(row.text).toBe(""); // the body is the recipient's now; the log keeps no live link
  });

  it("is queued only when the transaction that wrote it commits", async () => {
    const to = address("teruggedraaid");
    await expect(
      db.$transaction(async (tx) => {
        await queueMail(message(to), { tx });
        throw new Error("the sign-up failed after the mail was written");
      }),
    ).rejects.toThrow("the sign-up failed");
    expect(await db.mail.count({ where: { toAddress: to } })).toBe(0);
    const [jobs] = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'mail.deliver' AND data->>'mailId' NOT IN (SELECT id::text FROM "Mail")`,
    );
    expect(jobs!.n).toBe(0);

    const committed = address("bewaard");
    await db.$transaction(async (tx) => {
      await queueMail(message(committed), { tx });
    });
    expect((await smtp.nextMailTo(committed)).subject).toBe("Bevestig je e-mailadres");
    expect(smtp.mailTo(to)).toEqual([]);
  });

  it("retries a temporary refusal (4xx) and then delivers", async () => {
    const to = address("later");
    let refusals = 0;
    smtp.refuse((rcpt) => (rcpt === to && refusals++ < 1 ? { code: 451, message: "4.3.0 Try again later" } : null));
    const id = await queueMail(message(to));
    await smtp.nextMailTo(to, { timeoutMs: 20_000 });
    const row = await until(() => statusOf(id), (r) => r.status === "sent");
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("marks a permanent refusal (5xx) failed at once, with the server's answer", async () => {
    const to = address("onbekend");
    smtp.refuse((rcpt) => (rcpt === to ? { code: 550, message: "5.1.1 No such user here" } : null));
    const id = await queueMail(message(to));
    const row = await until(() => statusOf(id), (r) => r.status === "failed");
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain("No such user here");
    expect(row.text).toContain("Hallo Anna"); // kept, so an admin can send it again

    smtp.refuse(null);
    expect(await retryMail(id)).toBe(true);
    await smtp.nextMailTo(to);
    expect((await until(() => statusOf(id), (r) => r.status === "sent")).status).toBe("sent");
    expect(await retryMail(id)).toBe(false); // only a failed message can be sent again
  });

  it("gives up after the last retry of a temporary refusal and says why", async () => {
    const to = address("vol");
    smtp.refuse((rcpt) => (rcpt === to ? { code: 452, message: "4.2.2 Mailbox full" } : null));
    const id = await queueMail(message(to));
    const row = await until(() => statusOf(id), (r) => r.status === "failed", 30_000);
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(3); // the first try and 2 quick retries
    expect(row.lastError).toContain("Mailbox full");
  }, 40_000);

  it("delivers many messages queued at once", async () => {
    const tos = Array.from({ length: 30 }, () => address("veel"));
    await queueMails(tos.map((to) => message(to)));
    for (const to of tos) await smtp.nextMailTo(to);
    const sent = () => db.mail.count({ where: { toAddress: { in: tos }, status: "sent" } });
    expect(await until(sent, (c) => c === 30)).toBe(30);
  });
});

describe("mail without SMTP_URL", () => {
  it("is kept in the database, whole, for admins to read", async () => {
    delete process.env.SMTP_URL;
    resetEnvCache();
    try {
      const to = address("bewaard");
      const id = await queueMail(message(to));
      const row = await until(() => statusOf(id), (r) => r.status !== "queued");
      expect(row.status).toBe("kept");
      expect(row.text).toContain("http://localhost:3000/signup/confirm/abc");
      expect(smtp.mailTo(to)).toEqual([]);
    } finally {
      process.env.SMTP_URL = smtp.url;
      resetEnvCache();
    }
  });
});
