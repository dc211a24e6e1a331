import { describe, expect, it } from "vitest";
import { getDilemmaHistory } from "~/dilemmas/revisions.server";
import { editDilemma } from "~/dilemmas/edit.server";
import { getPostModeration, retagDilemma, rewordDilemma, rewordReply, setLockWithReason } from "~/moderation/post-actions.server";
import { listNotifications } from "~/notifications/inbox.server";
import { db } from "~/platform/db.server";
import { Forbidden, Invalid, NotFound } from "~/platform/errors.server";
import { loadEdits } from "~/revisions/history.server";
import { createReply, deleteReply, editReply } from "~/replies/replies.server";
import { getReplyHistory } from "~/replies/thread.server";
import { useTestDatabase } from "../support/database";
import { useMailAndJobs } from "../support/mail-and-jobs";
import { peopleMaker, useModerationRelay } from "../support/moderation-relay";

// An organiser's changes to a member's post, each with a reason (issue 25, decision 033): lock
// and unlock, change the competences, change the words. Through the dilemma's and reply's own
// writers: the revision names the organiser and keeps the reason, the author is told under the
// bell and by real mail (never who flagged), the trail records it with before and after.
const database = useTestDatabase();
const mail = useMailAndJobs();
const { settled } = useModerationRelay(database);

let n = 0;
const person = peopleMaker("ma");

async function competence(): Promise<{ id: number; slug: string }> {
  const i = ++n;
  return db.competence.create({ data: { slug: `ma-competentie-${i}`, nameNl: `Competentie ${i}`, nameEn: `Competence ${i}` }, select: { id: true, slug: true } });
}

async function dilemmaBy(authorId: number, competenceId: number): Promise<number> {
  const body = "Een bewoner, mevrouw Jansen van de Dorpsstraat 12, vraagt om hulp.";
  const dilemma = await db.dilemma.create({
    data: { title: `Een vraag over de wijk ${++n}`, bodyMd: body, bodyHtml: `<p>${body}</p>`, authorId, competences: { create: [{ competenceId }] } },
  });
  return dilemma.id;
}

describe("locking and unlocking with a reason", () => {
  it("tells the asker why, in the forum and by mail, and the trail keeps the reason with before and after", async () => {
    const organiser = await person("organiser");
    const asker = await person();
    const dilemmaId = await dilemmaBy(asker.id, (await competence()).id);

    await setLockWithReason(organiser.guardian, dilemmaId, true, "Alles is gezegd; we sluiten het gesprek.");
    expect((await db.dilemma.findUniqueOrThrow({ where: { id: dilemmaId } })).lockedAt).not.toBeNull();
    const locked = await mail.smtp.nextMailTo(asker.email);
    expect(locked.subject).toBe("Een organisator heeft je dilemma gesloten");
    expect(locked.text).toContain("Alles is gezegd; we sluiten het gesprek.");
    expect(locked.text).not.toContain(organiser.name);

    await setLockWithReason(organiser.guardian, dilemmaId, false, "Er is nieuws, praat gerust verder.");
    const unlocked = await mail.smtp.nextMailTo(asker.email);
    expect(unlocked.subject).toBe("Je dilemma is weer open");
    expect(unlocked.text).toContain("Er is nieuws, praat gerust verder.");

    await settled();
    const inbox = await listNotifications(asker.guardian, null);
    expect(inbox.items.map((i) => i.kind)).toEqual(expect.arrayContaining(["thread_locked", "thread_unlocked"]));
    const trail = await db.auditEntry.findMany({ where: { subjectId: dilemmaId, kind: { in: ["dilemma.locked", "dilemma.unlocked"] } }, orderBy: { id: "asc" } });
    expect(trail.map((e) => [e.kind, e.actorId, e.reason, e.before, e.after])).toEqual([
      ["dilemma.locked", organiser.id, "Alles is gezegd; we sluiten het gesprek.", { locked: false }, { locked: true }],
      ["dilemma.unlocked", organiser.id, "Er is nieuws, praat gerust verder.", { locked: true }, { locked: false }],
    ]);
  });

  it("asks for a reason, refuses members, and stores nothing then", async () => {
    const organiser = await person("organiser");
    const asker = await person();
    const dilemmaId = await dilemmaBy(asker.id, (await competence()).id);
    await expect(setLockWithReason(organiser.guardian, dilemmaId, true, " \u200b\n ")).rejects.toThrow(Invalid);
    await expect(setLockWithReason(organiser.guardian, dilemmaId, true, "x".repeat(501))).rejects.toThrow(Invalid);
    await expect(setLockWithReason(asker.guardian, dilemmaId, true, "Ik sluit het zelf")).rejects.toThrow(Forbidden);
    expect((await db.dilemma.findUniqueOrThrow({ where: { id: dilemmaId } })).lockedAt).toBeNull();
  });
});

