import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setJoinMode } from "~/accounts/join-mode.server";
import { getPostHolds, setPostHolds } from "~/accounts/post-holds.server";
import { PostHoldsSchema } from "~/accounts/schemas";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import { editDilemma } from "~/dilemmas/edit.server";
import { listRecentDilemmas } from "~/dilemmas/list.server";
import { approveDilemma, unhideDilemma } from "~/dilemmas/moderation.server";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import { auditTrail } from "~/moderation/audit-trail.server";
import { approveFromQueue, countQueue, hideFromQueue, listQueue } from "~/moderation/queue.server";
import { moderationReactions } from "~/moderation/reactions.server";
import { sendDigest } from "~/notifications/digest.server";
import { dilemmasFeed } from "~/notifications/feeds.server";
import { listNotifications } from "~/notifications/inbox.server";
import { saveDeliveries } from "~/notifications/settings.server";
import { notificationsSubscriber } from "~/notifications/subscriber.server";
import { setWatch } from "~/notifications/watches.server";
import { db } from "~/platform/db.server";
import { Forbidden, Invalid, NotFound } from "~/platform/errors.server";
import { loadDilemmaPage } from "~/replies/dilemma-page.server";
import { approveReply, createReply, editReply, unhideReply } from "~/replies/replies.server";
import { searchRequestFromParams } from "~/search/params";
import { search } from "~/search/search.server";
import { useTestDatabase } from "../support/database";
import { useEventRelay } from "../support/event-relay";
import { useMailAndJobs } from "../support/mail-and-jobs";
import { peopleMaker } from "../support/moderation-relay";

// Holds for new members (issue 25, decision 037): while anyone may join, a new member's first
// posts wait, hidden, for an organiser's approval. Real Postgres, the real relay with the
// notifications, audit and moderation subscribers, real mail over SMTP to an in-process
// receiver, the real search index.
const database = useTestDatabase();
const mail = useMailAndJobs();
const { settled } = useEventRelay(database, [notificationsSubscriber, auditTrail, moderationReactions]);

const person = peopleMaker("wacht");
const visitor = new Guardian(anonymousViewer);
let admin: Awaited<ReturnType<typeof person>>;
let organiser: Awaited<ReturnType<typeof person>>;
let tag: { id: number; slug: string };
let n = 0;

beforeAll(async () => {
  admin = await person("admin");
  organiser = await person("organiser");
  tag = await db.competence.create({ data: { slug: "buurtbemiddeling", nameNl: "Buurtbemiddeling", nameEn: "Neighbourhood mediation" }, select: { id: true, slug: true } });
  await setJoinMode(admin.guardian, "open");
});
beforeEach(async () => {
  await setJoinMode(admin.guardian, "open");
});

const ask = (who: { guardian: Guardian }, word: string) =>
  createDilemma(who.guardian, { title: `Vraag over ${word} nummer ${++n}`, body: `Hoe pak ik ${word} aan in de wijk?`, competences: [tag.slug], submissionId: randomUUID() });
const answer = (who: { guardian: Guardian }, dilemmaId: number, body: string) => createReply(who.guardian, dilemmaId, { body, submissionId: randomUUID() });
const found = async (who: Guardian, word: string) => (await search(who, searchRequestFromParams(new URLSearchParams({ q: word })))).hits.map((h) => `${h.kind}:${h.id}`);
const inbox = async (who: { guardian: Guardian }) => (await listNotifications(who.guardian, null)).items;

