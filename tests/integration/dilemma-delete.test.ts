import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { deleteDilemma, deletionKeepsThread } from "~/dilemmas/delete.server";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import { editDilemma } from "~/dilemmas/edit.server";
import { listRecentDilemmas } from "~/dilemmas/list.server";
import { hideDilemma } from "~/dilemmas/moderation.server";
import { getDilemmaHistory } from "~/dilemmas/revisions.server";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import { getMemberProfile } from "~/members/profiles.server";
import { notificationsSubscriber } from "~/notifications/subscriber.server";
import { setWatch } from "~/notifications/watches.server";
import { db } from "~/platform/db.server";
import { Forbidden, NotFound } from "~/platform/errors.server";
import { loadDilemmaPage } from "~/replies/dilemma-page.server";
import { createReply, deleteReply, editReply } from "~/replies/replies.server";
import { competenceCache } from "~/search/competence-terms.server";
import { searchRequestFromParams } from "~/search/params";
import { search } from "~/search/search.server";
import { useTestDatabase } from "../support/database";
import { useEventRelay } from "../support/event-relay";
import { useMailAndJobs } from "../support/mail-and-jobs";

// Issue 22 (decision 038): the asker deletes their own dilemma, by a deleted reply's rules.
// Others replied: a tombstone (title, tags and their replies stay; the text, its history and
// its asker's name go). Nobody else replied: gone from every list, page, search and inbox.
const database = useTestDatabase();
useMailAndJobs(); // notifications enqueue mail jobs: the queues must exist
const visitor = new Guardian(anonymousViewer);

const { settled } = useEventRelay(database, [notificationsSubscriber]);

let n = 0;
async function member(role: Role = "member"): Promise<Guardian> {
  const i = ++n;
  const user = await db.user.create({ data: { handle: `wisser-${i}`, displayName: `Wisser ${i}`, role, email: `wisser${i}@kring.test` } });
  return new Guardian({ kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role, locale: "nl" });
}

let tag = "";
beforeAll(async () => {
  tag = `wis-${randomUUID().slice(0, 8)}`;
  await db.competence.create({ data: { slug: tag, nameNl: "Wissen", nameEn: "Deleting" } });
  competenceCache.invalidate();
});

/** A word no other test uses, so a search sees only this test's posts. */
const word = (stem: string) => `${stem}${++n}q`;
const ask = (asker: Guardian, title: string, body: string) => createDilemma(asker, { title, body, competences: [tag], submissionId: randomUUID() });
const reply = (author: Guardian, dilemmaId: number, body: string, parentId?: number) =>
  createReply(author, dilemmaId, { body, parentId, submissionId: randomUUID() });
const hits = async (guardian: Guardian, q: string) =>
  (await search(guardian, searchRequestFromParams(new URLSearchParams({ q })))).hits.map((h) => `${h.kind}:${h.id}`);

describe("deleting one's own dilemma after others replied: a tombstone", () => {
  it("keeps the title and the others' replies, and takes away the text, the history and the asker's name", async () => {
    const [asker, helper, organiser] = [await member(), await member(), await member("organiser")];
    const [inTitle, inText, inReply, edited] = [word("buurthuis"), word("sleutel"), word("beheerder"), word("oudetekst")];
    const d = await ask(asker, `Wie beheert het ${inTitle}?`, `Een ${edited} over de sleutel.`);
    await editDilemma(asker, d.id, { title: `Wie beheert het ${inTitle}?`, body: `Niemand heeft de ${inText}.`, competences: [tag] });
    const answer = await reply(helper, d.id, `Vraag de ${inReply} van de gemeente.`);
    const own = await reply(asker, d.id, "Dank je, ik bel morgen.", answer.id);

    expect(await deletionKeepsThread(asker, d.id)).toBe(true);
    expect(await deleteDilemma(asker, d.id)).toEqual({ gone: false });

    const row = await db.dilemma.findUniqueOrThrow({ where: { id: d.id } });
    expect(row.deletedByAuthorAt).not.toBeNull();
    for (const viewer of [visitor, helper, organiser, asker]) {
      const page = await loadDilemmaPage(viewer, d.id, 1, { readLive: true });
      expect(page.dilemma.title).toBe(`Wie beheert het ${inTitle}?`);
      expect(page.dilemma.bodyHtml).toBe(""); // staff included, as a deleted reply's text
      expect(page.dilemma.edited).toBe(false);
      expect(page.can).toMatchObject({ reply: false, edit: false, delete: false, flag: false });
      const replies = page.thread.nodes.map((node) => node.reply.content?.bodyHtml);
      expect(replies[0]).toContain(inReply);
      expect(page.thread.nodes[0]!.children[0]!.reply.id).toBe(own.id);
    }
    await expect(getDilemmaHistory(helper, d.id)).rejects.toBeInstanceOf(NotFound);
    await expect(getDilemmaHistory(asker, d.id)).rejects.toBeInstanceOf(NotFound);

    // Search forgets the text (now and edited away) but finds the title and the replies.
    expect(await hits(visitor, inText)).toEqual([]);
    expect(await hits(visitor, edited)).toEqual([]);
    expect(await hits(visitor, inTitle)).toEqual([`dilemma:${d.id}`]);
    expect(await hits(visitor, inReply)).toEqual([`reply:${answer.id}`]);

    // Listed, marked, without its asker's name; not on the asker's profile any more.
    const listed = (await listRecentDilemmas(visitor, 50, { readLive: true })).find((item) => item.id === d.id);
    expect(listed).toMatchObject({ deleted: true, replyCount: 2 });
    const profile = await getMemberProfile(helper, asker.viewer.kind === "member" ? asker.viewer.handle : "");
    expect(profile.dilemmas.items.map((item) => item.id)).not.toContain(d.id);
  });

  it("takes no new replies and no edits, lets others keep their own replies, and is deleted once", async () => {
    const [asker, helper, other] = [await member(), await member(), await member()];
    const d = await ask(asker, "Mag ik de buren bellen?", "Over een ruzie in de straat.");
    const r = await reply(helper, d.id, "Ja, maar eerst even aanbellen.");
    await deleteDilemma(asker, d.id);

    await expect(reply(other, d.id, "Ik ook nog iets")).rejects.toBeInstanceOf(Forbidden);
    await expect(editDilemma(asker, d.id, { title: "Terug", body: "Toch niet", competences: [tag] })).rejects.toBeInstanceOf(Forbidden);
    await expect(deleteDilemma(asker, d.id)).rejects.toBeInstanceOf(Forbidden);
    // The helper's words stay theirs: edit and delete as before.
    await editReply(helper, r.id, { body: "Ja, maar eerst aanbellen." });
    await deleteReply(helper, r.id);
  });

  it("counts only others' replies that still stand: a deleted one keeps nothing", async () => {
    const [asker, helper] = [await member(), await member()];
    const d = await ask(asker, "Een vraag die niemand meer nodig heeft", "Tekst.");
    const r = await reply(helper, d.id, "Iets");
    await deleteReply(helper, r.id);
    expect(await deletionKeepsThread(asker, d.id)).toBe(false);
    expect(await deleteDilemma(asker, d.id)).toEqual({ gone: true });
  });
});

