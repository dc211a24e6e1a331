import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadDilemmaPage } from "~/replies/dilemma-page.server";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import {
  closeAgenda,
  convertToReport,
  openAgenda,
  proposeAgendaItem,
  removeAgendaItem,
  setAgendaVote,
} from "~/meetings/agenda.server";
import { dateOnly } from "~/meetings/dates";
import { createRaisedDilemma, linkDilemma, searchDilemmas, unlinkDilemma } from "~/meetings/links.server";
import { findMeetingRef, getLatestReport, getNextMeeting } from "~/meetings/meetings.server";
import { getMeetingPage, listMeetings, listReportsForCompetence } from "~/meetings/pages.server";
import { getReportHistory } from "~/meetings/report-view.server";
import {
  createReport,
  createUpcomingMeeting,
  deleteMeeting,
  editReport,
  editUpcomingMeeting,
  getMeetingForEdit,
  previewReport,
  publishReport,
} from "~/meetings/reports.server";
import { db } from "~/platform/db.server";
import { Forbidden, Invalid, NotFound } from "~/platform/errors.server";
import { useTestDatabase } from "../support/database";

// The meeting loop against a real Postgres: reports from draft to published (and who may see
// them on the way), links to dilemmas, the agenda with its proposals and votes, turning an
// upcoming meeting into its report, deleting, and the competence page's list.

useTestDatabase();
const visitor = new Guardian(anonymousViewer);

let n = 0;
async function person(role: Role = "member"): Promise<Guardian> {
  const i = ++n;
  const user = await db.user.create({ data: { handle: `lid-${i}`, displayName: `Lid ${i}`, role } });
  return new Guardian({ kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role, locale: "nl" });
}
const organiser = () => person("organiser");
const handleOf = (g: Guardian) => (g.viewer.kind === "member" ? g.viewer.handle : "");
const nameOf = (g: Guardian) => (g.viewer.kind === "member" ? g.viewer.displayName : "");

async function competence(): Promise<{ id: number; slug: string }> {
  const slug = `competentie-${++n}`;
  return db.competence.create({ data: { slug, nameNl: `Competentie ${n}`, nameEn: `Competence ${n}` }, select: { id: true, slug: true } });
}

async function dilemma(
  author: Guardian,
  opts: { status?: "open" | "answered"; hidden?: boolean; competenceIds?: number[]; title?: string } = {},
): Promise<number> {
  const row = await db.dilemma.create({
    data: {
      title: opts.title ?? `Hoe pak je situatie ${++n} aan?`,
      bodyMd: "Tekst",
      bodyHtml: "<p>Tekst</p>",
      authorId: author.userId!,
      status: opts.status ?? "open",
      hiddenAt: opts.hidden ? new Date() : null,
      competences: { create: (opts.competenceIds ?? []).map((competenceId) => ({ competenceId })) },
    },
  });
  return row.id;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const report = (overrides: Record<string, unknown> = {}) => ({
  title: `Bijeenkomst ${++n}`,
  heldOn: "2026-03-12",
  place: "Buurthuis",
  hostOrganisation: "Alleato",
  contributors: "Een sociaal makelaar\n\n  Een onderzoeker  ",
  summary: "We spraken over **eigen kracht**.",
  takeaways: "Begin bij de bewoner\nDurf los te laten",
  ...overrides,
});

async function upcoming(staff: Guardian, overrides: Record<string, unknown> = {}) {
  return createUpcomingMeeting(staff, {
    title: `Volgende bijeenkomst ${++n}`,
    heldOn: inDays(20),
    startTime: "19:30",
    endTime: "21:30",
    place: "Buurthuis De Schakel",
    openAgenda: true,
    ...overrides,
  });
}

async function invalidFields(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Invalid);
  return (error as Invalid).fieldErrors;
}

