import { describe, expect, it } from "vitest";
import type { Role } from "~/generated/prisma/enums";
import type { MemberViewer as Viewer } from "~/guardian/viewer";
import { db } from "~/platform/db.server";
import * as dilemmaRoute from "~/routes/dilemma";
import * as editRoute from "~/routes/dilemmas.$id.edit";
import * as askRoute from "~/routes/dilemmas.new";
import * as meetingEditRoute from "~/routes/meetings.$id.edit";
import * as newMeetingRoute from "~/routes/meetings.new";
import * as replyEditRoute from "~/routes/reply-edit";
import { importContent } from "~/search/content-import.server";
import { useTestDatabase } from "../support/database";
import { formPost, outcomeOf, routeContext } from "../support/route-context";

// The privacy guard on the publishing forms as a browser without JavaScript meets it (issue
// 21): marks beside the fields and the text kept, nothing stored; "Toch plaatsen" (the same
// form to ?privacy=anyway) publishes and records privacy.warning_overridden with the post.

useTestDatabase();

let n = 0;
async function viewer(role: Role = "member", displayName = `Lid ${n + 1}`): Promise<Viewer> {
  const i = ++n;
  const user = await db.user.create({ data: { handle: `pg-${i}`, displayName, role } });
  return { kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role, locale: "nl" };
}

async function competence(): Promise<string> {
  const slug = `pg-c-${++n}`;
  await db.competence.create({ data: { slug, nameNl: `Competentie ${n}`, nameEn: `Competence ${n}` } });
  return slug;
}

const RESIDENT = "Gisteren belde mevrouw Hendriks van de Dorpsstraat 12 me op, ze is 84 en slechthorend.";
const CLEAN = "Hoe houd je ouderen met geheugenproblemen in de wijk betrokken bij de buurtavond?";

type Warned = { privacy: { fields: Record<string, { kind: string; text: string; replacement: string }[]> }; result: { initialValue: Record<string, unknown> } };

/** The "published anyway" records of one member (the tests share one database). */
const overrides = (v: Viewer) => db.domainEvent.findMany({ where: { type: "privacy.warning_overridden", actorId: v.id }, orderBy: { id: "asc" } });

function post(route: { action: (args: never) => unknown }, path: string, v: Viewer, fields: Record<string, string | string[]>, params: Record<string, string> = {}) {
  return outcomeOf(async () => route.action({ request: formPost(path, fields), context: routeContext(v), params } as never));
}

describe("a new dilemma", () => {
  it("comes back with the marks and the text when it names a resident; nothing is stored", async () => {
    const v = await viewer();
    const slug = await competence();
    const fields = { title: "Een buurvrouw die niets meer hoort", body: RESIDENT, competences: [slug] };
    const answer = await post(askRoute, "/dilemmas/new", v, fields);
    expect(answer.status).toBe(200);
    const warned = answer.data as Warned;
    const kinds = warned.privacy.fields.body!.map((m) => m.kind);
    expect(kinds).toEqual(expect.arrayContaining(["name", "address"]));
    expect(warned.privacy.fields.body!.find((m) => m.kind === "address")).toMatchObject({ text: "Dorpsstraat 12", replacement: "[adres]" });
    expect(warned.result.initialValue.body).toBe(RESIDENT);
    expect(await db.dilemma.count({ where: { authorId: v.id } })).toBe(0);
    expect(await overrides(v)).toHaveLength(0);
  });

  it("is published after 'Toch plaatsen' and the kinds go with it, never the words", async () => {
    const v = await viewer();
    const slug = await competence();
    const answer = await post(askRoute, "/dilemmas/new?privacy=anyway", v, { title: "Een buurvrouw die niets meer hoort", body: RESIDENT, competences: [slug] });
    expect(answer.status).toBe(302);
    const dilemma = await db.dilemma.findFirstOrThrow({ where: { authorId: v.id } });
    const [event] = await overrides(v);
    expect(event).toMatchObject({ subjectId: dilemma.id, actorId: v.id, payload: { post: "dilemma", dilemmaId: null } });
    expect((event!.payload as { kinds: string[] }).kinds).toEqual(expect.arrayContaining(["address", "name"]));
    expect(JSON.stringify(event!.payload)).not.toContain("Hendriks");
  });

  it("publishes a clean text at once, and leaves the writer's own name alone", async () => {
    const v = await viewer("member", "Marloes Bakker");
    const slug = await competence();
    const body = `${CLEAN}\n\nGroet, Marloes Bakker`;
    const answer = await post(askRoute, "/dilemmas/new", v, { title: "Ouderen betrekken bij de buurtavond", body, competences: [slug] });
    expect(answer.status).toBe(302);
    expect(await overrides(v)).toHaveLength(0);
  });

  it("an edit is checked too; published anyway it records the event, a clean edit does not", async () => {
    const v = await viewer();
    const slug = await competence();
    await post(askRoute, "/dilemmas/new", v, { title: "Ouderen betrekken bij de buurtavond", body: CLEAN, competences: [slug] });
    const dilemma = await db.dilemma.findFirstOrThrow({ where: { authorId: v.id } });
    const path = `/dilemmas/${dilemma.id}/edit`;
    const fields = { title: dilemma.title, body: `${CLEAN} Bel gerust 06-12345678.`, competences: [slug] };
    const warned = await post(editRoute, path, v, fields, { id: String(dilemma.id) });
    expect((warned.data as Warned).privacy.fields.body!.map((m) => m.kind)).toEqual(["phone"]);
    expect((await db.dilemma.findUniqueOrThrow({ where: { id: dilemma.id } })).bodyMd).toBe(CLEAN);
    const saved = await post(editRoute, `${path}?privacy=anyway`, v, fields, { id: String(dilemma.id) });
    expect(saved.status).toBe(302);
    expect(await overrides(v)).toMatchObject([{ subjectId: dilemma.id, payload: { post: "dilemma", kinds: ["phone"] } }]);
  });
});

