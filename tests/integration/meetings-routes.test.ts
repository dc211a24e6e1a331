import { describe, expect, it } from "vitest";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer, type Viewer } from "~/guardian/viewer";
import { createReport, createUpcomingMeeting, publishReport } from "~/meetings/reports.server";
import { db } from "~/platform/db.server";
import * as editRoute from "~/routes/meetings.$id.edit";
import * as meetingRoute from "~/routes/meetings.$id";
import * as newRoute from "~/routes/meetings.new";
import { useTestDatabase } from "../support/database";
import { formPost, outcomeOf, routeContext } from "../support/route-context";

// The meeting routes as the server runs them, as a browser without JavaScript meets them:
// status codes, field messages beside the fields with the typed text kept, drafts that do not
// exist for members, and who is sent to the login page.

useTestDatabase();

let n = 0;
async function viewer(role: Role = "member"): Promise<Viewer> {
  const i = ++n;
  const user = await db.user.create({ data: { handle: `m-${i}`, displayName: `Lid ${i}`, role } });
  return { kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role, locale: "nl" };
}

type FormAnswer = {
  form?: string;
  result: { error?: Record<string, string[]>; initialValue: Record<string, string | string[]> };
};

const call = (route: { loader?: unknown; action?: unknown }, kind: "loader" | "action", v: Viewer, request: Request, params: Record<string, string> = {}) =>
  outcomeOf(() => (route[kind] as (args: unknown) => Promise<unknown>)({ request, context: routeContext(v), params }));

const get = (path: string) => new Request(`http://localhost${path}`);

async function draftAndPublished() {
  const staff = new Guardian(await viewer("organiser"));
  const fields = { title: "Voorjaarsbijeenkomst", heldOn: "2026-03-12", summary: "Samenvatting" };
  const draft = await createReport(staff, fields);
  const published = await createReport(staff, fields);
  await publishReport(staff, published.id);
  return { staff, draft: draft.id, published: published.id };
}

describe("/meetings/new", () => {
  it("sends a visitor to the login page and refuses a member (403)", async () => {
    expect(await call(newRoute, "loader", anonymousViewer, get("/meetings/new?kind=report"))).toMatchObject({
      status: 302,
      location: "/login?redirectTo=%2Fmeetings%2Fnew%3Fkind%3Dreport",
    });
    expect(await call(newRoute, "loader", await viewer(), get("/meetings/new"))).toMatchObject({ status: 403 });
    expect(await call(newRoute, "action", await viewer(), formPost("/meetings/new", { title: "x" }))).toMatchObject({ status: 403 });
  });

  it("answers an empty title and a date in a wrong format with messages beside the fields (400), the text kept", async () => {
    const organiser = await viewer("organiser");
    const answer = await call(
      newRoute,
      "action",
      organiser,
      formPost("/meetings/new", { kind: "report", title: "", heldOn: "12 maart", summary: "Wat we bespraken", takeaways: "Een\nTwee" }),
    );
    expect(answer.status).toBe(400);
    const { result } = answer.data as FormAnswer;
    expect(result.error).toMatchObject({ title: ["errors.required"], heldOn: ["meetings.errors.dateInvalid"] });
    expect(result.initialValue).toMatchObject({ heldOn: "12 maart", summary: "Wat we bespraken" });
    expect(result.initialValue.takeaways).toMatch(/^Een\r?\nTwee$/); // a form sends its line ends as CRLF
    expect(await db.meeting.count()).toBe(0);
  });

  it("plans a meeting and sends the organiser to its page; an end before the start is refused", async () => {
    const organiser = await viewer("organiser");
    const wrong = await call(newRoute, "action", organiser, formPost("/meetings/new", { kind: "upcoming", title: "Volgende", heldOn: "2030-05-01", startTime: "21:00", endTime: "19:00" }));
    expect(wrong.status).toBe(400);
    expect((wrong.data as FormAnswer).result.error).toEqual({ endTime: ["meetings.errors.endBeforeStart"] });
    const made = await call(newRoute, "action", organiser, formPost("/meetings/new", { kind: "upcoming", title: "Volgende", heldOn: "2030-05-01", startTime: "19:30", endTime: "21:30", openAgenda: "on" }));
    const meeting = await db.meeting.findFirstOrThrow({ where: { title: "Volgende" } });
    expect(made).toMatchObject({ status: 302, location: `/meetings/${meeting.id}` });
    expect(meeting).toMatchObject({ status: "upcoming" });
    expect(meeting.agendaOpenedAt).not.toBeNull();
  });

  it("previews a report without saving it", async () => {
    const organiser = await viewer("organiser");
    const answer = await call(newRoute, "action", organiser, formPost("/meetings/new", { kind: "report", intent: "preview", title: "Concept", heldOn: "2026-03-12", summary: "**Vet**" }));
    expect(answer.status).toBe(200);
    expect((answer.data as { preview: { summaryHtml: string } }).preview.summaryHtml).toContain("<strong>Vet</strong>");
    expect(await db.meeting.count({ where: { title: "Concept" } })).toBe(0);
  });
});

