import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createCompetence, setCompetenceRetired, updateCompetence } from "~/competences/competences.server";
import { CompetenceSchema } from "~/competences/schemas";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import { editDilemma, setDilemmaCompetences } from "~/dilemmas/edit.server";
import { hideDilemma, lockDilemma, unhideDilemma, unlockDilemma } from "~/dilemmas/moderation.server";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { closeAgenda, convertToReport, openAgenda, proposeAgendaItem, removeAgendaItem, setAgendaVote } from "~/meetings/agenda.server";
import { createRaisedDilemma, linkDilemma, unlinkDilemma } from "~/meetings/links.server";
import { createReport, createUpcomingMeeting, deleteMeeting, editReport, editUpcomingMeeting, publishReport } from "~/meetings/reports.server";
import { db } from "~/platform/db.server";
import { Forbidden } from "~/platform/errors.server";
import type { InTransactionSubscriber } from "~/platform/events/event";
import { installSubscribers } from "~/platform/events/outbox.server";
import {
  createReply,
  deleteReply,
  editReply,
  hideReply,
  markAnswer,
  setHelpful,
  unhideReply,
  unmarkAnswer,
} from "~/replies/replies.server";
import { createSynonymGroup, deleteSynonymGroup, updateSynonymGroup } from "~/search/synonyms.server";
import { AFTER_COMMIT, IN_TRANSACTION } from "~/subscribers.server";
import { useTestDatabase } from "../support/database";

// Decision 014: every write of the domain records what changed, in its own transaction, with
// who did it and what a subscriber needs; the in-transaction subscribers (search) commit or
// fail with it. The relay's side is tests/integration/event-relay.test.ts.
const database = useTestDatabase();

let n = 0;
async function person(role: Role = "member"): Promise<Guardian> {
  const i = ++n;
  const user = await db.user.create({ data: { handle: `lid-${i}`, displayName: `Lid ${i}`, role } });
  return new Guardian({ kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role, locale: "nl" });
}

async function competence(): Promise<{ id: number; slug: string }> {
  const slug = `competentie-${++n}`;
  return db.competence.create({ data: { slug, nameNl: `Competentie ${n}`, nameEn: `Competence ${n}` }, select: { id: true, slug: true } });
}

type Row = { type: string; subjectId: number; actorId: number | null; payload: Record<string, unknown> };

/** The events recorded while `act` ran, oldest first. */
async function eventsOf(act: () => Promise<unknown>): Promise<Row[]> {
  const [row] = await database.query<{ last: string }>(`SELECT coalesce(max(id), 0)::text AS last FROM "DomainEvent"`);
  const last = row!.last;
  await act();
  return database.query<Row>(`SELECT type, "subjectId", "actorId", payload FROM "DomainEvent" WHERE id > $1 ORDER BY id`, [last]);
}

const ask = (title = `Hoe pak ik situatie ${++n} aan?`, slugs: string[]) => ({ title, body: "Wat doe je als **niemand** komt?", competences: slugs });

