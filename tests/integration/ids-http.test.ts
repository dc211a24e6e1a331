import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/accounts/sessions.server";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import { dilemmaPath } from "~/dilemmas/paths";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { openAgenda } from "~/meetings/agenda.server";
import { createReport, createUpcomingMeeting } from "~/meetings/reports.server";
import { db } from "~/platform/db.server";
import { createReply } from "~/replies/replies.server";
import { createSynonymGroup } from "~/search/synonyms.server";
import { useTestDatabase } from "../support/database";
import { postForm, startServer, type ServerProcess } from "../support/server-process";

// Every id in an address and every id a form sends goes through one parser (app/platform/ids.ts):
// digits only, within Postgres' integer range. Anything else is a 404 for a page, a message
// beside the field (with what was typed kept) for a form a member fills in, a 400 for a
// button's hidden field: never a 500 from a query Postgres refuses. Asked of the real server.
const database = useTestDatabase();
let server: ServerProcess;

/** Not ids: beyond the integer range (just and far), hex, exponent, signs, spaces, zero, a fraction, a leading zero, words. */
const NOT_IDS = ["2147483648", "99999999999", "99999999999999999999", "0x1F", "1e3", "-1", "+1", " 1", "1 ", "1 2", "0", "1.0", "01", "abc", ""];

let n = 0;
const cookies: Record<string, string> = {};
async function member(role: Role): Promise<Guardian> {
  const user = await db.user.create({ data: { handle: `id-${++n}`, displayName: `Lid ${n}`, role } });
  cookies[role] = `kk_session=${(await createSession(user.id)).token}`;
  return new Guardian({ kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role, locale: "nl" });
}

let page = "";
let meetingId = 0;
let reportId = 0;
let replyId = 0;