describe("/meetings/:id", () => {
  it("is a 404 for a draft unless you are staff; a published report is for everyone", async () => {
    const { draft, published } = await draftAndPublished();
    for (const v of [anonymousViewer, await viewer()]) {
      expect(await call(meetingRoute, "loader", v, get(`/meetings/${draft}`), { id: String(draft) })).toMatchObject({ status: 404 });
      expect(await call(meetingRoute, "loader", v, get(`/meetings/${published}`), { id: String(published) })).toMatchObject({ status: 200 });
    }
    expect(await call(meetingRoute, "loader", await viewer("admin"), get(`/meetings/${draft}`), { id: String(draft) })).toMatchObject({ status: 200 });
    expect(await call(meetingRoute, "loader", anonymousViewer, get("/meetings/abc"), { id: "abc" })).toMatchObject({ status: 404 });
  });

  it("answers a link to a hidden or non-existent dilemma beside the field (400), the input kept", async () => {
    const { staff, draft } = await draftAndPublished();
    const hidden = await db.dilemma.create({
      data: { title: "Verborgen vraag", bodyMd: "x", bodyHtml: "<p>x</p>", authorId: staff.userId!, hiddenAt: new Date() },
    });
    for (const reference of [String(hidden.id), "987654"]) {
      const answer = await call(meetingRoute, "action", staff.viewer, formPost(`/meetings/${draft}`, { intent: "link", dilemma: reference, kind: "discussed" }), { id: String(draft) });
      expect(answer.status).toBe(400);
      const data = answer.data as FormAnswer;
      expect(data.form).toBe("link");
      expect(data.result.error).toEqual({ dilemma: ["meetings.errors.dilemmaNotFound"] });
      expect(data.result.initialValue).toMatchObject({ dilemma: reference, kind: "discussed" });
    }
  });

  it("hides a draft from a member who posts to it (404), and sends a visitor to log in", async () => {
    const { draft, published } = await draftAndPublished();
    const member = await viewer();
    expect(await call(meetingRoute, "action", member, formPost(`/meetings/${draft}`, { intent: "publish" }), { id: String(draft) })).toMatchObject({ status: 404 });
    expect(await call(meetingRoute, "action", member, formPost(`/meetings/${published}`, { intent: "delete" }), { id: String(published) })).toMatchObject({ status: 403 });
    expect(await call(meetingRoute, "action", anonymousViewer, formPost(`/meetings/${published}`, { intent: "vote" }), { id: String(published) })).toMatchObject({
      status: 302,
      location: `/login?redirectTo=%2Fmeetings%2F${published}`,
    });
  });

  it("takes a member's vote and answers with the agenda item", async () => {
    const staff = new Guardian(await viewer("organiser"));
    const { id } = await createUpcomingMeeting(staff, { title: "Volgende", heldOn: "2099-01-01", openAgenda: true });
    const member = await viewer();
    const item = await db.dilemma.create({ data: { title: "Open vraag", bodyMd: "x", bodyHtml: "<p>x</p>", authorId: member.kind === "member" ? member.id : 0 } });
    const proposed = await call(meetingRoute, "action", member, formPost(`/meetings/${id}`, { intent: "propose", dilemma: String(item.id) }), { id: String(id) });
    expect(proposed).toMatchObject({ status: 302, location: `/meetings/${id}#agenda-item-${item.id}` });
    const voted = await call(meetingRoute, "action", member, formPost(`/meetings/${id}`, { intent: "vote", dilemmaId: String(item.id), vote: "on" }), { id: String(id) });
    expect(voted).toMatchObject({ status: 302, location: `/meetings/${id}#agenda-item-${item.id}` });
    expect(await db.meetingVote.count({ where: { meetingId: id } })).toBe(1);
  });

  it("deletes a report and goes back to the list; the dilemmas stay", async () => {
    const { staff, published } = await draftAndPublished();
    expect(await call(meetingRoute, "action", staff.viewer, formPost(`/meetings/${published}`, { intent: "delete" }), { id: String(published) })).toMatchObject({
      status: 302,
      location: "/meetings",
    });
    expect(await db.meeting.count({ where: { id: published } })).toBe(0);
  });
});

describe("/meetings/:id/edit", () => {
  it("is a 404 for a member on a draft, a 403 on a published report, and asks a visitor to log in", async () => {
    const { draft, published } = await draftAndPublished();
    const member = await viewer();
    expect(await call(editRoute, "loader", member, get(`/meetings/${draft}/edit`), { id: String(draft) })).toMatchObject({ status: 404 });
    expect(await call(editRoute, "loader", member, get(`/meetings/${published}/edit`), { id: String(published) })).toMatchObject({ status: 403 });
    expect(await call(editRoute, "loader", anonymousViewer, get(`/meetings/${draft}/edit`), { id: String(draft) })).toMatchObject({ status: 302 });
  });

  it("keeps the typed text with the messages when the date is wrong (400)", async () => {
    const { staff, published } = await draftAndPublished();
    const answer = await call(
      editRoute,
      "action",
      staff.viewer,
      formPost(`/meetings/${published}/edit`, { kind: "report", intent: "save", title: "Nieuwe titel", heldOn: "2026-13-01", summary: "Nieuwe tekst" }),
      { id: String(published) },
    );
    expect(answer.status).toBe(400);
    const { result } = answer.data as FormAnswer;
    expect(result.error).toEqual({ heldOn: ["meetings.errors.dateInvalid"] });
    expect(result.initialValue).toMatchObject({ title: "Nieuwe titel", summary: "Nieuwe tekst" });
    expect((await db.meeting.findUniqueOrThrow({ where: { id: published } })).title).toBe("Voorjaarsbijeenkomst");
  });
});
