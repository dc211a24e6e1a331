import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { confirmSignUp, signUp } from "~/accounts/signup.server";
import { setJoinMode } from "~/accounts/join-mode.server";
import { setPostHolds } from "~/accounts/post-holds.server";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import { hideDilemma } from "~/dilemmas/moderation.server";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import { openAgenda } from "~/meetings/agenda.server";
import { createUpcomingMeeting, deleteMeeting } from "~/meetings/reports.server";
import { sendDigest, sendDigests } from "~/notifications/digest.server";
import { countUnread, listNotifications, markAllRead, openNotification } from "~/notifications/inbox.server";
import { mentionedHandles } from "~/notifications/mentions";
import { readUnsubscribeToken, saveDeliveries, unsubscribe } from "~/notifications/settings.server";
import { notificationsSubscriber } from "~/notifications/subscriber.server";
import { listMarks, openDilemma, visitDilemma } from "~/notifications/visits.server";
import { setWatch, watchStateOf } from "~/notifications/watches.server";
import { db } from "~/platform/db.server";
import { createReply, hideReply, markAnswer, setHelpful } from "~/replies/replies.server";
import { useTestDatabase } from "../support/database";
import { useEventRelay } from "../support/event-relay";
import { tokenOf, useMailAndJobs } from "../support/mail-and-jobs";

// Issue 20: who hears of what, in the forum and by mail. The real relay hands the domain's
// events to the notifications subscriber; the real job runner sends mail over SMTP to an
// in-process receiver.
const database = useTestDatabase();
const mail = useMailAndJobs();

const { settled } = useEventRelay(database, [notificationsSubscriber]);

let n = 0;
async function member(role: Role = "member", extra: { status?: "active" | "pending"; erased?: boolean } = {}) {
  const i = ++n;
  const handle = `lid-${i}`;
  const user = await db.user.create({
    data: {
      handle,
      displayName: `Lid ${i}`,
      role,
      email: `lid${i}@kring.test`,
      status: extra.status ?? "active",
      erasedAt: extra.erased ? new Date() : null,
    },
  });
  const guardian = new Guardian({ kind: "member", id: user.id, handle, displayName: user.displayName, role, locale: "nl" });
  return Object.assign(guardian, { id: user.id, handle, email: user.email! });
}

let competenceSlug = "";
let competenceId = 0;
beforeAll(async () => {
  const c = await db.competence.create({ data: { slug: "buurtbemiddeling", nameNl: "Buurtbemiddeling", nameEn: "Neighbourhood mediation" } });
  competenceSlug = c.slug;
  competenceId = c.id;
});

async function ask(asker: Guardian, body = "Wat doe je als de buren blijven klagen?") {
  const d = await createDilemma(asker, { title: `Dilemma ${++n} over geluid`, body, competences: [competenceSlug], submissionId: randomUUID() });
  return d.id;
}
/** A header as sent (mailparser folds List-* headers into an object; the raw text is what a mail program reads). */
function rawHeader(message: { raw: string }, name: string): string | null {
  const head = message.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : null;
}

const say = (body: string, parentId?: number) => ({ body, parentId, submissionId: randomUUID() });

async function rowsOf(userId: number) {
  return db.notification.findMany({ where: { userId }, orderBy: { id: "asc" } });
}