beforeAll(async () => {
  const [asker, organiser] = [await member("member"), await member("organiser")];
  await db.competence.create({ data: { slug: "buurt", nameNl: "Buurt", nameEn: "Neighbourhood" } });
  const dilemma = await createDilemma(asker, { title: "Hoe vind ik vrijwilligers voor de buurtmaaltijd?", body: "Tekst", competences: ["buurt"] });
  page = dilemmaPath(dilemma);
  replyId = (await createReply(organiser, dilemma.id, { body: "Vraag het de buren.", submissionId: randomUUID() })).id;
  const next = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  meetingId = (await createUpcomingMeeting(organiser, { title: "Kringbijeenkomst", heldOn: next })).id;
  await openAgenda(organiser, meetingId);
  reportId = (await createReport(organiser, { title: "Verslag", heldOn: "2026-03-12", summary: "Samenvatting" })).id;
  await createSynonymGroup(organiser, { terms: "buurthuis, wijkcentrum", competence: "" });
  server = await startServer({ DATABASE_URL: database.url });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const get = (path: string, role?: Role) =>
  fetch(server.url + path, { redirect: "manual", headers: role ? { Cookie: cookies[role]! } : {} });

describe("an id in a page's address", () => {
  const pages = (v: string) => {
    const id = encodeURIComponent(v);
    return [
      `/dilemmas/${id}`,
      `/dilemmas/${id}/een-titel`,
      `/dilemmas/${id}/edit`,
      `/dilemmas/${id}/revisions`,
      `/replies/${id}`,
      `/replies/${id}/edit`,
      `/replies/${id}/revisions`,
      `/meetings/${id}`,
      `/meetings/${id}/edit`,
      `/meetings/${id}/revisions`,
      `/meetings/${id}/calendar.ics`,
      `/notifications/${id}`,
    ];
  };

  it("that exists opens its page (the check below is not a 404 for everything)", async () => {
    expect((await get(page)).status).toBe(200);
    expect((await get(`/replies/${replyId}`)).status).toBe(302);
    expect((await get(`/meetings/${meetingId}`)).status).toBe(200);
    expect((await get(`/meetings/${reportId}`, "organiser")).status).toBe(200);
    expect((await get(`/meetings/${meetingId}/calendar.ics`)).status).toBe(200);
  });

  it("that is not an id, or none that exists, is a 404 for visitors and members alike", async () => {
    const wrong: string[] = [];
    for (const value of [...NOT_IDS.filter((v) => v !== ""), "2147483647"]) {
      for (const path of pages(value)) {
        // The largest id is an id: a visitor is sent to log in first on an edit page.
        for (const role of value === "2147483647" ? (["organiser"] as const) : ([undefined, "organiser"] as const)) {
          const status = (await get(path, role)).status;
          if (status !== 404) wrong.push(`${path} (${role ?? "visitor"}): ${status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it("a thread's page number reads the same way", async () => {
    for (const value of NOT_IDS) expect((await get(`${page}?page=${encodeURIComponent(value)}`)).status, value).toBe(404);
    expect((await get(`${page}?page=1`)).status).toBe(200);
  });
});

describe("an id a form sends", () => {
  it("as the reply a reply answers: the form again, with a message and the text kept", async () => {
    for (const value of NOT_IDS.filter((v) => v !== "")) {
      const body = `Mijn antwoord blijft staan (${value.trim() || "leeg"}).`;
      const res = await postForm(server.url, page, { intent: "reply", body, parentId: value, submissionId: randomUUID() }, cookies.member);
      const html = await res.text();
      expect(res.status, value).toBe(400);
      expect(html, value).toContain("De reactie waarop je wilt reageren bestaat niet");
      expect(html, value).toContain(body.replace(/\(/g, "(")); // what was typed is in the form again
    }
    expect(await db.reply.count()).toBe(1);
  }, 60_000);

  it("as a button's hidden field (which reply, which agenda item, which synonym group): a 400", async () => {
    const wrong: string[] = [];
    for (const value of NOT_IDS) {
      const answers = [
        [`helpful ${value}`, await postForm(server.url, page, { intent: "helpful", replyId: value, helpful: "on" }, cookies.member)],
        [`hide ${value}`, await postForm(server.url, page, { intent: "hide", replyId: value, reason: "Waarom" }, cookies.organiser)],
        [`vote ${value}`, await postForm(server.url, `/meetings/${meetingId}`, { intent: "vote", dilemmaId: value }, cookies.member)],
        [`unlink ${value}`, await postForm(server.url, `/meetings/${reportId}`, { intent: "unlink", dilemmaId: value, kind: "raised" }, cookies.organiser)],
        [`delete group ${value}`, await postForm(server.url, "/search/synonyms", { intent: "delete", id: value }, cookies.organiser)],
        [`save group ${value}`, await postForm(server.url, "/search/synonyms", { intent: "save", id: value, terms: "a, b" }, cookies.organiser)],
        [`notification read ${value}`, await postForm(server.url, "/notifications", { intent: "markOne", id: value }, cookies.member)],
        [`follow ${value}`, await postForm(server.url, "/notifications/watch", { target: "dilemma", targetId: value, state: "watching", back: "/" }, cookies.member)],
      ] as const;
      for (const [what, res] of answers) if (res.status !== 400) wrong.push(`${what}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
    // The page says what the member can do, and does not blame the site.
    const refused = await (await postForm(server.url, page, { intent: "helpful", replyId: "abc", helpful: "on" }, cookies.member)).text();
    expect(refused).toContain("Dat lukte niet");
    expect(refused).toContain("laad de pagina opnieuw");
    expect(refused).not.toContain("aan onze kant");
    expect((await get(`/search/synonyms?edit=${encodeURIComponent("99999999999")}`, "organiser")).status).toBe(200);
  }, 120_000);

  it("in a dilemma picker (the agenda's, the report's): a message beside the field, the value kept", async () => {
    // Typed by a person: spaces around are forgiven, not inside.
    const picked = ["2147483648", "99999999999", "0x1F", "1e3", "-1", "+1", "1 2", "1.0", "01", "#abc"];
    for (const value of picked) {
      for (const [path, fields, role] of [
        [`/meetings/${meetingId}`, { intent: "propose", dilemma: value }, "member"],
        [`/meetings/${reportId}`, { intent: "link", dilemma: value, kind: "raised" }, "organiser"],
      ] as const) {
        const res = await postForm(server.url, path, fields, cookies[role]);
        const html = await res.text();
        expect(res.status, `${path} ${value}`).toBe(400);
        expect(html, value).toContain("Vul het nummer van het dilemma in");
        expect(html, value).toContain(`value="${value.replace(/&/g, "&amp;")}"`);
      }
    }
    expect(await db.meetingDilemma.count()).toBe(0);
  }, 120_000);
});
