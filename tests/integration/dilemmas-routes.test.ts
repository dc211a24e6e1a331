import { describe, expect, it } from "vitest";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer, type Viewer } from "~/guardian/viewer";
import { db } from "~/platform/db.server";
import { createReply } from "~/replies/replies.server";
import * as dilemmaRoute from "~/routes/dilemma";
import * as editRoute from "~/routes/dilemmas.$id.edit";
import * as listRoute from "~/routes/dilemmas._index";
import * as askRoute from "~/routes/dilemmas.new";
import * as previewRoute from "~/routes/dilemmas.preview";
import * as similarRoute from "~/routes/dilemmas.similar";
import { useTestDatabase } from "../support/database";
import { formPost, outcomeOf, routeContext } from "../support/route-context";

// The dilemma routes as the server runs them: what a browser without JavaScript gets back
// (status, messages, the typed text), and who is sent to the login page.

useTestDatabase();

let n = 0;
async function viewer(role: Role = "member"): Promise<Viewer> {
  const i = ++n;
  const user = await db.user.create({ data: { handle: `r-${i}`, displayName: `Lid ${i}`, role } });
  return { kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role, locale: "nl" };
}

async function competence(): Promise<string> {
  const slug = `c-${++n}`;
  await db.competence.create({ data: { slug, nameNl: `Competentie ${n}`, nameEn: `Competence ${n}` } });
  return slug;
}

const ask = (v: Viewer, fields: Record<string, string | string[]>) =>
  outcomeOf(() =>
    askRoute.action({ request: formPost("/dilemmas/new", fields), context: routeContext(v), params: {} } as never),
  );

type FormAnswer = {
  result: { error?: Record<string, string[]>; initialValue: Record<string, string | string[]> };
  preview?: string | null;
  similar?: { title: string; path: string }[] | null;
  template?: boolean;
};

