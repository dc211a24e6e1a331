import { randomUUID } from "node:crypto";
import net from "node:net";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import { hideDilemma, lockDilemma } from "~/dilemmas/moderation.server";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { readReplyAddress, replyAddress } from "~/notifications/reply-address.server";
import { notificationsSubscriber } from "~/notifications/subscriber.server";
import { db } from "~/platform/db.server";
import { resetEnvCache } from "~/platform/env.server";
import { startEventRelay, type EventRelay } from "~/platform/events/relay.server";
import type { InboundListener } from "~/platform/inbound-smtp.server";
import { createReply } from "~/replies/replies.server";
import { startInboundMail } from "~/web/inbound-mail.server";
import { useTestDatabase } from "../support/database";
import { useMailAndJobs } from "../support/mail-and-jobs";

// Reply by e-mail (issue 20, decision 028), with real SMTP both ways: a reply to a real
// notification mail is sent with nodemailer to the app's own listener; the job posts it in the
// thread, or the member gets a mail that says why (read from the in-process receiver).
const database = useTestDatabase();
const mail = useMailAndJobs();
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

let relay: EventRelay | undefined;
let inbound: InboundListener | null = null;
let port = 0;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  process.env.MAIL_INBOUND_PORT = String(await freePort());
  process.env.MAIL_INBOUND_HOST = "127.0.0.1";
  process.env.MAIL_INBOUND_MAX_BYTES = "50000";
  resetEnvCache();
  inbound = await startInboundMail();
  port = inbound!.port;
  relay = await startEventRelay({ connectionString: database.url, subscribers: [notificationsSubscriber], logger: quiet, pollMs: 100, standbyMs: 50 });
  const deadline = Date.now() + 15_000;
  while (!relay.active && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
});
afterAll(async () => {
  await inbound?.close();
  await relay?.stop();
  for (const name of ["MAIL_INBOUND_PORT", "MAIL_INBOUND_HOST", "MAIL_INBOUND_MAX_BYTES"]) delete process.env[name];
  resetEnvCache();
});

let n = 0;
async function member(options: { role?: Role; locale?: string; status?: "active" | "pending" } = {}) {
  const i = ++n;
  const handle = `mailer-${i}`;
  const role = options.role ?? "member";
  const user = await db.user.create({
    data: { handle, displayName: `Mailer ${i}`, role, email: `mailer${i}@kring.test`, locale: options.locale ?? "nl", status: options.status ?? "active" },
  });
  const guardian = new Guardian({ kind: "member", id: user.id, handle, displayName: user.displayName, role, locale: user.locale });
  return Object.assign(guardian, { id: user.id, email: user.email! });
}

let competence = "";
beforeAll(async () => {
  competence = (await db.competence.create({ data: { slug: "huisbezoek", nameNl: "Huisbezoek", nameEn: "Home visits" } })).slug;
});

async function ask(asker: Guardian) {
  const d = await createDilemma(asker, {
    title: `Dilemma ${++n}: de buurman wil niet praten`,
    body: "Wat doe je als de buurman de deur niet opendoet?",
    competences: [competence],
    submissionId: randomUUID(),
  });
  return d.id;
}

/** Sends a mail to the app's listener, as a member's mail program would. */
async function send(message: { from: string; to: string; text: string; headers?: Record<string, string>; messageId?: string }) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  try {
    return await transport.sendMail({ from: message.from, to: message.to, subject: "Re: melding", text: message.text, headers: message.headers, messageId: message.messageId });
  } finally {
    transport.close();
  }
}