describe("deleting one's own dilemma that nobody else answered: gone", () => {
  it("removes it, the asker's own replies and its history from every page, list and search", async () => {
    const [asker, organiser] = [await member(), await member("organiser")];
    const [inTitle, inReply] = [word("speeltuin"), word("wipkip")];
    const d = await ask(asker, `De ${inTitle} is kapot`, "Wie repareert hem?");
    await editDilemma(asker, d.id, { title: `De ${inTitle} is stuk`, body: "Wie repareert hem nu?", competences: [tag] });
    const own = await reply(asker, d.id, `Aanvulling: de ${inReply}.`);
    await reply(asker, d.id, "Nog een aanvulling.", own.id);

    expect(await deletionKeepsThread(asker, d.id)).toBe(false);
    expect(await deleteDilemma(asker, d.id)).toEqual({ gone: true });

    expect(await db.dilemma.findUnique({ where: { id: d.id } })).toBeNull();
    expect(await db.reply.count({ where: { dilemmaId: d.id } })).toBe(0);
    expect(await db.revision.count({ where: { subjectType: "dilemma", subjectId: d.id } })).toBe(0);
    for (const viewer of [visitor, asker, organiser]) {
      await expect(loadDilemmaPage(viewer, d.id, 1, { readLive: true })).rejects.toBeInstanceOf(NotFound);
      expect(await hits(viewer, inTitle)).toEqual([]);
      expect(await hits(viewer, inReply)).toEqual([]);
      expect((await listRecentDilemmas(viewer, 50, { readLive: true })).map((item) => item.id)).not.toContain(d.id);
    }
  });

  it("lets only the asker delete; staff keep hiding with a reason", async () => {
    const [asker, other, organiser, admin] = [await member(), await member(), await member("organiser"), await member("admin")];
    const d = await ask(asker, "Alleen van mij", "Tekst.");
    for (const someone of [visitor, other, organiser, admin]) {
      await expect(deleteDilemma(someone, d.id)).rejects.toBeInstanceOf(Forbidden);
    }
    await hideDilemma(organiser, d.id, "Er staat een naam in");
    expect(await db.dilemma.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ deletedByAuthorAt: null });
    // Hidden, the asker may still take it back (as a hidden reply's author may).
    expect(await deleteDilemma(asker, d.id)).toEqual({ gone: true });
    await expect(deleteDilemma(asker, d.id)).rejects.toBeInstanceOf(NotFound);
  });
});

describe("notifications about a deleted dilemma are withdrawn", () => {
  it("tombstone: what told of its text goes, the replies' own stay; gone: everything, follows too", async () => {
    const [asker, watcher, helper] = [await member(), await member(), await member()];
    await setWatch(watcher, "competence", (await db.competence.findUniqueOrThrow({ where: { slug: tag } })).id, "watching");
    const kept = await ask(asker, "Blijft als grafsteen", "Tekst.");
    const gone = await ask(asker, "Verdwijnt helemaal", "Tekst.");
    const r = await reply(helper, kept.id, "Een antwoord");
    await settled();
    const inbox = (dilemmaId: number) => db.notification.findMany({ where: { dilemmaId }, select: { kind: true, userId: true, replyId: true } });
    expect((await inbox(kept.id)).map((x) => x.kind).sort()).toEqual(["new_dilemma", "reply"]);
    expect((await inbox(gone.id)).map((x) => x.kind)).toEqual(["new_dilemma"]);
    expect(await db.watch.count({ where: { targetType: "dilemma", targetId: gone.id } })).toBe(1); // the asker's own follow

    await deleteDilemma(asker, kept.id);
    await deleteDilemma(asker, gone.id);
    await settled();
    expect(await inbox(kept.id)).toEqual([{ kind: "reply", userId: asker.userId, replyId: r.id }]);
    expect(await inbox(gone.id)).toEqual([]);
    expect(await db.watch.count({ where: { targetType: "dilemma", targetId: gone.id } })).toBe(0);
  });
});