describe("the domain's writes record what changed", () => {
  it("dilemmas: asked, edited, retagged, locked, hidden — once each, with the states a subscriber needs", async () => {
    const [asker, staff] = [await person(), await person("organiser")];
    const [a, b] = [await competence(), await competence()];
    let id = 0;
    expect(
      await eventsOf(async () => {
        id = (await createDilemma(asker, ask("Wie helpt er bij de buurtmaaltijd?", [a.slug]))).id;
      }),
    ).toEqual([{ type: "dilemma.created", subjectId: id, actorId: asker.userId, payload: { authorId: asker.userId, competenceIds: [a.id], imported: false, held: false } }]);

    expect(await eventsOf(() => editDilemma(asker, id, { ...ask("Wie helpt er bij de buurtmaaltijd op zondag?", [a.slug, b.slug]) }))).toEqual([
      { type: "dilemma.edited", subjectId: id, actorId: asker.userId, payload: { authorId: asker.userId, titleChanged: true, bodyChanged: false } },
      { type: "dilemma.retagged", subjectId: id, actorId: asker.userId, payload: { authorId: asker.userId, before: [a.id], after: [a.id, b.id] } },
    ]);
    // Saving the same again changes nothing, and says nothing.
    expect(await eventsOf(() => editDilemma(asker, id, { ...ask("Wie helpt er bij de buurtmaaltijd op zondag?", [a.slug, b.slug]) }))).toEqual([]);
    expect(await eventsOf(() => setDilemmaCompetences(staff, id, [b.slug]))).toEqual([
      { type: "dilemma.retagged", subjectId: id, actorId: staff.userId, payload: { authorId: asker.userId, before: [a.id, b.id], after: [b.id] } },
    ]);

    expect((await eventsOf(() => lockDilemma(staff, id))).map((e) => e.type)).toEqual(["dilemma.locked"]);
    expect(await eventsOf(() => lockDilemma(staff, id))).toEqual([]); // a second click
    expect((await eventsOf(() => unlockDilemma(staff, id))).map((e) => e.type)).toEqual(["dilemma.unlocked"]);

    expect(await eventsOf(() => hideDilemma(staff, id, "Noemt een bewoner"))).toEqual([
      { type: "dilemma.hidden", subjectId: id, actorId: staff.userId, payload: { authorId: asker.userId, reason: "Noemt een bewoner", previousReason: null } },
    ]);
    expect((await eventsOf(() => hideDilemma(staff, id, "Noemt een adres")))[0]!.payload).toEqual({
      authorId: asker.userId,
      reason: "Noemt een adres",
      previousReason: "Noemt een bewoner",
    });
    expect(await eventsOf(() => unhideDilemma(staff, id))).toEqual([
      { type: "dilemma.unhidden", subjectId: id, actorId: staff.userId, payload: { authorId: asker.userId, reason: "Noemt een adres" } },
    ]);
  });

  it("replies: created, edited, marked helpful and as the answer, hidden, deleted", async () => {
    const [asker, writer, reader, staff] = [await person(), await person(), await person(), await person("organiser")];
    const dilemmaId = (await createDilemma(asker, ask(undefined, [(await competence()).slug]))).id;
    let replyId = 0;
    const created = await eventsOf(async () => {
      replyId = (await createReply(writer, dilemmaId, { body: "Vraag het de buren zelf.", submissionId: randomUUID() })).id;
    });
    const about = { dilemmaId, authorId: writer.userId };
    expect(created).toEqual([{ type: "reply.created", subjectId: replyId, actorId: writer.userId, payload: { ...about, parentId: null, imported: false, held: false } }]);
    let childId = 0;
    const child = await eventsOf(async () => {
      childId = (await createReply(reader, dilemmaId, { body: "Eens.", parentId: replyId, submissionId: randomUUID() })).id;
    });
    expect(child[0]).toMatchObject({ type: "reply.created", subjectId: childId, payload: { parentId: replyId, authorId: reader.userId } });

    expect(await eventsOf(() => editReply(writer, replyId, { body: "Vraag het de buren zelf, en luister." }))).toEqual([
      { type: "reply.edited", subjectId: replyId, actorId: writer.userId, payload: about },
    ]);
    expect(await eventsOf(() => setHelpful(reader, replyId, true))).toEqual([
      { type: "reply.marked_helpful", subjectId: replyId, actorId: reader.userId, payload: about },
    ]);
    expect(await eventsOf(() => setHelpful(reader, replyId, true))).toEqual([]); // a double click
    expect((await eventsOf(() => setHelpful(reader, replyId, false))).map((e) => e.type)).toEqual(["reply.unmarked_helpful"]);

    expect(await eventsOf(() => markAnswer(asker, replyId))).toEqual([
      { type: "reply.marked_answer", subjectId: replyId, actorId: asker.userId, payload: { ...about, previousReplyId: null } },
    ]);
    expect(await eventsOf(() => markAnswer(asker, childId))).toEqual([
      { type: "reply.marked_answer", subjectId: childId, actorId: asker.userId, payload: { dilemmaId, authorId: reader.userId, previousReplyId: replyId } },
    ]);
    expect(await eventsOf(() => unmarkAnswer(asker, dilemmaId))).toEqual([
      { type: "reply.unmarked_answer", subjectId: childId, actorId: asker.userId, payload: { dilemmaId, authorId: reader.userId } },
    ]);

    expect(await eventsOf(() => hideReply(staff, childId, "Te persoonlijk"))).toEqual([
      { type: "reply.hidden", subjectId: childId, actorId: staff.userId, payload: { dilemmaId, authorId: reader.userId, reason: "Te persoonlijk" } },
    ]);
    expect(await eventsOf(() => unhideReply(staff, childId))).toEqual([
      { type: "reply.unhidden", subjectId: childId, actorId: staff.userId, payload: { dilemmaId, authorId: reader.userId, reason: "Te persoonlijk" } },
    ]);
    await markAnswer(asker, replyId);
    expect(await eventsOf(() => deleteReply(writer, replyId))).toEqual([
      { type: "reply.deleted", subjectId: replyId, actorId: writer.userId, payload: { ...about, wasAnswer: true } },
    ]);
  });

  it("meetings: planned, agenda, report drafted, edited, linked, published, deleted; a question raised is a dilemma like any other", async () => {
    const [staff, member] = [await person("organiser"), await person()];
    const c = await competence();
    const dilemmaId = (await createDilemma(member, ask(undefined, [c.slug]))).id;
    let meetingId = 0;
    const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    expect(
      await eventsOf(async () => {
        meetingId = (await createUpcomingMeeting(staff, { title: "Kringbijeenkomst", heldOn: day, place: "Buurthuis" })).id;
      }),
    ).toEqual([{ type: "meeting.created", subjectId: meetingId, actorId: staff.userId, payload: { status: "upcoming", imported: false } }]);
    const typesOf = async (act: () => Promise<unknown>) => (await eventsOf(act)).map((e) => [e.type, e.subjectId, e.payload]);
    expect(await typesOf(() => editUpcomingMeeting(staff, meetingId, { title: "Kringbijeenkomst april", heldOn: day }))).toEqual([
      ["meeting.changed", meetingId, {}],
    ]);
    expect(await typesOf(() => openAgenda(staff, meetingId))).toEqual([["meeting.agenda_opened", meetingId, {}]]);
    expect(await typesOf(() => proposeAgendaItem(member, meetingId, { dilemma: dilemmaId }))).toEqual([
      ["meeting.agenda_item_proposed", meetingId, { dilemmaId }],
    ]);
    expect(await typesOf(() => setAgendaVote(member, meetingId, dilemmaId, true))).toEqual([["meeting.agenda_vote_cast", meetingId, { dilemmaId }]]);
    expect(await typesOf(() => setAgendaVote(member, meetingId, dilemmaId, true))).toEqual([]);
    expect(await typesOf(() => setAgendaVote(member, meetingId, dilemmaId, false))).toEqual([
      ["meeting.agenda_vote_withdrawn", meetingId, { dilemmaId }],
    ]);
    const other = (await createDilemma(member, ask(undefined, [c.slug]))).id;
    await proposeAgendaItem(member, meetingId, { dilemma: other });
    expect(await typesOf(() => removeAgendaItem(staff, meetingId, other))).toEqual([["meeting.agenda_item_removed", meetingId, { dilemmaId: other }]]);
    expect(await typesOf(() => closeAgenda(staff, meetingId))).toEqual([["meeting.agenda_closed", meetingId, {}]]);
    // The meeting has been held (a report only after its day): moved back, as time would.
    const held = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await db.meeting.update({ where: { id: meetingId }, data: { heldOn: new Date(`${held}T00:00:00.000Z`) } });
    expect(await typesOf(() => convertToReport(staff, meetingId))).toEqual([["report.drafted", meetingId, { discussedDilemmaIds: [dilemmaId] }]]);
    const report = { title: "Verslag van april", heldOn: held, summary: "Wat we leerden." };
    expect(await typesOf(() => editReport(staff, meetingId, report))).toEqual([["report.edited", meetingId, { textChanged: true }]]);

    // The question raised: one writer for every dilemma, so the same event as the ask form's.
    const raised = await eventsOf(() =>
      createRaisedDilemma(staff, meetingId, { ...ask(undefined, [c.slug]), author: member.viewer.kind === "member" ? member.viewer.handle : "", submissionId: "raised-12345678" }),
    );
    const newId = raised[0]!.subjectId;
    expect(raised).toEqual([
      { type: "dilemma.created", subjectId: newId, actorId: staff.userId, payload: { authorId: member.userId, competenceIds: [c.id], imported: false, held: false } },
      { type: "report.dilemma_linked", subjectId: meetingId, actorId: staff.userId, payload: { dilemmaId: newId, kind: "raised" } },
    ]);
    expect(await typesOf(() => unlinkDilemma(staff, meetingId, newId, "raised"))).toEqual([
      ["report.dilemma_unlinked", meetingId, { dilemmaId: newId, kind: "raised" }],
    ]);
    expect(await typesOf(() => linkDilemma(staff, meetingId, { dilemma: newId, kind: "discussed" }))).toEqual([
      ["report.dilemma_linked", meetingId, { dilemmaId: newId, kind: "discussed" }],
    ]);
    expect(await typesOf(() => publishReport(staff, meetingId))).toEqual([["report.published", meetingId, { imported: false }]]);
    expect(await typesOf(() => deleteMeeting(staff, meetingId))).toEqual([
      [
        "meeting.deleted",
        meetingId,
        { status: "published", dilemmaIds: [dilemmaId, newId].sort((x, y) => x - y), title: "Verslag van april", heldOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      ],
    ]);
    const draft = await createReport(staff, report);
    expect((await database.query<Row>(`SELECT type, payload FROM "DomainEvent" WHERE "subjectId" = $1 AND type = 'meeting.created'`, [draft.id]))[0]).toMatchObject({
      payload: { status: "draft", imported: false },
    });
  });

  it("competences and synonym groups: for the audit trail", async () => {
    const staff = await person("admin");
    const input = CompetenceSchema.parse({ nameNl: "Buurtbemiddeling", nameEn: "Neighbour mediation", synonyms: "bemiddelen" });
    let slug = "";
    const made = await eventsOf(async () => {
      slug = (await createCompetence(staff, input)).slug;
    });
    expect(made).toEqual([{ type: "competence.created", subjectId: expect.any(Number), actorId: staff.userId, payload: { slug, imported: false } }]);
    const id = made[0]!.subjectId;
    expect(await eventsOf(() => updateCompetence(staff, slug, { ...input, nameNl: "Bemiddeling", updateSlug: true }))).toEqual([
      { type: "competence.changed", subjectId: id, actorId: staff.userId, payload: { slug: "bemiddeling", slugBefore: slug } },
    ]);
    expect((await eventsOf(() => setCompetenceRetired(staff, "bemiddeling", true))).map((e) => e.type)).toEqual(["competence.retired"]);
    expect((await eventsOf(() => setCompetenceRetired(staff, "bemiddeling", false))).map((e) => e.type)).toEqual(["competence.unretired"]);

    let group = 0;
    const created = await eventsOf(async () => {
      group = (await createSynonymGroup(staff, { terms: "huisbezoek, keukentafelgesprek", competence: "" })).id;
    });
    expect(created).toEqual([
      { type: "synonym_group.created", subjectId: group, actorId: staff.userId, payload: { terms: ["huisbezoek", "keukentafelgesprek"], competenceId: null } },
    ]);
    expect((await eventsOf(() => updateSynonymGroup(staff, group, { terms: "huisbezoek, thuisbezoek", competence: "" })))[0]!.payload).toEqual({
      terms: ["huisbezoek", "thuisbezoek"],
      competenceId: null,
      before: { terms: ["huisbezoek", "keukentafelgesprek"], competenceId: null },
    });
    expect((await eventsOf(() => deleteSynonymGroup(staff, group))).map((e) => e.type)).toEqual(["synonym_group.deleted"]);
  });

  it("a refused write records nothing", async () => {
    const [asker, stranger] = [await person(), await person()];
    const id = (await createDilemma(asker, ask(undefined, [(await competence()).slug]))).id;
    expect(await eventsOf(() => expect(lockDilemma(stranger, id)).rejects.toBeInstanceOf(Forbidden))).toEqual([]);
    expect(await eventsOf(() => expect(editDilemma(stranger, id, ask(undefined, []))).rejects.toThrow())).toEqual([]);
  });
});

describe("in-transaction subscribers", () => {
  afterEach(() => installSubscribers({ inTransaction: IN_TRANSACTION, afterCommit: AFTER_COMMIT }));

  const failing: InTransactionSubscriber = {
    name: "failing",
    react: async () => {
      throw new Error("the subscriber failed");
    },
    inStatement: () => {
      throw new Error("the subscriber failed");
    },
  };

  it("fail the write with them: no dilemma, no reply, no event, no search document", async () => {
    const [asker, writer] = [await person(), await person()];
    const c = await competence();
    const id = (await createDilemma(asker, ask("Een dilemma dat blijft staan", [c.slug]))).id;
    const counts = async () =>
      (
        await database.query<{ d: number; r: number; e: number; s: number }>(
          `SELECT (SELECT count(*) FROM "Dilemma")::int AS d, (SELECT count(*) FROM "Reply")::int AS r,
                  (SELECT count(*) FROM "DomainEvent")::int AS e, (SELECT count(*) FROM "SearchDocument")::int AS s`,
        )
      )[0];
    const before = await counts();
    installSubscribers({ inTransaction: [...IN_TRANSACTION, failing], afterCommit: AFTER_COMMIT });
    await expect(createDilemma(asker, ask("Een dilemma dat niet blijft", [c.slug]))).rejects.toThrow("the subscriber failed");
    await expect(createReply(writer, id, { body: "Een reactie die niet blijft.", submissionId: randomUUID() })).rejects.toThrow("the subscriber failed");
    await expect(hideDilemma(await person("organiser"), id, "Reden")).rejects.toThrow("the subscriber failed");
    expect(await counts()).toEqual(before);
    expect((await db.dilemma.findUniqueOrThrow({ where: { id } })).hiddenAt).toBeNull();
  });

  it("index a new reply in the reply's own statement", async () => {
    const [asker, writer] = [await person(), await person()];
    const id = (await createDilemma(asker, ask(undefined, [(await competence()).slug]))).id;
    const reply = await createReply(writer, id, { body: "Een woord als kweekbakjesruil vindt men terug.", submissionId: randomUUID() });
    const [doc] = await database.query<{ kind: string }>(`SELECT kind::text FROM "SearchDocument" WHERE kind = 'reply' AND "sourceId" = $1`, [reply.id]);
    expect(doc).toEqual({ kind: "reply" });
  });
});