describe("replies", () => {
  it("a reply with a resident's phone number is held back, then published anyway with its thread in the event", async () => {
    const asker = await viewer();
    const slug = await competence();
    await post(askRoute, "/dilemmas/new", asker, { title: "Ouderen betrekken bij de buurtavond", body: CLEAN, competences: [slug] });
    const dilemma = await db.dilemma.findFirstOrThrow({ where: { authorId: asker.id } });
    const replier = await viewer();
    const path = `/dilemmas/${dilemma.id}`;
    const fields = { intent: "reply", body: "Bel de dochter van meneer De Vries, 06 87654321.", submissionId: "privacy-reply-1" };
    const warned = await post(dilemmaRoute, path, replier, fields, { id: String(dilemma.id) });
    expect((warned.data as Warned).privacy.fields.body!.map((m) => m.kind)).toContain("phone");
    expect(await db.reply.count({ where: { dilemmaId: dilemma.id } })).toBe(0);

    const posted = await post(dilemmaRoute, `${path}?privacy=anyway`, replier, fields, { id: String(dilemma.id) });
    expect(posted.status).toBe(302);
    const reply = await db.reply.findFirstOrThrow({ where: { dilemmaId: dilemma.id } });
    expect(await overrides(replier)).toMatchObject([{ subjectId: reply.id, actorId: replier.id, payload: { post: "reply", dilemmaId: dilemma.id } }]);

    // Editing it: the guard again; a clean text saves without a record.
    const editPath = `/replies/${reply.id}/edit`;
    const clean = await post(replyEditRoute, editPath, replier, { intent: "save", body: "Bel de wijkverpleging, die weet raad." }, { id: String(reply.id) });
    expect(clean.status).toBe(302);
    expect(await overrides(replier)).toHaveLength(1);
  });
});

describe("reports", () => {
  it("the summary and takeaways are checked; published anyway the report's event says so", async () => {
    const organiser = await viewer("organiser");
    const fields = {
      kind: "report",
      intent: "save",
      title: "Buurtavond over eenzaamheid",
      heldOn: "2026-11-12",
      summary: "We spraken over eenzaamheid onder ouderen in de wijk.",
      takeaways: "Ga langs bij mevrouw Jansen op de Kerkstraat 4\nBegin klein",
    };
    const warned = await post(newMeetingRoute, "/meetings/new", organiser, fields);
    const marks = (warned.data as Warned).privacy.fields;
    expect(Object.keys(marks)).toEqual(["takeaways"]);
    expect(marks.takeaways!.map((m) => m.text)).toContain("Kerkstraat 4");
    expect(await db.meeting.count({ where: { title: fields.title } })).toBe(0);

    const saved = await post(newMeetingRoute, "/meetings/new?privacy=anyway", organiser, fields);
    expect(saved.status).toBe(302);
    const meeting = await db.meeting.findFirstOrThrow({ where: { title: fields.title } });
    expect(await overrides(organiser)).toMatchObject([{ subjectId: meeting.id, payload: { post: "report", dilemmaId: null } }]);

    const edit = await post(meetingEditRoute, `/meetings/${meeting.id}/edit`, organiser, { ...fields, takeaways: "Begin klein" }, { id: String(meeting.id) });
    expect(edit.status).toBe(302);
    expect(await overrides(organiser)).toHaveLength(1);
  });
});

describe("the content importer", () => {
  it("says per item whether the guard would have warned, and imports it all the same", async () => {
    const slug = await competence();
    const items = [
      { ref: "pg-imp-d1", kind: "dilemma", title: "Een buurman die niet meer buiten komt", body: RESIDENT, competences: [slug], author: "importlid" },
      { ref: "pg-imp-r1", kind: "reply", parent: "pg-imp-d1", body: "Vraag de wijkverpleging om eens langs te gaan.", author: "anderlid" },
    ];
    const result = await importContent(items.map((i) => JSON.stringify(i)).join("\n") + "\n");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.items.map((i) => [i.ref, i.created])).toEqual([
      ["pg-imp-d1", true],
      ["pg-imp-r1", true],
    ]);
    expect(result.items[0]!.privacyWarning).toEqual(expect.arrayContaining(["address", "name"]));
    expect(result.items[1]!.privacyWarning).toEqual([]);
  });
});