describe("writing and publishing a report", () => {
  it("starts as a draft that only organisers and admins see: members and visitors get NotFound", async () => {
    const staff = await organiser();
    const { id } = await createReport(staff, report());
    const member = await person();
    for (const viewer of [member, visitor]) {
      await expect(getMeetingPage(viewer, id)).rejects.toBeInstanceOf(NotFound);
      await expect(findMeetingRef(viewer, id)).rejects.toBeInstanceOf(NotFound);
      await expect(getMeetingForEdit(viewer, id)).rejects.toBeInstanceOf(NotFound);
      expect((await listMeetings(viewer)).reports.map((r) => r.id)).not.toContain(id);
    }
    expect((await getMeetingPage(staff, id)).report).toMatchObject({ status: "draft", publishedAt: null });
    expect((await getMeetingPage(await person("admin"), id)).meeting.status).toBe("draft");
    expect((await listMeetings(staff)).reports).toContainEqual(expect.objectContaining({ id, status: "draft" }));
  });

  it("stores the summary as sanitised HTML and the lists one item per line", async () => {
    const staff = await organiser();
    // A link that would be dropped is refused first, with a message (issue 22)…
    expect(await invalidFields(createReport(staff, report({ summary: "Zie [dit](javascript:alert(1))" })))).toEqual({
      summary: ["forum.markdown.droppedLink?href=javascript%3Aalert(1"],
    });
    // …and what is stored is sanitised all the same (an autolink is no Markdown link).
    const { id } = await createReport(staff, report({ summary: "Zie <javascript:alert(1)> en <script>x</script>" }));
    const row = await db.meeting.findUniqueOrThrow({ where: { id } });
    expect(row.summaryHtml).not.toMatch(/<script|javascript:/i);
    expect(row.contributors).toEqual(["Een sociaal makelaar", "Een onderzoeker"]);
    expect(row.takeaways).toEqual(["Begin bij de bewoner", "Durf los te laten"]);
    expect(row.heldOn.toISOString()).toBe("2026-03-12T00:00:00.000Z");
  });

  it("links contributing members by handle and refuses a handle nobody has", async () => {
    const staff = await organiser();
    const contributor = await person();
    const { id } = await createReport(staff, report({ contributorHandles: `@${handleOf(contributor)}` }));
    expect((await getMeetingPage(staff, id)).report?.members.map((m) => m.displayName)).toEqual([nameOf(contributor)]);
    const errors = await invalidFields(createReport(staff, report({ contributorHandles: "niemand-hier" })));
    expect(errors.contributorHandles).toEqual(["meetings.errors.unknownHandle?handle=niemand-hier"]);
  });

  it("refuses an empty title and a date in a wrong format, per field", async () => {
    const staff = await organiser();
    const errors = await invalidFields(createReport(staff, report({ title: "   ", heldOn: "31-02-2026" })));
    expect(errors).toEqual({ title: ["errors.required"], heldOn: ["meetings.errors.dateInvalid"] });
  });

  it("accepts the date as people type it (2-7-2026) as well as a date field's 2026-07-02", async () => {
    const staff = await organiser();
    const { id } = await createReport(staff, report({ heldOn: "2-7-2026" }));
    expect((await db.meeting.findUniqueOrThrow({ where: { id } })).heldOn).toEqual(dateOnly("2026-07-02"));
  });

  it("publishing stamps the date and shows the report to everyone; only a draft with a summary can be published", async () => {
    const staff = await organiser();
    const empty = await createReport(staff, report({ summary: "" }));
    expect(await invalidFields(publishReport(staff, empty.id))).toEqual({ "": ["meetings.errors.summaryRequiredToPublish"] });

    const { id } = await createReport(staff, report());
    const before = Date.now();
    await publishReport(staff, id);
    const row = await db.meeting.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("published");
    expect(row.publishedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect((await getMeetingPage(visitor, id)).report?.summaryHtml).toContain("<strong>eigen kracht</strong>");
    await expect(publishReport(staff, id)).rejects.toBeInstanceOf(Forbidden);
  });

  it("members cannot create, edit, publish or delete", async () => {
    const staff = await organiser();
    const member = await person();
    const { id } = await createReport(staff, report());
    await publishReport(staff, id);
    await expect(createReport(member, report())).rejects.toBeInstanceOf(Forbidden);
    await expect(createUpcomingMeeting(member, { title: "X", heldOn: inDays(3) })).rejects.toBeInstanceOf(Forbidden);
    await expect(editReport(member, id, report())).rejects.toBeInstanceOf(Forbidden);
    await expect(deleteMeeting(member, id)).rejects.toBeInstanceOf(Forbidden);
    await expect(linkDilemma(member, id, { dilemma: 1, kind: "raised" })).rejects.toBeInstanceOf(Forbidden);
  });

  it("keeps the previous title and summary as a revision on every change of the text", async () => {
    const staff = await organiser();
    const { id } = await createReport(staff, report({ title: "Eerste titel", summary: "Eerste tekst" }));
    await publishReport(staff, id);
    await editReport(staff, id, report({ title: "Tweede titel", summary: "Tweede tekst" }));
    await editReport(staff, id, report({ title: "Tweede titel", summary: "Tweede tekst", takeaways: "Alleen dit" }));
    const revisions = await db.revision.findMany({ where: { subjectType: "report", subjectId: id } });
    expect(revisions).toEqual([expect.objectContaining({ title: "Eerste titel", bodyMd: "Eerste tekst", editorId: staff.userId })]);
    const page = await getMeetingPage(visitor, id);
    expect(page.meeting.title).toBe("Tweede titel");
    expect(page.report).toMatchObject({ takeaways: ["Alleen dit"], edited: true });
  });

  it("previews the whole report from the form without saving it", async () => {
    const staff = await organiser();
    const { id } = await createReport(staff, report({ summary: "Oud" }));
    const preview = await previewReport(staff, id, report({ title: "Nieuw", summary: "## Kop\n\nNieuw" }));
    expect(preview).toMatchObject({ title: "Nieuw", takeaways: ["Begin bij de bewoner", "Durf los te laten"] });
    expect(preview.summaryHtml).toContain("<h3>Kop</h3>"); // a lone `##` is the first level under the page's h2
    expect((await db.meeting.findUniqueOrThrow({ where: { id } })).summaryMd).toBe("Oud");
  });
});

describe("linking dilemmas to a report", () => {
  it("links raised and discussed dilemmas, shows them on both pages, and unlinks", async () => {
    const staff = await organiser();
    const asker = await person();
    const raised = await dilemma(asker);
    const discussed = await dilemma(asker);
    const { id } = await createReport(staff, report());
    await linkDilemma(staff, id, { dilemma: raised, kind: "raised" });
    await linkDilemma(staff, id, { dilemma: `#${discussed}`, kind: "discussed" });
    await linkDilemma(staff, id, { dilemma: `http://localhost/dilemmas/${discussed}/een-slug`, kind: "discussed" }); // twice: no-op

    const page = await getMeetingPage(staff, id);
    expect(page.report?.raised.map((d) => d.id)).toEqual([raised]);
    expect(page.report?.discussed.map((d) => d.id)).toEqual([discussed]);

    // The dilemma page (its own engineer's) shows the draft's link to staff only, and the
    // published report's to everyone, at /meetings/:id.
    expect((await loadDilemmaPage(staff, raised, 1)).meetings).toEqual([expect.objectContaining({ id, kind: "raised" })]);
    expect((await loadDilemmaPage(asker, raised, 1)).meetings).toEqual([]);
    await publishReport(staff, id);
    expect((await loadDilemmaPage(visitor, discussed, 1)).meetings).toEqual([
      expect.objectContaining({ id, kind: "discussed", status: "published" }),
    ]);

    await unlinkDilemma(staff, id, raised, "raised");
    expect((await getMeetingPage(visitor, id)).report?.raised).toEqual([]);
    expect(await db.dilemma.count({ where: { id: raised } })).toBe(1);
  });

  it("shows the competences the linked dilemmas carry, each once", async () => {
    const staff = await organiser();
    const [a, b] = [await competence(), await competence()];
    const { id } = await createReport(staff, report());
    await linkDilemma(staff, id, { dilemma: await dilemma(staff, { competenceIds: [a.id, b.id] }), kind: "raised" });
    await linkDilemma(staff, id, { dilemma: await dilemma(staff, { competenceIds: [a.id] }), kind: "discussed" });
    expect((await getMeetingPage(staff, id)).report?.competences.map((c) => c.slug)).toEqual([a.slug, b.slug]);
  });

  it("refuses a hidden or non-existent dilemma with the same field message, and any link on an upcoming meeting", async () => {
    const staff = await organiser();
    const hidden = await dilemma(await person(), { hidden: true });
    const { id } = await createReport(staff, report());
    expect(await invalidFields(linkDilemma(staff, id, { dilemma: hidden, kind: "raised" }))).toEqual({
      dilemma: ["meetings.errors.dilemmaNotFound"],
    });
    expect(await invalidFields(linkDilemma(staff, id, { dilemma: 999_999, kind: "raised" }))).toEqual({
      dilemma: ["meetings.errors.dilemmaNotFound"],
    });
    expect(await invalidFields(linkDilemma(staff, id, { dilemma: "geen nummer", kind: "raised" }))).toEqual({
      dilemma: ["meetings.errors.dilemmaReference"],
    });
    const next = await upcoming(staff);
    await expect(linkDilemma(staff, next.id, { dilemma: await dilemma(staff), kind: "raised" })).rejects.toBeInstanceOf(Forbidden);
  });

  it("turns a question raised into a dilemma linked as raised, in the organiser's or a member's name", async () => {
    const staff = await organiser();
    const member = await person();
    const tag = await competence();
    const { id } = await createReport(staff, report());
    const ask = { title: "Hoe betrek je jongeren bij de buurt?", body: "Situatie: weinig jongeren.", competences: [tag.slug] };

    const own = await createRaisedDilemma(staff, id, { ...ask, submissionId: randomUUID() });
    const submissionId = randomUUID();
    const theirs = await createRaisedDilemma(staff, id, { ...ask, submissionId, author: handleOf(member) });
    const again = await createRaisedDilemma(staff, id, { ...ask, submissionId, author: handleOf(member) });
    expect(again).toEqual({ ...theirs, created: false });

    const rows = await db.dilemma.findMany({ where: { id: { in: [own.id, theirs.id] } }, orderBy: { id: "asc" }, include: { competences: true } });
    expect(rows.map((d) => d.authorId)).toEqual([staff.userId, member.userId]);
    expect(rows.every((d) => d.competences[0]?.competenceId === tag.id)).toBe(true);
    expect((await getMeetingPage(staff, id)).report?.raised.map((d) => d.id)).toEqual([own.id, theirs.id]);

    expect(await invalidFields(createRaisedDilemma(staff, id, { ...ask, author: "niemand" }))).toEqual({
      author: ["meetings.errors.unknownHandle?handle=niemand"],
    });
    expect(Object.keys(await invalidFields(createRaisedDilemma(staff, id, { ...ask, title: "", competences: [] })))).toEqual([
      "title",
      "competences",
    ]);
    await expect(createRaisedDilemma(member, id, ask)).rejects.toBeInstanceOf(NotFound); // a draft: not theirs to see
  });

  it("finds dilemmas to link by words in the title or by number, never hidden ones", async () => {
    const staff = await organiser();
    const visible = await dilemma(staff, { title: "Hoe vind je vrijwilligers voor de moestuin?" });
    await dilemma(staff, { title: "Moestuin die niemand onderhoudt", hidden: true });
    const answered = await dilemma(staff, { title: "Een moestuin met buren", status: "answered" });
    expect((await searchDilemmas(staff, "MOESTUIN", { openOnly: false })).map((d) => d.id).sort()).toEqual([visible, answered].sort());
    expect((await searchDilemmas(staff, "moestuin", { openOnly: true })).map((d) => d.id)).toEqual([visible]);
    expect((await searchDilemmas(staff, `#${answered}`, { openOnly: false })).map((d) => d.id)).toEqual([answered]);
  });
});

describe("the agenda of an upcoming meeting", () => {
  it("is public, with the meeting's date, times in Dutch time and place", async () => {
    const staff = await organiser();
    const { id } = await upcoming(staff, { heldOn: "2030-07-02", startTime: "19:30", endTime: "21:30" });
    const page = await getMeetingPage(visitor, id);
    expect(page.meeting).toMatchObject({ status: "upcoming", place: "Buurthuis De Schakel" });
    expect(page.meeting.startsAt?.toISOString()).toBe("2030-07-02T17:30:00.000Z"); // summer time
    expect(page.report).toBeNull();
    expect((await listMeetings(visitor)).upcoming.map((m) => m.id)).toContain(id);
  });

  it("is no longer listed as coming once its day has passed, but as held and waiting for its report", async () => {
    const staff = await organiser();
    const { id } = await upcoming(staff, { heldOn: inDays(-3) });
    const list = await listMeetings(visitor);
    expect(list.upcoming.map((m) => m.id)).not.toContain(id);
    expect(list.awaitingReport.map((m) => m.id)).toContain(id);
    expect((await getNextMeeting(visitor))?.id).not.toBe(id);
  });

  it("takes proposals of open dilemmas everyone may see, once each", async () => {
    const staff = await organiser();
    const member = await person();
    const { id } = await upcoming(staff);
    const open = await dilemma(member);
    await proposeAgendaItem(member, id, { dilemma: open });
    expect(await invalidFields(proposeAgendaItem(await person(), id, { dilemma: open }))).toEqual({
      dilemma: ["meetings.errors.alreadyOnAgenda"],
    });
    expect(await invalidFields(proposeAgendaItem(member, id, { dilemma: await dilemma(member, { status: "answered" }) }))).toEqual({
      dilemma: ["meetings.errors.dilemmaAnswered"],
    });
    // Hidden, even from its own asker (who can still see it): the agenda is public.
    expect(await invalidFields(proposeAgendaItem(member, id, { dilemma: await dilemma(member, { hidden: true }) }))).toEqual({
      dilemma: ["meetings.errors.dilemmaNotFound"],
    });
    await expect(proposeAgendaItem(visitor, id, { dilemma: open })).rejects.toBeInstanceOf(Forbidden);
    const page = await getMeetingPage(member, id);
    expect(page.agenda?.map((item) => [item.dilemma.id, item.proposedBy?.displayName])).toEqual([
      [open, nameOf(member)],
    ]);
  });

  it("takes no proposals or votes while closed, until an organiser opens it", async () => {
    const staff = await organiser();
    const member = await person();
    const { id } = await upcoming(staff, { openAgenda: false });
    const open = await dilemma(member);
    await expect(proposeAgendaItem(member, id, { dilemma: open })).rejects.toBeInstanceOf(Forbidden);
    await expect(openAgenda(member, id)).rejects.toBeInstanceOf(Forbidden);
    await openAgenda(staff, id);
    await proposeAgendaItem(member, id, { dilemma: open });
    await closeAgenda(staff, id);
    await expect(setAgendaVote(member, id, open, true)).rejects.toBeInstanceOf(Forbidden);
    expect((await getMeetingPage(member, id)).agenda).toHaveLength(1); // closing keeps what is on it
  });

  it("closes by itself when the meeting has begun", async () => {
    const staff = await organiser();
    const { id } = await upcoming(staff, { heldOn: inDays(-1) });
    expect((await getMeetingPage(staff, id)).meeting.agendaOpen).toBe(false);
    await expect(proposeAgendaItem(staff, id, { dilemma: await dilemma(staff) })).rejects.toBeInstanceOf(Forbidden);
  });

  it("counts one vote per member; voting again changes nothing, taking it back does", async () => {
    const staff = await organiser();
    const member = await person();
    const { id } = await upcoming(staff);
    const item = await dilemma(member);
    await proposeAgendaItem(member, id, { dilemma: item });
    expect(await setAgendaVote(member, id, item, true)).toEqual({ votes: 1, voted: true });
    expect(await setAgendaVote(member, id, item, true)).toEqual({ votes: 1, voted: true });
    expect((await getMeetingPage(member, id)).agenda?.[0]).toMatchObject({ votes: 1, votedByViewer: true });
    expect((await getMeetingPage(staff, id)).agenda?.[0]).toMatchObject({ votes: 1, votedByViewer: false });
    expect(await setAgendaVote(member, id, item, false)).toEqual({ votes: 0, voted: false });
    expect(await setAgendaVote(member, id, item, false)).toEqual({ votes: 0, voted: false });
    await expect(setAgendaVote(member, id, await dilemma(member), true)).rejects.toBeInstanceOf(NotFound); // not on the agenda
  });

  it("keeps the counter right under 10 members voting at the same moment, and one member's repeated clicks", async () => {
    const staff = await organiser();
    const { id } = await upcoming(staff);
    const item = await dilemma(staff);
    await proposeAgendaItem(staff, id, { dilemma: item });
    const voters = await Promise.all(Array.from({ length: 10 }, () => person()));
    await Promise.all(voters.map((v) => setAgendaVote(v, id, item, true)));
    const eager = voters[0]!;
    await Promise.all([true, true, false, true, false, true].map((vote) => setAgendaVote(eager, id, item, vote)));
    const { votes } = await db.meetingDilemma.findUniqueOrThrow({
      where: { meetingId_dilemmaId_kind: { meetingId: id, dilemmaId: item, kind: "agenda" } },
    });
    const rows = await db.meetingVote.count({ where: { meetingId: id, dilemmaId: item } });
    expect(votes).toBe(rows);
    expect(rows === 10 || rows === 9).toBe(true); // the eager member's last word decides their own vote
  });

  it("ranks items by votes, most first", async () => {
    const staff = await organiser();
    const { id } = await upcoming(staff);
    const [few, many] = [await dilemma(staff), await dilemma(staff)];
    await proposeAgendaItem(staff, id, { dilemma: few });
    await proposeAgendaItem(staff, id, { dilemma: many });
    for (const v of [await person(), await person()]) await setAgendaVote(v, id, many, true);
    expect((await getMeetingPage(visitor, id)).agenda?.map((i) => [i.dilemma.id, i.votes])).toEqual([
      [many, 2],
      [few, 0],
    ]);
    await removeAgendaItem(staff, id, many);
    expect((await getMeetingPage(visitor, id)).agenda?.map((i) => i.dilemma.id)).toEqual([few]);
    expect(await db.meetingVote.count({ where: { meetingId: id, dilemmaId: many } })).toBe(0);
  });

  it("becomes its draft report after the meeting: title, date and place kept, agenda items now discussed", async () => {
    const staff = await organiser();
    const member = await person();
    const next = await upcoming(staff, { title: "Najaarsbijeenkomst", heldOn: "2026-11-05" });
    await editUpcomingMeeting(staff, next.id, { title: "Najaarsbijeenkomst", heldOn: "2026-11-05", startTime: "19:00", endTime: "21:00", place: "De Schakel" });
    // Its date has passed (the agenda closed by itself), with what members had put on it.
    const onAgenda = await dilemma(member);
    await db.meetingDilemma.create({ data: { meetingId: next.id, dilemmaId: onAgenda, kind: "agenda", proposedById: member.userId } });

    await expect(convertToReport(member, next.id)).rejects.toBeInstanceOf(Forbidden);
    await convertToReport(staff, next.id);
    const row = await db.meeting.findUniqueOrThrow({ where: { id: next.id }, include: { dilemmas: true } });
    expect(row).toMatchObject({ status: "draft", title: "Najaarsbijeenkomst", place: "De Schakel", heldOn: dateOnly("2026-11-05") });
    expect(row.startsAt?.toISOString()).toBe("2026-11-05T18:00:00.000Z"); // winter time
    expect(row.dilemmas.map((d) => [d.dilemmaId, d.kind])).toEqual([[onAgenda, "discussed"]]);
    await expect(getMeetingPage(member, next.id)).rejects.toBeInstanceOf(NotFound); // a draft now
    await expect(convertToReport(staff, next.id)).rejects.toBeInstanceOf(Forbidden);

    // Its report keeps the meeting's hours when the date is corrected.
    await editReport(staff, next.id, report({ title: "Najaarsbijeenkomst", heldOn: "2026-11-06" }));
    expect((await db.meeting.findUniqueOrThrow({ where: { id: next.id } })).startsAt?.toISOString()).toBe("2026-11-06T18:00:00.000Z");
  });
});

describe("deleting a meeting", () => {
  it("removes the report, its links, agenda votes and revisions, never the dilemmas", async () => {
    const staff = await organiser();
    const asker = await person();
    const linked = await dilemma(asker);
    const { id } = await createReport(staff, report());
    await linkDilemma(staff, id, { dilemma: linked, kind: "raised" });
    await editReport(staff, id, report({ summary: "Anders" }));
    await deleteMeeting(staff, id);
    expect(await db.meeting.count({ where: { id } })).toBe(0);
    expect(await db.meetingDilemma.count({ where: { meetingId: id } })).toBe(0);
    expect(await db.revision.count({ where: { subjectType: "report", subjectId: id } })).toBe(0);
    expect(await db.dilemma.count({ where: { id: linked } })).toBe(1);
    await expect(getMeetingPage(staff, id)).rejects.toBeInstanceOf(NotFound);
  });
});

describe("reports for a competence page", () => {
  it("lists published reports whose linked dilemmas carry the competence, newest first", async () => {
    const staff = await organiser();
    const member = await person();
    const tag = await competence();
    const other = await competence();
    const older = await createReport(staff, report({ heldOn: "2025-01-10" }));
    const newer = await createReport(staff, report({ heldOn: "2025-06-10" }));
    const draft = await createReport(staff, report({ heldOn: "2025-09-10" }));
    const unrelated = await createReport(staff, report({ heldOn: "2025-03-10" }));
    const hiddenOnly = await createReport(staff, report({ heldOn: "2025-04-10" }));
    await linkDilemma(staff, older.id, { dilemma: await dilemma(member, { competenceIds: [tag.id] }), kind: "discussed" });
    await linkDilemma(staff, newer.id, { dilemma: await dilemma(member, { competenceIds: [tag.id, other.id] }), kind: "raised" });
    await linkDilemma(staff, draft.id, { dilemma: await dilemma(member, { competenceIds: [tag.id] }), kind: "raised" });
    await linkDilemma(staff, unrelated.id, { dilemma: await dilemma(member, { competenceIds: [other.id] }), kind: "raised" });
    const laterHidden = await dilemma(member, { competenceIds: [tag.id] });
    await linkDilemma(staff, hiddenOnly.id, { dilemma: laterHidden, kind: "raised" });
    await db.dilemma.update({ where: { id: laterHidden }, data: { hiddenAt: new Date() } });
    for (const r of [older, newer, unrelated, hiddenOnly]) await publishReport(staff, r.id);

    const listed = await listReportsForCompetence(visitor, tag.id);
    expect(listed.map((r) => r.id)).toEqual([newer.id, older.id]);
    expect(listed[0]).toEqual({ id: newer.id, title: expect.any(String), heldOn: dateOnly("2025-06-10") });
    expect((await listReportsForCompetence(staff, tag.id)).map((r) => r.id)).toEqual([newer.id, hiddenOnly.id, older.id]);
  });
});

describe("the home page's latest report", () => {
  it("is the newest published one, never a draft", async () => {
    const staff = await organiser();
    const published = await createReport(staff, report({ heldOn: inDays(0) }));
    await publishReport(staff, published.id);
    await createReport(staff, report({ heldOn: inDays(0) }));
    expect((await getLatestReport(staff))?.id).toBe(published.id);
  });
});

describe("a report's earlier versions", () => {
  it("lists each edit with the text before and after, newest first; drafts' history stays hidden", async () => {
    const staff = await person("organiser");
    const member = await person("member");
    const { id } = await createReport(staff, report({ title: "Eerste titel", summary: "Eerste tekst." }));
    await expect(getReportHistory(member, id)).rejects.toBeInstanceOf(NotFound);
    await publishReport(staff, id);
    await editReport(staff, id, report({ title: "Tweede titel", summary: "Tweede tekst." }));
    await editReport(staff, id, report({ title: "Tweede titel", summary: "Derde tekst." }));
    const history = await getReportHistory(member, id);
    expect(history.title).toBe("Tweede titel");
    expect(history.edits.map((e) => [e.before.bodyMd, e.after.bodyMd])).toEqual([
      ["Tweede tekst.", "Derde tekst."],
      ["Eerste tekst.", "Tweede tekst."],
    ]);
    expect(history.edits[1]!.before.title).toBe("Eerste titel");
    expect(history.edits[0]!.editor?.handle).toBe(staff.viewer.kind === "member" ? staff.viewer.handle : "");
  });
});

describe("no report before the meeting (issue 22)", () => {
  it("refuses a report dated in the future with a message beside the date, and stores nothing", async () => {
    const staff = await organiser();
    const before = await db.meeting.count();
    const refused = await createReport(staff, report({ heldOn: inDays(3) })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Invalid);
    expect((refused as Invalid).fieldErrors).toEqual({ heldOn: ["forum.meetings.reportDateInFuture"] });
    await expect(previewReport(staff, null, report({ heldOn: inDays(3) }))).rejects.toBeInstanceOf(Invalid);
    expect(await db.meeting.count()).toBe(before);

    // Today is fine (the report is written on the day itself); moving it into the future is not.
    const today = await createReport(staff, report({ heldOn: inDays(0), title: "Vandaag" }));
    await expect(editReport(staff, today.id, report({ heldOn: inDays(2), title: "Later" }))).rejects.toBeInstanceOf(Invalid);
    expect(await db.meeting.findUniqueOrThrow({ where: { id: today.id } })).toMatchObject({ title: "Vandaag", heldOn: dateOnly(inDays(0)) });
  });

  it("does not make a coming meeting its report, nor publish a draft whose day has not come", async () => {
    const staff = await organiser();
    const next = await upcoming(staff, { heldOn: inDays(5) });
    const refused = await convertToReport(staff, next.id).catch((e: unknown) => e);
    expect((refused as Invalid).fieldErrors).toEqual({ "": ["forum.meetings.notHeldYet"] });
    expect((await db.meeting.findUniqueOrThrow({ where: { id: next.id } })).status).toBe("upcoming");
    expect((await getMeetingPage(staff, next.id)).can.convert).toBe(false);
    // A member still gets the Guardian's refusal, not a hint about what organisers may do.
    await expect(convertToReport(await person(), next.id)).rejects.toBeInstanceOf(Forbidden);

    // A draft with a future date (from before this rule): not published, said so.
    const draft = await createReport(staff, report({ heldOn: inDays(0) }));
    await db.meeting.update({ where: { id: draft.id }, data: { heldOn: dateOnly(inDays(4)) } });
    const notYet = await publishReport(staff, draft.id).catch((e: unknown) => e);
    expect((notYet as Invalid).fieldErrors).toEqual({ "": ["forum.meetings.notHeldYet"] });
    expect((await db.meeting.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("draft");
    expect((await getMeetingPage(staff, draft.id)).meeting.held).toBe(false);
  });
});