describe("/dilemmas/new", () => {
  it("sends a visitor to the login page and back", async () => {
    const loaded = await outcomeOf(() =>
      askRoute.loader({ request: new Request("http://localhost/dilemmas/new"), context: routeContext(anonymousViewer), params: {} } as never),
    );
    expect(loaded).toMatchObject({ status: 302, location: "/login?redirectTo=%2Fdilemmas%2Fnew" });
    const posted = await ask(anonymousViewer, { title: "Een vraag", body: "tekst" });
    expect(posted).toMatchObject({ status: 302, location: "/login?redirectTo=%2Fdilemmas%2Fnew" });
  });

  it("gives the form a fresh submission id each time it is opened", async () => {
    const v = await viewer();
    const load = async () =>
      (
        await outcomeOf(() =>
          askRoute.loader({ request: new Request("http://localhost/dilemmas/new"), context: routeContext(v), params: {} } as never),
        )
      ).data as { submissionId: string };
    const [a, b] = [await load(), await load()];
    expect(a.submissionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.submissionId).not.toBe(b.submissionId);
  });

  it("answers bad input with 400, messages per field and everything typed kept", async () => {
    const v = await viewer();
    const long = "Lange titel ".repeat(20);
    const outcome = await ask(v, { title: long, body: "Mijn **tekst** blijft staan.", submissionId: "abcdefgh12345678" });
    expect(outcome.status).toBe(400);
    const { result } = outcome.data as FormAnswer;
    expect(result.error).toMatchObject({
      title: ["errors.tooLong?max=160"],
      competences: ["dilemmas.errors.competencesMin"],
    });
    expect(result.initialValue).toMatchObject({ title: long, body: "Mijn **tekst** blijft staan." });
    expect(await db.dilemma.count({ where: { authorId: v.kind === "member" ? v.id : 0 } })).toBe(0);
  });

  it("creates the dilemma and redirects to its page; the same form again goes to the same page", async () => {
    const v = await viewer();
    const slug = await competence();
    const fields = { title: "Hoe vier je kleine successen?", body: "Tekst.", competences: [slug], submissionId: "form-12345678" };
    const first = await ask(v, fields);
    expect(first.status).toBe(302);
    expect(first.location).toMatch(/^\/dilemmas\/\d+\/hoe-vier-je-kleine-successen\?notice=asked$/);
    const again = await ask(v, fields);
    expect(again.location).toBe(first.location);
  });

  it("previews without judging: the rendered text, similar dilemmas, the form kept", async () => {
    const v = await viewer();
    const slug = await competence();
    await ask(v, { title: "Hoe houd je bewoners betrokken", body: "Tekst.", competences: [slug], submissionId: "seed-12345678" });
    const outcome = await ask(v, { intent: "preview", title: "Hoe hou je bewoners betrokken?", body: "Een *schuine* zin." });
    expect(outcome.status).toBe(200);
    const answer = outcome.data as FormAnswer;
    expect(answer.preview).toBe("<p>Een <em>schuine</em> zin.</p>\n");
    expect(answer.similar).toContainEqual(
      expect.objectContaining({ title: "Hoe houd je bewoners betrokken", path: expect.stringMatching(/^\/dilemmas\/\d+\//) }),
    );
    expect(answer.result.error ?? {}).toEqual({});
    expect(answer.result.initialValue).toMatchObject({ title: "Hoe hou je bewoners betrokken?", body: "Een *schuine* zin." });
  });

  it("answers 'use the template' with the form kept and the template flag", async () => {
    const v = await viewer();
    const outcome = await ask(v, { intent: "template", title: "Half af", body: "" });
    expect(outcome.status).toBe(200);
    expect(outcome.data).toMatchObject({ template: true, result: { initialValue: { title: "Half af" } } });
  });
});

describe("/dilemmas/:id/edit", () => {
  async function dilemmaOf(v: Viewer) {
    const slug = await competence();
    const created = await ask(v, { title: "Oude titel van de vraag", body: "Oud.", competences: [slug], submissionId: `e-${++n}-abcdefgh` });
    return { id: Number(created.location!.split("/")[2]), slug };
  }
  const edit = (v: Viewer, id: number, fields: Record<string, string | string[]>) =>
    outcomeOf(() =>
      editRoute.action({
        request: formPost(`/dilemmas/${id}/edit`, fields),
        context: routeContext(v),
        params: { id: String(id) },
      } as never),
    );

  it("saves the asker's edit and redirects to the new slug", async () => {
    const v = await viewer();
    const { id, slug } = await dilemmaOf(v);
    const outcome = await edit(v, id, { mode: "text", title: "Nieuwe titel", body: "Nieuw.", competences: [slug] });
    expect(outcome).toMatchObject({ status: 302, location: `/dilemmas/${id}/nieuwe-titel?notice=saved` });
  });

  it("answers another member's edit with 403, and a hidden dilemma with 404", async () => {
    const [asker, other, organiser] = [await viewer(), await viewer(), await viewer("organiser")];
    const { id, slug } = await dilemmaOf(asker);
    expect((await edit(other, id, { mode: "text", title: "Overgenomen", body: "x", competences: [slug] })).status).toBe(403);
    const page = await outcomeOf(() =>
      editRoute.loader({ request: new Request(`http://localhost/dilemmas/${id}/edit`), context: routeContext(other), params: { id: String(id) } } as never),
    );
    expect(page.status).toBe(403);
    await db.dilemma.update({ where: { id }, data: { hiddenAt: new Date(), hiddenReason: "test" } });
    expect((await edit(other, id, { mode: "text", title: "Overgenomen", body: "x", competences: [slug] })).status).toBe(404);
    // Staff see it and may fix its tags only.
    const forStaff = await outcomeOf(() =>
      editRoute.loader({ request: new Request(`http://localhost/dilemmas/${id}/edit`), context: routeContext(organiser), params: { id: String(id) } } as never),
    );
    expect(forStaff.data).toMatchObject({ dilemma: { canEditText: false, canEditTags: true } });
  });

  it("answers a non-number id with 404", async () => {
    const v = await viewer();
    const outcome = await outcomeOf(() =>
      editRoute.loader({ request: new Request("http://localhost/dilemmas/abc/edit"), context: routeContext(v), params: { id: "abc" } } as never),
    );
    expect(outcome.status).toBe(404);
  });
});

describe("/dilemmas", () => {
  const list = (v: Viewer, search: string) =>
    outcomeOf(() =>
      listRoute.loader({ request: new Request(`http://localhost/dilemmas${search}`), context: routeContext(v), params: {} } as never),
    );

  it("reads filters from the URL and ignores nonsense", async () => {
    const v = await viewer();
    const slug = await competence();
    await ask(v, { title: "Gefilterd dilemma over iets", body: "x", competences: [slug], submissionId: "list-12345678" });
    const outcome = await list(v, `?competence=${slug}&status=open&unanswered=1&after=rommel`);
    expect(outcome.status).toBe(200);
    const loaded = outcome.data as { page: { items: { title: string }[] }; filter: unknown; paged: boolean };
    expect(loaded.filter).toEqual({ competences: [slug], status: "open", unanswered: true, sort: "activity" });
    expect(loaded.paged).toBe(false);
    expect(loaded.page.items.map((d) => d.title)).toEqual(["Gefilterd dilemma over iets"]);
    const odd = (await list(v, "?status=alles&sort=rommel")).data as { filter: { status: unknown; sort: unknown } };
    expect(odd.filter.status).toBeNull();
    expect(odd.filter.sort).toBe("activity");
  });
});

describe("the live helpers", () => {
  it("/dilemmas/similar answers JSON-able suggestions for anyone", async () => {
    const v = await viewer();
    const slug = await competence();
    await ask(v, { title: "Buurtmoestuin zonder vaste trekkers", body: "x", competences: [slug], submissionId: "sim-12345678" });
    const outcome = await outcomeOf(() =>
      similarRoute.loader({
        request: new Request(`http://localhost/dilemmas/similar?title=${encodeURIComponent("buurtmoestuin trekkers")}`),
        context: routeContext(anonymousViewer),
        params: {},
      } as never),
    );
    expect(outcome.data).toEqual({
      items: [expect.objectContaining({ title: "Buurtmoestuin zonder vaste trekkers", status: "open", replyCount: 0 })],
    });
  });

  it("/dilemmas/preview renders for members and refuses visitors", async () => {
    const v = await viewer();
    const preview = (who: Viewer) =>
      outcomeOf(() =>
        previewRoute.action({
          request: formPost("/dilemmas/preview", { body: "# Kop\n\n<script>alert(1)</script>" }),
          context: routeContext(who),
          params: {},
        } as never),
      );
    const outcome = await preview(v);
    expect(outcome.data).toEqual({ html: "<h3>Kop</h3>\n<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n" });
    expect((await preview(anonymousViewer)).status).toBe(403);
  });
});

describe("/dilemmas/:id, posting a reply", () => {
  it("sends the writer to the page and place of the new reply, also when the form is sent twice", async () => {
    const asker = await viewer();
    const slug = await competence();
    const created = await ask(asker, { title: "Een vraag met veel reacties", body: "Tekst.", competences: [slug], submissionId: `p-${++n}-abcdefgh` });
    const path = created.location!.split("?")[0]!; // without the status message (?notice=asked)
    const id = Number(path.split("/")[2]);
    const post = (v: Viewer, fields: Record<string, string>) =>
      outcomeOf(() =>
        dilemmaRoute.action({ request: formPost(path, { intent: "reply", ...fields }), context: routeContext(v), params: { id: String(id) } } as never),
      );
    const writer = await viewer();
    // A full first page (30 replies) …
    const first = await post(writer, { body: "De eerste reactie.", submissionId: `first-${n}-abcdefgh` });
    const firstId = Number(first.location!.split("#reply-")[1]);
    expect(first).toMatchObject({ status: 302, location: `${path}?notice=replied#reply-${firstId}` });
    // (written through the domain: one member posting 30 through the form would meet the
    // posting budget, decision 022)
    for (let i = 2; i <= 30; i++) await createReply(new Guardian(writer), id, { body: `Reactie ${i}.`, submissionId: `r${i}-${n}-abcdefgh` });
    // … so the next reply is the first on page 2,
    const later = await post(writer, { body: "Op de tweede pagina.", submissionId: `later-${n}-abcdefgh` });
    expect(later.status).toBe(302);
    expect(later.location).toMatch(new RegExp(`^${path}\\?page=2&notice=replied#reply-\\d+$`));
    // the same form again lands at the same place (and adds nothing),
    const again = await post(writer, { body: "Op de tweede pagina.", submissionId: `later-${n}-abcdefgh` });
    expect(again.location).toBe(later.location);
    expect(await db.reply.count({ where: { dilemmaId: id } })).toBe(31);
    // and an answer to the first reply sits right under it, on page 1.
    const nested = await post(writer, { body: "Een antwoord op de eerste.", parentId: String(firstId), submissionId: `nested-${n}-abcdefgh` });
    expect(nested.location).toMatch(new RegExp(`^${path}\\?notice=replied#reply-\\d+$`));
  });
});