describe("a new member's first dilemma waits for approval", () => {
  it("is seen by nobody but its author and staff until approved; then watchers hear of it, search finds it and the author is told", async () => {
    await setPostHolds(admin.guardian, 1);
    const newcomer = await person();
    const reader = await person();
    const later = await person(); // reads the daily digest only after the approval
    for (const who of [reader, later]) {
      await setWatch(who.guardian, "competence", tag.id, "watching");
      await saveDeliveries(who.guardian, { replies: "instant", mentions: "instant", answers: "instant", newDilemmas: "daily", meetings: "off", digest: "daily" });
    }

    const held = await ask(newcomer, "zwerfvuilwachten");
    expect(held.held).toBe(true);
    await settled();

    // Nobody else sees it: lists, its page, search, the feed, the digest, the bell.
    expect((await listRecentDilemmas(reader.guardian, 50)).map((d) => d.id)).not.toContain(held.id);
    expect((await listRecentDilemmas(visitor, 50)).map((d) => d.id)).not.toContain(held.id);
    await expect(loadDilemmaPage(reader.guardian, held.id, 1, { readLive: true })).rejects.toThrow(NotFound);
    expect(await found(reader.guardian, "zwerfvuilwachten")).toEqual([]);
    expect(await found(visitor, "zwerfvuilwachten")).toEqual([]);
    expect((await dilemmasFeed(reader.guardian, "nl"))!.entries.map((e) => e.url).join(" ")).not.toContain(`/dilemmas/${held.id}/`);
    expect((await inbox(reader)).map((i) => i.kind)).not.toContain("new_dilemma");
    if (await sendDigest(reader.id, "daily")) {
      const digest = await mail.smtp.nextMailTo(reader.email);
      expect(digest.links.some((l) => l.includes(`/dilemmas/${held.id}/`))).toBe(false);
    }

    // Its author and staff do, marked; the queue lists it with a count.
    const own = await loadDilemmaPage(newcomer.guardian, held.id, 1, { readLive: true });
    expect(own.dilemma.heldAt).not.toBeNull();
    expect(own.can.approve).toBe(false);
    expect(await found(newcomer.guardian, "zwerfvuilwachten")).toEqual([`dilemma:${held.id}`]);
    expect((await loadDilemmaPage(organiser.guardian, held.id, 1, { readLive: true })).can.approve).toBe(true);
    expect((await listQueue(organiser.guardian)).find((e) => e.kind === "dilemma" && e.postId === held.id)?.heldAt).not.toBeNull();
    expect(await countQueue(organiser.guardian)).toBeGreaterThanOrEqual(1);
    expect(await countQueue(newcomer.guardian)).toBe(0);

    await approveFromQueue(organiser.guardian, "dilemma", held.id);
    await settled();

    expect((await listRecentDilemmas(reader.guardian, 50)).map((d) => d.id)).toContain(held.id);
    expect(await found(visitor, "zwerfvuilwachten")).toEqual([`dilemma:${held.id}`]);
    expect((await inbox(reader)).filter((i) => i.kind === "new_dilemma").map((i) => i.href)).toEqual([expect.stringContaining(`/dilemmas/${held.id}/`)]);
    const told = await mail.smtp.nextMailTo(newcomer.email);
    expect(told.subject).toBe("Je bericht is goedgekeurd");
    expect(told.text).not.toContain(organiser.name);
    expect((await inbox(newcomer)).map((i) => i.kind)).toContain("post_approved");
    const trail = await db.auditEntry.findFirstOrThrow({ where: { kind: "dilemma.approved", subjectId: held.id } });
    expect([trail.actorId, trail.before, trail.after]).toEqual([organiser.id, { held: true }, { held: false }]);
    expect(await sendDigest(later.id, "daily")).toBe(true);
    expect((await mail.smtp.nextMailTo(later.email)).links.some((l) => l.includes(`/dilemmas/${held.id}/`))).toBe(true);

    // One approved post was the number: the next goes online at once.
    const free = await ask(newcomer, "buurtfeesten");
    expect(free.held).toBe(false);
    expect(await found(visitor, "buurtfeesten")).toEqual([`dilemma:${free.id}`]);
  });

  it("holds nobody when the number is 0, when not anyone may join, or when staff write", async () => {
    await setPostHolds(admin.guardian, 3);
    expect((await ask(organiser, "staf")).held).toBe(false);
    expect((await ask(admin, "beheer")).held).toBe(false);
    await setJoinMode(admin.guardian, "approval");
    expect((await ask(await person(), "goedgekeurd")).held).toBe(false);
    await setJoinMode(admin.guardian, "open");
    await setPostHolds(admin.guardian, 0);
    expect((await ask(await person(), "niemand")).held).toBe(false);
  });

  it("stays held when its author edits it, and cannot be restored instead of approved", async () => {
    await setPostHolds(admin.guardian, 1);
    const newcomer = await person();
    const held = await ask(newcomer, "hangjongeren");
    await editDilemma(newcomer.guardian, held.id, { title: "Vraag over hangjongeren, aangepast", body: "Nu beter uitgelegd.", competences: [tag.slug] });
    const row = await db.dilemma.findUniqueOrThrow({ where: { id: held.id } });
    expect([row.title, row.heldAt !== null, row.hiddenAt !== null]).toEqual(["Vraag over hangjongeren, aangepast", true, true]);
    await expect(unhideDilemma(organiser.guardian, held.id)).rejects.toThrow(Forbidden);
    await expect(approveDilemma(newcomer.guardian, held.id)).rejects.toThrow(Forbidden);
    // Another member learns nothing, not even that it exists.
    await expect(approveDilemma((await person()).guardian, held.id)).rejects.toThrow(NotFound);
    expect((await db.dilemma.findUniqueOrThrow({ where: { id: held.id } })).heldAt).not.toBeNull();
    expect(await db.domainEvent.count({ where: { type: { in: ["dilemma.approved", "dilemma.unhidden"] }, subjectId: held.id } })).toBe(0);
  });
});