async function repliesBy(authorId: number) {
  return db.reply.findMany({ where: { authorId }, orderBy: { id: "asc" }, select: { id: true, dilemmaId: true, parentId: true, bodyMd: true } });
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`waited in vain for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const quoted = (text: string) =>
  `${text}\n\nOp ma 7 dec. 2026 om 10:12 schreef Kenniskring <kring@kring.test>:\n\n> Mailer reageerde bij je dilemma\n> Ga eerst zelf in gesprek.\n`;

describe("a reply to a notification mail", () => {
  it("is posted in the thread under the reply it answers, without the quoted mail and the signature, and tells the one answered", async () => {
    const asker = await member();
    const replier = await member();
    const dilemmaId = await ask(asker);
    const first = await createReply(replier, dilemmaId, { body: "Ga eerst zelf in gesprek.", submissionId: randomUUID() });

    const notification = await mail.smtp.nextMailTo(asker.email);
    const replyTo = String((notification.headers.get("reply-to") as { text: string }).text);
    expect(replyTo).toMatch(/^antwoord-[0-9a-z-]+@kring\.test$/);
    expect(replyTo.split("@")[0]!.length).toBeLessThanOrEqual(64);
    expect(notification.text).toContain("Je kunt ook reageren door op deze e-mail te antwoorden");

    await send({ from: asker.email, to: replyTo, text: quoted("Dank je, dat probeer ik morgen.\n\nMet vriendelijke groet,\n\nMailer\nWijkteam Noord") });
    const [posted] = await until(() => repliesBy(asker.id), (r) => r.length === 1, "the reply by mail");
    expect(posted).toMatchObject({ dilemmaId, parentId: first.id, bodyMd: "Dank je, dat probeer ik morgen." });

    // Through the same writer as the web: the replier hears of it, by mail too.
    const told = await mail.smtp.nextMailTo(replier.email);
    expect(told.text).toContain("Dank je, dat probeer ik morgen.");
  });

  it("is posted once when the same message arrives twice", async () => {
    const asker = await member();
    const dilemmaId = await ask(asker);
    const to = await replyAddress({ memberId: asker.id, dilemmaId, parentId: null });
    const messageId = `<${randomUUID()}@kring.test>`;
    await send({ from: asker.email, to, text: "Een aanvulling op mijn vraag.", messageId });
    await send({ from: asker.email, to, text: "Een aanvulling op mijn vraag.", messageId });
    await until(() => repliesBy(asker.id), (r) => r.length === 1, "the reply");
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await repliesBy(asker.id)).toHaveLength(1);
  });
});

describe("an address that is not ours", () => {
  it("is refused in the SMTP dialogue, so the sender's own server says why: forged, tampered, unknown", async () => {
    const asker = await member();
    const dilemmaId = await ask(asker);
    const good = await replyAddress({ memberId: asker.id, dilemmaId, parentId: null });
    const [local, domain] = good.split("@") as [string, string];
    const parts = local.split("-");
    parts[2] = (Number.parseInt(parts[2]!, 36) + 1).toString(36); // another dilemma, same signature
    const tampered = `${parts.join("-")}@${domain}`;
    expect((await readReplyAddress(tampered)).ok).toBe(false);
    for (const to of [tampered, `antwoord-1-1-0-zz-aaaaaaaaaaaaaaaa@${domain}`, `iemand@${domain}`, "antwoord@elders.test"]) {
      await expect(send({ from: asker.email, to, text: "Hallo" })).rejects.toMatchObject({ responseCode: 550 });
    }
    expect(await repliesBy(asker.id)).toEqual([]);
  });

  it("refuses a message over the size limit", async () => {
    const asker = await member();
    const to = await replyAddress({ memberId: asker.id, dilemmaId: await ask(asker), parentId: null });
    await expect(send({ from: asker.email, to, text: "x".repeat(60_000) })).rejects.toMatchObject({ responseCode: 552 });
  });
});

describe("a reply that is not posted gets a mail that says why, in the member's language, with their text", () => {
  async function refusedFor(who: Awaited<ReturnType<typeof member>>, to: string, text: string, from = who.email) {
    await send({ from, to, text });
    return mail.smtp.nextMailTo(who.email);
  }

  it("an expired address", async () => {
    const asker = await member();
    const dilemmaId = await ask(asker);
    const old = await replyAddress({ memberId: asker.id, dilemmaId, parentId: null }, new Date(Date.now() - 40 * 86_400_000));
    const answer = await refusedFor(asker, old, "Late reactie.");
    expect(answer.subject).toContain("Je reactie is niet geplaatst");
    expect(answer.text).toContain("Het antwoordadres is verlopen");
    expect(answer.text).toContain("Late reactie.");
    expect(answer.link(`/dilemmas/${dilemmaId}/`)).toBeTruthy();
    expect(rawHeader(answer.raw, "Auto-Submitted")).toBe("auto-replied");
    expect(await repliesBy(asker.id)).toEqual([]);
  });

  it("a locked thread, a hidden dilemma, an empty reply, another sender, an inactive account", async () => {
    const organiser = await member({ role: "organiser" });
    const asker = await member();
    const locked = await ask(asker);
    await lockDilemma(organiser, locked);
    expect((await refusedFor(asker, await replyAddress({ memberId: asker.id, dilemmaId: locked, parentId: null }), "Nog iets.")).text).toContain(
      "Het gesprek is gesloten",
    );

    const hidden = await ask(asker);
    await hideDilemma(organiser, hidden, "Bevat een naam");
    expect((await refusedFor(asker, await replyAddress({ memberId: asker.id, dilemmaId: hidden, parentId: null }), "Nog iets.")).text).toContain(
      "is er niet meer, of je kunt het niet meer zien",
    );

    const open = await ask(asker);
    const to = await replyAddress({ memberId: asker.id, dilemmaId: open, parentId: null });
    expect((await refusedFor(asker, to, quoted(""))).text).toContain("We vonden geen tekst in je e-mail");
    expect((await refusedFor(asker, to, "Van iemand anders.", "vreemde@elders.test")).text).toContain("niet van het e-mailadres van je account");

    const waiting = await member({ status: "pending" });
    const toWaiting = await replyAddress({ memberId: waiting.id, dilemmaId: open, parentId: null });
    expect((await refusedFor(waiting, toWaiting, "Mag ik ook?")).text).toContain("Je account is niet actief");
    expect(await repliesBy(asker.id)).toEqual([]);
    expect(await repliesBy(waiting.id)).toEqual([]);
  });

  it("a suspended member, or one who has not accepted the new privacy statement: the same limits as on the website", async () => {
    const asker = await member();
    const open = await ask(asker);
    const suspended = await member();
    await db.user.update({ where: { id: suspended.id }, data: { suspendedUntil: new Date(Date.now() + 86_400_000), suspensionReason: "Toon" } });
    const toSuspended = await replyAddress({ memberId: suspended.id, dilemmaId: open, parentId: null });
    expect((await refusedFor(suspended, toSuspended, "Toch even reageren.")).text).toContain("Je account is geschorst");

    const behind = await member();
    await db.consentRecord.create({ data: { userId: behind.id, version: "2026-12-06" } });
    const toBehind = await replyAddress({ memberId: behind.id, dilemmaId: open, parentId: null });
    expect((await refusedFor(behind, toBehind, "Ook een reactie.")).text).toContain("De privacyverklaring is veranderd");
    expect(await repliesBy(suspended.id)).toEqual([]);
    expect(await repliesBy(behind.id)).toEqual([]);
  });

  it("a privacy warning: a mail cannot say 'post anyway', so nothing is posted; in English for an English member", async () => {
    const asker = await member({ locale: "en" });
    const dilemmaId = await ask(asker);
    const to = await replyAddress({ memberId: asker.id, dilemmaId, parentId: null });
    const answer = await refusedFor(asker, to, "Bel haar gerust op 06-12345678, dat vindt ze fijn.");
    expect(answer.subject).toContain("Your reply was not posted");
    expect(answer.text).toContain("By e-mail you cannot choose ‘Post anyway’");
    expect(answer.text).toContain("Phone number");
    expect(answer.text).toContain("06-12345678"); // their own text, to copy
    expect(await repliesBy(asker.id)).toEqual([]);
  });

  it("an automatic answer (out of office) is neither posted nor answered", async () => {
    const asker = await member();
    const dilemmaId = await ask(asker);
    const to = await replyAddress({ memberId: asker.id, dilemmaId, parentId: null });
    await send({ from: asker.email, to, text: "Ik ben afwezig tot maandag.", headers: { "Auto-Submitted": "auto-replied" } });
    // A normal reply after it is handled: the automatic one was passed over, not stuck.
    await send({ from: asker.email, to, text: "Dit is mijn echte reactie." });
    const replies = await until(() => repliesBy(asker.id), (r) => r.length >= 1, "the real reply");
    expect(replies.map((r) => r.bodyMd)).toEqual(["Dit is mijn echte reactie."]);
    expect(mail.smtp.mailTo(asker.email)).toEqual([]);
  });
});

function rawHeader(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : null;
}