describe("in the forum", () => {
  it("tells the asker of a reply, the replier of a reply to theirs, never the actor, and links to the exact reply", async () => {
    const asker = await member();
    const replier = await member();
    const dilemmaId = await ask(asker);
    const first = await createReply(replier, dilemmaId, say("Ga eerst zelf in gesprek."));
    await settled();
    expect((await rowsOf(asker.id)).map((r) => [r.kind, r.replyId])).toEqual([["reply", first.id]]);
    expect(await rowsOf(replier.id)).toEqual([]);
    // The replier now watches by default; the asker answers them.
    expect(await watchStateOf(replier.id, "dilemma", dilemmaId)).toBe("watching");
    const second = await createReply(asker, dilemmaId, say("Dank, dat probeer ik.", first.id));
    await settled();
    expect((await rowsOf(replier.id)).map((r) => [r.kind, r.replyId])).toEqual([["reply", second.id]]);
    expect((await rowsOf(asker.id)).length).toBe(1); // not told of their own reply
    expect(await countUnread(replier)).toBe(1);
    const inbox = await listNotifications(replier, null);
    expect(inbox.items[0]).toMatchObject({ kind: "reply", actor: (asker.viewer as { displayName: string }).displayName, read: false, href: `/replies/${second.id}` });
    expect(await openNotification(replier, inbox.items[0]!.id)).toBe(`/replies/${second.id}`);
    expect(await countUnread(replier)).toBe(0);
    // Another member's notification is not theirs to open.
    await expect(openNotification(asker, inbox.items[0]!.id)).rejects.toThrow();
  });

  it("tells a member mentioned by @handle once (a mention, not also a reply), but not for an address", async () => {
    const asker = await member();
    const colleague = await member();
    const replier = await member();
    const dilemmaId = await ask(asker);
    await createReply(replier, dilemmaId, say(`Vraag het @${colleague.handle} en @${asker.handle}, of mail lid@${colleague.handle}.nl`));
    await settled();
    expect((await rowsOf(colleague.id)).map((r) => r.kind)).toEqual(["mention"]);
    expect((await rowsOf(asker.id)).map((r) => r.kind)).toEqual(["mention"]);
    expect(mentionedHandles("mail anna@example.nl, `@code` en @Anna-B! en (@piet)")).toEqual(["anna-b", "piet"]);
  });

  it("tells the author of a reply marked as the answer and found helpful", async () => {
    const asker = await member();
    const replier = await member();
    const fan = await member();
    const dilemmaId = await ask(asker);
    const reply = await createReply(replier, dilemmaId, say("Zo doe ik het."));
    await markAnswer(asker, reply.id);
    await setHelpful(fan, reply.id, true);
    await settled();
    expect((await rowsOf(replier.id)).map((r) => [r.kind, r.actorId])).toEqual([
      ["answer", asker.id],
      ["helpful", fan.id],
    ]);
  });

  it("tells those who watch a competence of a new dilemma in it, and no one who cannot take part", async () => {
    const watcher = await member();
    const pending = await member("member", { status: "pending" });
    const erased = await member();
    const asker = await member();
    await setWatch(watcher, "competence", competenceId, "watching");
    await setWatch(erased, "competence", competenceId, "watching");
    await db.watch.create({ data: { userId: pending.id, targetType: "competence", targetId: competenceId, level: "watching" } });
    await db.user.update({ where: { id: erased.id }, data: { erasedAt: new Date() } });
    const dilemmaId = await ask(asker);
    await settled();
    expect((await rowsOf(watcher.id)).map((r) => [r.kind, r.dilemmaId])).toEqual([["new_dilemma", dilemmaId]]);
    expect(await rowsOf(pending.id)).toEqual([]);
    expect(await rowsOf(erased.id)).toEqual([]);
    await setWatch(watcher, "competence", competenceId, "none");
  });

  it("stays quiet in a muted thread (a mention still comes through)", async () => {
    const asker = await member();
    const replier = await member();
    const dilemmaId = await ask(asker);
    await setWatch(asker, "dilemma", dilemmaId, "muted");
    await createReply(replier, dilemmaId, say("Een reactie."));
    await createReply(replier, dilemmaId, say(`@${asker.handle}, kijk even.`));
    await settled();
    expect((await rowsOf(asker.id)).map((r) => r.kind)).toEqual(["mention"]);
  });

  it("withdraws what is hidden: a hidden reply's notifications go, a hidden dilemma's too", async () => {
    const asker = await member();
    const replier = await member();
    const organiser = await member("organiser");
    const dilemmaId = await ask(asker);
    const reply = await createReply(replier, dilemmaId, say("Ik noem hier een bewoner bij naam."));
    await settled();
    expect((await listNotifications(asker, null)).items).toHaveLength(1);
    await hideReply(organiser, reply.id, "Persoonsgegevens van een bewoner");
    await settled();
    expect(await rowsOf(asker.id)).toEqual([]);

    const other = await ask(asker);
    await createReply(replier, other, say("Nog een reactie."));
    await settled();
    // Before the subscriber withdraws them, the Guardian already hides them from the inbox.
    await hideDilemma(organiser, other, "Gaat over één bewoner");
    const inbox = await listNotifications(replier, null);
    expect(inbox.items.filter((i) => i.title.includes(String(other)))).toEqual([]);
    await settled();
    expect(await db.notification.count({ where: { dilemmaId: other } })).toBe(0);
  });

  it("tells every member of a planned meeting, its agenda opening and its cancellation, with its title", async () => {
    const organiser = await member("organiser");
    const someone = await member();
    const other = await member();
    const meeting = await createUpcomingMeeting(organiser, { title: "Kringdag voorjaar", heldOn: "2027-03-10" });
    await openAgenda(organiser, meeting.id);
    await settled();
    expect((await rowsOf(someone.id)).map((r) => r.kind)).toEqual(["meeting_planned", "meeting_agenda"]);
    expect(await rowsOf(organiser.id)).toEqual([]);
    await setWatch(someone, "meeting", meeting.id, "none"); // not following = muted for meetings
    await deleteMeeting(organiser, meeting.id);
    await settled();
    expect(await rowsOf(someone.id)).toEqual([]); // muted, and the meeting's own rows went
    expect((await rowsOf(other.id)).map((r) => [r.kind, r.label])).toEqual([["meeting_cancelled", "Kringdag voorjaar (2027-03-10)"]]);
    const [view] = (await listNotifications(other, null)).items;
    expect(view).toMatchObject({ kind: "meeting_cancelled", title: "Kringdag voorjaar (2027-03-10)", href: "/meetings" });
  });

  it("tells organisers and admins of a join request waiting", async () => {
    const admin = await member("admin");
    const organiser = await member("organiser");
    const plain = await member();
    await setJoinMode(admin, "approval");
    await signUp(
      new Guardian(anonymousViewer),
      { email: "nieuw@kring.test", displayName: "Nieuw Lid", password: "correct paard batterij nietje", motivation: "Ik werk in de wijk", locale: "nl", consent: "on", redirectTo: undefined },
      { ip: "127.0.0.1" },
    );
    const confirm = await mail.smtp.nextMailTo("nieuw@kring.test");
    await confirmSignUp(new Guardian(anonymousViewer), tokenOf(confirm.link("/signup/confirm/")));
    await settled();
    expect((await rowsOf(organiser.id)).map((r) => r.kind)).toContain("join_request");
    expect((await rowsOf(admin.id)).map((r) => r.kind)).toContain("join_request");
    expect(await rowsOf(plain.id)).toEqual([]);
    await setJoinMode(admin, "open");
    await setPostHolds(admin, 0); // the rest of this file's members post freely in the open circle (holds: decision 037)
    await markAllRead(organiser);
  });

  it("marks what is new since the last visit, on the list and in the thread", async () => {
    const reader = await member();
    const asker = await member();
    const dilemmaId = await ask(asker);
    expect((await listMarks(reader, [dilemmaId]))[dilemmaId]).toBe("new");
    expect(await visitDilemma(reader, dilemmaId)).toBeNull();
    expect((await listMarks(reader, [dilemmaId]))[dilemmaId]).toBeUndefined();
    // A visit long ago; a reply since.
    const longAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await db.dilemmaVisit.update({ where: { userId_dilemmaId: { userId: reader.id, dilemmaId } }, data: { seenAt: longAgo } });
    await createReply(asker, dilemmaId, say("Update: het is opgelost."));
    expect((await listMarks(reader, [dilemmaId]))[dilemmaId]).toBe("updated");
    expect((await visitDilemma(reader, dilemmaId))?.getTime()).toBe(longAgo.getTime());
    // A reload a moment later is the same visit: the marks stay.
    expect((await visitDilemma(reader, dilemmaId))?.getTime()).toBe(longAgo.getTime());
    expect((await listMarks(reader, [dilemmaId]))[dilemmaId]).toBeUndefined();
  });

  it("tells the page whether the member follows it in the same step that records the visit", async () => {
    const reader = await member();
    const asker = await member();
    const dilemmaId = await ask(asker);
    // The asker follows by default; a reader does not until they choose to, or mute it.
    expect(await openDilemma(asker, dilemmaId)).toEqual({ newSince: null, watch: "watching" });
    expect(await openDilemma(reader, dilemmaId)).toEqual({ newSince: null, watch: "none" });
    await setWatch(reader, "dilemma", dilemmaId, "watching");
    expect((await openDilemma(reader, dilemmaId))?.watch).toBe("watching");
    await setWatch(asker, "dilemma", dilemmaId, "muted");
    expect((await openDilemma(asker, dilemmaId))?.watch).toBe("muted");
    for (const m of [reader, asker]) expect((await openDilemma(m, dilemmaId))?.watch).toBe(await watchStateOf(m.id, "dilemma", dilemmaId));
    expect(await openDilemma(new Guardian(anonymousViewer), dilemmaId)).toBeNull();
  });
});