describe("a new member's first replies wait for approval", () => {
  it("counts approved replies, tells the asker only after approval, and tells the author why when turned down", async () => {
    await setPostHolds(admin.guardian, 2);
    const asker = await person("organiser"); // never held
    const newcomer = await person();
    const dilemma = await ask(asker, "burenruzie");
    await settled();
    const before = (await db.dilemma.findUniqueOrThrow({ where: { id: dilemma.id } })).replyCount;

    const first = await answer(newcomer, dilemma.id, "Ga eerst samen een kop koffie drinken.");
    expect(first.held).toBe(true);
    await settled();
    expect((await db.dilemma.findUniqueOrThrow({ where: { id: dilemma.id } })).replyCount).toBe(before);
    const othersView = await loadDilemmaPage(asker.guardian, dilemma.id, 1, { readLive: true }); // staff: sees it, marked
    expect(othersView.thread.nodes.map((n) => [n.reply.id, n.reply.state])).toEqual([[first.id, "held"]]);
    const member = await person();
    expect((await loadDilemmaPage(member.guardian, dilemma.id, 1, { readLive: true })).thread.nodes).toEqual([]);
    expect((await loadDilemmaPage(newcomer.guardian, dilemma.id, 1, { readLive: true })).thread.nodes.map((n) => n.reply.can.edit)).toEqual([true]);
    expect(await found(member.guardian, "koffie")).toEqual([]);
    expect((await inbox(asker)).filter((i) => i.kind === "reply")).toEqual([]);

    // The author fixes a typo: it stays held.
    await editReply(newcomer.guardian, first.id, { body: "Ga eerst samen een kop koffie drinken, met de wijkagent erbij." });
    expect((await db.reply.findUniqueOrThrow({ where: { id: first.id } })).heldAt).not.toBeNull();
    await expect(unhideReply(asker.guardian, first.id)).rejects.toThrow(Forbidden);

    await approveReply(asker.guardian, first.id);
    await approveReply(asker.guardian, first.id); // a second click changes nothing
    await settled();
    expect((await db.dilemma.findUniqueOrThrow({ where: { id: dilemma.id } })).replyCount).toBe(before + 1);
    expect((await inbox(asker)).filter((i) => i.kind === "reply").map((i) => i.href)).toEqual([expect.stringContaining(`${first.id}`)]);
    expect(await found(member.guardian, "koffie")).toEqual([`reply:${first.id}`]);
    expect((await loadDilemmaPage(member.guardian, dilemma.id, 1, { readLive: true })).thread.nodes.map((n) => n.reply.state)).toEqual(["normal"]);
    expect(await db.domainEvent.count({ where: { type: "reply.approved", subjectId: first.id } })).toBe(1);
    expect((await mail.smtp.nextMailTo(newcomer.email)).subject).toBe("Je bericht is goedgekeurd");

    // One of two approved: the second still waits. Turned down, it does not count.
    const second = await answer(newcomer, dilemma.id, "Bel gewoon de politie.");
    expect(second.held).toBe(true);
    await expect(hideFromQueue(asker.guardian, "reply", second.id, " \u200b ")).rejects.toThrow(Invalid);
    expect((await db.reply.findUniqueOrThrow({ where: { id: second.id } })).heldAt).not.toBeNull();
    await hideFromQueue(asker.guardian, "reply", second.id, "Te kort door de bocht. Leg uit wat je zelf zou doen.");
    await settled();
    const rejected = await db.reply.findUniqueOrThrow({ where: { id: second.id } });
    expect([rejected.heldAt, rejected.hiddenAt !== null, rejected.hiddenReason]).toEqual([null, true, "Te kort door de bocht. Leg uit wat je zelf zou doen."]);
    expect((await db.dilemma.findUniqueOrThrow({ where: { id: dilemma.id } })).replyCount).toBe(before + 1);
    const no = await mail.smtp.nextMailTo(newcomer.email);
    expect(no.subject).toBe("Je bericht is niet goedgekeurd");
    expect(no.text).toContain("Te kort door de bocht. Leg uit wat je zelf zou doen.");
    expect((await inbox(newcomer)).map((i) => i.kind)).toContain("post_rejected");
    expect((await inbox(asker)).filter((i) => i.kind === "reply")).toHaveLength(1);
    const trail = await db.auditEntry.findFirstOrThrow({ where: { kind: "reply.hidden", subjectId: second.id } });
    expect([trail.reason, trail.before]).toEqual(["Te kort door de bocht. Leg uit wat je zelf zou doen.", { held: true }]);

    expect((await answer(newcomer, dilemma.id, "Een derde poging, netjes uitgelegd.")).held).toBe(true);
  });

  it("refuses a member who approves, and stores nothing then", async () => {
    await setPostHolds(admin.guardian, 1);
    const newcomer = await person();
    const dilemma = await ask(organiser, "parkeerplaatsen");
    const held = await answer(newcomer, dilemma.id, "Mijn eerste reactie.");
    await expect(approveReply(newcomer.guardian, held.id)).rejects.toThrow(Forbidden);
    await expect(approveFromQueue((await person()).guardian, "reply", held.id)).rejects.toThrow(Forbidden);
    expect((await db.reply.findUniqueOrThrow({ where: { id: held.id } })).heldAt).not.toBeNull();
    expect(await db.domainEvent.count({ where: { type: "reply.approved", subjectId: held.id } })).toBe(0);
  });
});

describe("the admin's setting", () => {
  it("is the admin's, checked, and recorded in the trail when it changes", async () => {
    await setPostHolds(admin.guardian, 2);
    await expect(setPostHolds(organiser.guardian, 5)).rejects.toThrow(Forbidden);
    expect(await getPostHolds()).toBe(2);
    for (const bad of ["", "-1", "21", "2.5", "twee", "1e1"]) expect(PostHoldsSchema.safeParse({ holdFirstPosts: bad }).success, bad).toBe(false);
    expect(PostHoldsSchema.parse({ holdFirstPosts: " 4 " })).toEqual({ holdFirstPosts: 4 });
    await setPostHolds(admin.guardian, 4);
    await setPostHolds(admin.guardian, 4); // no change, no entry
    await settled();
    const entries = await db.auditEntry.findMany({ where: { kind: "circle.post_holds_changed" }, orderBy: { id: "desc" }, take: 2 });
    expect(entries.map((e) => [e.actorId, e.before, e.after])[0]).toEqual([admin.id, { holdFirstPosts: 2 }, { holdFirstPosts: 4 }]);
    expect(entries.filter((e) => (e.after as { holdFirstPosts: number }).holdFirstPosts === 4)).toHaveLength(1);
  });
});