describe("changing a member's words with a reason", () => {
  it("keeps the old words in the history with the organiser's name and reason, tells the asker, and records it", async () => {
    const organiser = await person("organiser");
    const asker = await person();
    const tag = await competence();
    const other = await competence();
    const dilemmaId = await dilemmaBy(asker.id, tag.id);
    const before = await db.dilemma.findUniqueOrThrow({ where: { id: dilemmaId } });

    await rewordDilemma(
      organiser.guardian,
      dilemmaId,
      { title: before.title, body: "Een bewoner vraagt om hulp.", competences: [tag.slug, other.slug] },
      "Naam en adres van de bewoner weggehaald (privacy).",
    );

    const after = await db.dilemma.findUniqueOrThrow({ where: { id: dilemmaId }, include: { competences: true } });
    expect(after.bodyMd).toBe("Een bewoner vraagt om hulp.");
    expect(after.bodyHtml).not.toContain("Jansen");
    expect(after.competences.map((c) => c.competenceId).sort()).toEqual([tag.id, other.id].sort());

    const history = await getDilemmaHistory(asker.guardian, dilemmaId);
    expect(history.edits).toHaveLength(1);
    expect(history.edits[0]).toMatchObject({ editor: { displayName: organiser.name }, reason: "Naam en adres van de bewoner weggehaald (privacy)." });
    expect(history.edits[0]!.before.bodyMd).toContain("Jansen");

    // One mail and one notification for the save (the retag in it is told with the edit).
    const message = await mail.smtp.nextMailTo(asker.email);
    expect(message.subject).toBe("Een organisator heeft je bericht aangepast");
    expect(message.text).toContain("Naam en adres van de bewoner weggehaald (privacy).");
    expect(message.text).not.toContain(organiser.name);
    await settled();
    const inbox = await listNotifications(asker.guardian, null);
    expect(inbox.items.filter((i) => i.kind === "post_edited" || i.kind === "post_retagged").map((i) => i.kind)).toEqual(["post_edited"]);

    const trail = await db.auditEntry.findMany({ where: { subjectId: dilemmaId, kind: { in: ["dilemma.edited", "dilemma.retagged"] } }, orderBy: { id: "asc" } });
    expect(trail.map((e) => [e.kind, e.actorId, e.reason])).toEqual([
      ["dilemma.edited", organiser.id, "Naam en adres van de bewoner weggehaald (privacy)."],
      ["dilemma.retagged", organiser.id, "Naam en adres van de bewoner weggehaald (privacy)."],
    ]);
    expect(trail[0]!.before).toEqual({ revision: history.edits[0]!.id });
    expect(trail[0]!.after).toEqual({ titleChanged: false, bodyChanged: true });
    // The trail keeps no words of the post (they named a resident).
    expect(JSON.stringify(trail.map((e) => [e.reason, e.before, e.after]))).not.toContain("Jansen");
    expect(trail[1]!.before).toEqual({ competences: [tag.id] });
  });

  it("the asker's own edit is not moderation: no reason, no mail, no trail entry", async () => {
    const asker = await person();
    const tag = await competence();
    const dilemmaId = await dilemmaBy(asker.id, tag.id);
    await editDilemma(asker.guardian, dilemmaId, { title: "Mijn eigen nieuwe titel", body: "Anders gezegd.", competences: [tag.slug] });
    await settled();
    expect(await db.auditEntry.count({ where: { subjectId: dilemmaId, kind: "dilemma.edited" } })).toBe(0);
    const [edit] = await loadEdits("dilemma", dilemmaId, { title: "", bodyMd: "" });
    expect(edit).toMatchObject({ reason: null, editor: { displayName: asker.name } });
    expect((await listNotifications(asker.guardian, null)).items.filter((i) => i.kind === "post_edited")).toHaveLength(0);
  });

  it("changes only the competences, with a reason the asker reads", async () => {
    const organiser = await person("organiser");
    const asker = await person();
    const tag = await competence();
    const better = await competence();
    const dilemmaId = await dilemmaBy(asker.id, tag.id);
    await retagDilemma(organiser.guardian, dilemmaId, [better.slug], "Dit past beter bij ‘Samenwerken’.");
    const message = await mail.smtp.nextMailTo(asker.email);
    expect(message.subject).toBe("Een organisator heeft de competenties van je dilemma aangepast");
    expect(message.text).toContain("Dit past beter bij ‘Samenwerken’.");
    await settled();
    const entry = await db.auditEntry.findFirstOrThrow({ where: { subjectId: dilemmaId, kind: "dilemma.retagged" } });
    expect(entry).toMatchObject({ reason: "Dit past beter bij ‘Samenwerken’.", before: { competences: [tag.id] }, after: { competences: [better.id] } });
    expect((await listNotifications(asker.guardian, null)).items.map((i) => i.kind)).toContain("post_retagged");
  });

  it("refuses without a reason (everything stays), a member, and an organiser's own post (edited as its author)", async () => {
    const organiser = await person("organiser");
    const asker = await person();
    const stranger = await person();
    const tag = await competence();
    const dilemmaId = await dilemmaBy(asker.id, tag.id);
    const input = { title: "Een andere titel voor dit", body: "Nieuwe tekst.", competences: [tag.slug] };
    await expect(rewordDilemma(organiser.guardian, dilemmaId, input, "   ")).rejects.toThrow(Invalid);
    await expect(rewordDilemma(stranger.guardian, dilemmaId, input, "Ik weet het beter")).rejects.toThrow(Forbidden);
    // A member who is not the asker cannot sneak a reworded edit through the asker's writer either.
    await expect(editDilemma(stranger.guardian, dilemmaId, input, { moderatorReason: "Ik weet het beter" })).rejects.toThrow(Forbidden);
    const own = await dilemmaBy(organiser.id, tag.id);
    await expect(rewordDilemma(organiser.guardian, own, input, "Mijn eigen")).rejects.toThrow(Forbidden);
    expect((await db.dilemma.findUniqueOrThrow({ where: { id: dilemmaId } })).bodyMd).toContain("Jansen");
    expect(await db.revision.count({ where: { subjectType: "dilemma", subjectId: { in: [dilemmaId, own] } } })).toBe(0);
    // The page offers the organiser only the competences of their own dilemma.
    expect((await getPostModeration(organiser.guardian, "dilemma", own)).dilemma?.canReword).toBe(false);
    expect((await getPostModeration(organiser.guardian, "dilemma", dilemmaId)).dilemma?.canReword).toBe(true);
    await expect(getPostModeration(stranger.guardian, "dilemma", dilemmaId)).rejects.toThrow(Forbidden);
  });

  it("changes a reply with a reason (even in a locked thread), tells its author, and leaves a deleted reply alone", async () => {
    const organiser = await person("organiser");
    const asker = await person();
    const writer = await person();
    const dilemmaId = await dilemmaBy(asker.id, (await competence()).id);
    const reply = await createReply(writer.guardian, dilemmaId, { body: "Bel mevrouw Jansen op 06-12345678.", submissionId: `sub-${++n}-abcdefgh` });
    await setLockWithReason(organiser.guardian, dilemmaId, true, "Afgerond.");
    await rewordReply(organiser.guardian, reply.id, { body: "Bel de bewoner (nummer weggehaald)." }, "Telefoonnummer van een bewoner weggehaald.");
    expect((await db.reply.findUniqueOrThrow({ where: { id: reply.id } })).bodyMd).toBe("Bel de bewoner (nummer weggehaald).");
    const [edit] = await loadEdits("reply", reply.id, { title: "", bodyMd: "" });
    expect(edit).toMatchObject({ reason: "Telefoonnummer van een bewoner weggehaald.", editor: { displayName: organiser.name } });
    // The reply's history page reads the same: who replaced the words, and why.
    const history = await getReplyHistory(writer.guardian, reply.id);
    expect(history.revisions[0]).toMatchObject({ reason: "Telefoonnummer van een bewoner weggehaald.", editor: { displayName: organiser.name } });
    const message = await mail.smtp.nextMailTo(writer.email);
    expect(message.subject).toBe("Een organisator heeft je bericht aangepast");
    expect(message.text).toContain("Telefoonnummer van een bewoner weggehaald.");
    await settled();
    const entry = await db.auditEntry.findFirstOrThrow({ where: { subjectId: reply.id, kind: "reply.edited" } });
    expect(entry).toMatchObject({ actorId: organiser.id, subjectKind: "reply", reason: "Telefoonnummer van een bewoner weggehaald." });
    expect((await listNotifications(writer.guardian, null)).items.map((i) => i.kind)).toContain("post_edited");

    // The writer's own edit of a reply is theirs (not in the trail); a reply they took back stays taken back.
    const second = await createReply(writer.guardian, await dilemmaBy(asker.id, (await competence()).id), { body: "Eerste versie.", submissionId: `sub-${++n}-abcdefgh` });
    await editReply(writer.guardian, second.id, { body: "Tweede versie." });
    await deleteReply(writer.guardian, second.id);
    await expect(rewordReply(organiser.guardian, second.id, { body: "Toch weer terug." }, "Terugzetten")).rejects.toThrow(/Forbidden|Not found/);
    expect((await db.reply.findUniqueOrThrow({ where: { id: second.id } })).bodyMd).toBe("Tweede versie.");
    await settled();
    expect(await db.auditEntry.count({ where: { subjectId: second.id, kind: "reply.edited" } })).toBe(0);
    // A reply taken back is gone for the moderation page too; the organiser's own reply offers no rewording.
    await expect(getPostModeration(organiser.guardian, "reply", second.id)).rejects.toThrow(NotFound);
    const ownReply = await createReply(organiser.guardian, await dilemmaBy(asker.id, (await competence()).id), { body: "Mijn eigen reactie.", submissionId: `sub-${++n}-abcdefgh` });
    expect((await getPostModeration(organiser.guardian, "reply", ownReply.id)).replyBody).toBeNull();
  });
});