describe("by mail", () => {
  it("sends one mail per thread however many replies come, with one-click unsubscribe that needs no login", async () => {
    const asker = await member();
    const dilemmaId = await ask(asker);
    const repliers = await Promise.all([member(), member(), member()]);
    for (let i = 0; i < 12; i++) await createReply(repliers[i % 3]!, dilemmaId, say(`Reactie nummer ${i + 1}.`));
    await settled();
    const first = await mail.smtp.nextMailTo(asker.email);
    expect(first.subject).toMatch(/Lid \d+ reageerde bij|nieuwe meldingen bij/);
    expect(first.text).toContain("Reactie nummer 1.");
    expect(first.links.some((l) => l.includes("/replies/"))).toBe(true);
    // More replies within 10 minutes: no second mail.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(mail.smtp.mailTo(asker.email)).toHaveLength(1);
    expect(await db.notificationMailThrottle.count({ where: { userId: asker.id } })).toBe(1);

    const header = String(rawHeader(first, "List-Unsubscribe"));
    expect(rawHeader(first, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const url = /<([^>]+)>/.exec(header)![1]!;
    const token = tokenOf(url);
    expect(await readUnsubscribeToken(token.replace(/.$/, (c) => (c === "A" ? "B" : "A")))).toBeNull();
    expect(await readUnsubscribeToken(token.replace(/^\d+/, String(repliers[0]!.id)))).toBeNull();
    const link = await readUnsubscribeToken(token);
    expect(link).toEqual({ userId: asker.id, scope: "replies" });
    await unsubscribe(link!);
    const settings = await db.notificationSettings.findUniqueOrThrow({ where: { userId: asker.id } });
    expect(settings.replies).toBe("off");
    expect(settings.mentions).toBe("instant");
  });

  it("sends a daily digest with new dilemmas in my competences, unanswered ones and the next meeting's agenda", async () => {
    const reader = await member();
    const asker = await member();
    const organiser = await member("organiser");
    await saveDeliveries(reader, { replies: "instant", mentions: "instant", answers: "instant", newDilemmas: "daily", meetings: "off", digest: "daily" });
    await setWatch(reader, "competence", competenceId, "watching");
    const dilemmaId = await ask(asker, "Een nieuwe vraag over buurtbemiddeling.");
    const meeting = await createUpcomingMeeting(organiser, { title: "Kringdag zomer", heldOn: "2099-06-10", openAgenda: true });
    await settled();
    expect(await sendDigest(reader.id, "daily")).toBe(true);
    const digest = await mail.smtp.nextMailTo(reader.email);
    expect(digest.subject).toBe("Je dagelijkse overzicht van de kring");
    expect(digest.links.some((l) => l.includes(`/dilemmas/${dilemmaId}/`))).toBe(true);
    expect(digest.text, digest.text).toContain("Kringdag zomer");
    expect(digest.links.some((l) => l.endsWith(`/meetings/${meeting.id}`))).toBe(true);
    expect(String(rawHeader(digest, "List-Unsubscribe"))).toContain("/notifications/unsubscribe/");
    // The same period again: nothing new to send.
    expect(await sendDigest(reader.id, "daily")).toBe(false);
    await setWatch(reader, "competence", competenceId, "none");
  });
  it("never puts a hidden reply or dilemma in a digest, and sends an erased or no longer active member nothing", async () => {
    const reader = await member();
    const replier = await member();
    const asker = await member();
    const organiser = await member("organiser");
    await saveDeliveries(reader, { replies: "daily", mentions: "instant", answers: "instant", newDilemmas: "daily", meetings: "off", digest: "daily" });
    await setWatch(reader, "competence", competenceId, "watching");
    const own = await ask(reader, "Mijn eigen vraag over de trap.");
    await createReply(replier, own, say("Zichtbaar: bel eerst de woningcorporatie."));
    const hiddenReply = await createReply(replier, own, say("Verborgen: mevrouw Jansen op nummer 12 weet alles."));
    const shown = await ask(asker, "Een zichtbare vraag over de trap.");
    const hidden = await ask(asker, "Een verborgen vraag over één bewoner.");
    await settled();
    await hideReply(organiser, hiddenReply.id, "Persoonsgegevens van een bewoner");
    await hideDilemma(organiser, hidden, "Gaat over één bewoner");
    await settled();
    expect(await sendDigest(reader.id, "daily")).toBe(true);
    const digest = await mail.smtp.nextMailTo(reader.email);
    expect(digest.text).toContain("Zichtbaar: bel eerst de woningcorporatie.");
    expect(digest.links.some((l) => l.includes(`/dilemmas/${shown}/`))).toBe(true);
    expect(digest.text).not.toContain("mevrouw Jansen");
    expect(digest.links.some((l) => l.includes(`/dilemmas/${hidden}/`) || l.includes(`/replies/${hiddenReply.id}`))).toBe(false);

    // Erased, or back to pending: no digest and no mail, however much there is to say.
    const erased = await member();
    const pending = await member();
    for (const m of [erased, pending]) {
      await saveDeliveries(m, { replies: "instant", mentions: "instant", answers: "instant", newDilemmas: "daily", meetings: "instant", digest: "daily" });
    }
    await setWatch(erased, "competence", competenceId, "watching");
    const theirs = await ask(erased, "Een vraag van iemand die straks weg is.");
    await settled();
    await db.user.update({ where: { id: erased.id }, data: { erasedAt: new Date() } });
    await db.user.update({ where: { id: pending.id }, data: { status: "pending" } });
    await ask(asker, "Nog een zichtbare vraag over de trap.");
    await createReply(replier, theirs, say(`@${pending.handle} en @${erased.handle}, wat denken jullie?`));
    await settled();
    expect(await rowsOf(erased.id)).toEqual([]);
    expect(await rowsOf(pending.id)).toEqual([]);
    expect(await sendDigest(erased.id, "daily")).toBe(false);
    expect(await sendDigest(pending.id, "daily")).toBe(false);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(mail.smtp.mailTo(erased.email)).toEqual([]);
    expect(mail.smtp.mailTo(pending.email)).toEqual([]);
    await setWatch(reader, "competence", competenceId, "none");
  });

  it("sends a batch of members their digests at once, each in their own language and by their own rules", async () => {
    const nl = await member();
    const en = await member();
    const silent = await member();
    const erased = await member();
    const pending = await member();
    const asker = await member();
    const organiser = await member("organiser");
    await db.user.update({ where: { id: en.id }, data: { locale: "en" } });
    for (const m of [nl, en, erased, pending, organiser]) {
      await saveDeliveries(m, { replies: "instant", mentions: "instant", answers: "instant", newDilemmas: "daily", meetings: "off", digest: "daily" });
      await setWatch(m, "competence", competenceId, "watching");
    }
    await saveDeliveries(silent, { replies: "off", mentions: "off", answers: "off", newDilemmas: "off", meetings: "off", digest: "off" });
    const shown = await ask(asker, "Een vraag die iedereen mag lezen.");
    const hidden = await ask(asker, "Een vraag die straks verborgen wordt.");
    await settled();
    await db.user.update({ where: { id: erased.id }, data: { erasedAt: new Date() } });
    await db.user.update({ where: { id: pending.id }, data: { status: "pending" } });
    // A run reads the circle's news once and keeps it a minute; a dilemma hidden meanwhile
    // must still stay out of every digest of that run.
    const run = new Date().toISOString();
    expect(await sendDigests([organiser.id], "daily", new Date(), run)).toBe(1);
    await mail.smtp.nextMailTo(organiser.email);
    await hideDilemma(organiser, hidden, "Gaat over één bewoner");
    await settled();

    expect(await sendDigests([nl.id, en.id, silent.id, erased.id, pending.id], "daily", new Date(), run)).toBe(2);
    const toNl = await mail.smtp.nextMailTo(nl.email);
    const toEn = await mail.smtp.nextMailTo(en.email);
    expect(toNl.subject).toBe("Je dagelijkse overzicht van de kring");
    expect(toEn.subject).toBe("Your daily summary of the circle");
    for (const digest of [toNl, toEn]) {
      expect(digest.links.some((l) => l.includes(`/dilemmas/${shown}/`))).toBe(true);
      expect(digest.links.some((l) => l.includes(`/dilemmas/${hidden}/`))).toBe(false);
      // Each member's own unsubscribe link.
      expect(String(rawHeader(digest, "List-Unsubscribe"))).toContain(`/notifications/unsubscribe/${digest === toNl ? nl.id : en.id}.daily.`);
    }
    // The same run again (a retried job): nobody gets a second one.
    expect(await sendDigests([nl.id, en.id, silent.id], "daily", new Date(), run)).toBe(0);
    await new Promise((r) => setTimeout(r, 1_000));
    for (const m of [silent, erased, pending]) expect(mail.smtp.mailTo(m.email)).toEqual([]);
    expect(mail.smtp.mailTo(nl.email)).toHaveLength(1);
    for (const m of [nl, en, erased, pending, organiser]) await setWatch(m, "competence", competenceId, "none");
  });
});
