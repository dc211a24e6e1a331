import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachToDilemma, prepareAttachment } from "~/attachments/attachments.server";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import { editDilemma } from "~/dilemmas/edit.server";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer, type MemberViewer } from "~/guardian/viewer";
import { setOwnPhoto } from "~/members/photos.server";
import { db } from "~/platform/db.server";
import { uploadsDirectory } from "~/platform/file-store.server";
import { createReply, setHelpful } from "~/replies/replies.server";
import { eraseAccount } from "~/rights/erase.server";
import * as archiveRoute from "~/routes/account.data.archive";
import * as eraseRoute from "~/routes/account.erase";
import * as registerRoute from "~/routes/privacy.register";
import { useTestDatabase } from "../support/database";
import { photoJpeg } from "../support/images";
import { formPost, outcomeOf, routeContext } from "../support/route-context";

// A member's AVG rights on the server (issue 21): the archive of everything about them (the
// zip's contents read back), and erasing the account, after which no table holds anything
// that points at the person (checked by a query over every text column of every table).

useTestDatabase();

let dataDir: string;
const previousDataDir = process.env.KK_DATA_DIR;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kk-rights-"));
  process.env.KK_DATA_DIR = dataDir;
});
afterAll(() => {
  if (previousDataDir === undefined) delete process.env.KK_DATA_DIR;
  else process.env.KK_DATA_DIR = previousDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

let n = 0;
type Person = { id: number; handle: string; email: string; name: string; viewer: MemberViewer; guardian: Guardian };

async function person(name: string, organisation: string | null = null): Promise<Person> {
  const i = ++n;
  const handle = `${name.split(" ")[0]!.toLowerCase()}-${i}`;
  const email = `${handle}@voorbeeld.nl`;
  const user = await db.user.create({ data: { handle, displayName: name, email, organisation, consentAt: new Date() } });
  const viewer: MemberViewer = { kind: "member", id: user.id, handle, displayName: name, role: "member", locale: "nl" };
  return { id: user.id, handle, email, name, viewer, guardian: new Guardian(viewer) };
}

async function competence(): Promise<string> {
  const slug = `rights-${++n}`;
  await db.competence.create({ data: { slug, nameNl: `Competentie ${n}`, nameEn: `Competence ${n}` } });
  return slug;
}

/** A member with something of everything: posts, an edit, a helpful mark, a photo, a session, a mail. */
async function busyMember(name: string, organisation: string) {
  const me = await person(name, organisation);
  const other = await person("Teun Anders");
  const slug = await competence();
  await db.userExpertise.create({ data: { userId: me.id, competenceId: (await db.competence.findUniqueOrThrow({ where: { slug } })).id } });
  const tag = organisation.split(" ")[0];
  const dilemma = await createDilemma(me.guardian, { title: `Hoe start je een buurtmoestuin ${tag}?`, body: `Eerste versie van mijn vraag ${tag}.`, competences: [slug] });
  await editDilemma(me.guardian, dilemma.id, { title: `Hoe start je een buurtmoestuin samen ${tag}?`, body: `Tweede versie van mijn vraag ${tag}.`, competences: [slug] });
  const theirs = await createReply(other.guardian, dilemma.id, { body: `Vraag het @${me.handle} zelf, die weet het.`, submissionId: `reply-${n}-aaaa` });
  await createReply(me.guardian, dilemma.id, { body: `Mijn eigen antwoord over de moestuin ${tag}.`, submissionId: `reply-${n}-bbbb` });
  await setHelpful(me.guardian, theirs.id, true);
  await setOwnPhoto(me.guardian, await photoJpeg());
  // A photo in their own dilemma, and one another member put in theirs (not this member's).
  const mine = await prepareAttachment(me.guardian, { bytes: await photoJpeg(), name: "schommel.jpg" }, `De kapotte schommel ${tag}`);
  await attachToDilemma(me.guardian, dilemma.id, mine!);
  const otherDilemma = await createDilemma(other.guardian, { title: `Een vraag van Teun ${tag}`, body: "Over de speeltuin.", competences: [slug] });
  const theirsPhoto = await prepareAttachment(other.guardian, { bytes: await photoJpeg(), name: "teun.jpg" }, "Teuns foto");
  await attachToDilemma(other.guardian, otherDilemma.id, theirsPhoto!);
  await db.session.create({ data: { id: `s-${n}`, userId: me.id, expiresAt: new Date(Date.now() + 86_400_000) } });
  await db.mail.create({
    data: { kind: "test", toAddress: me.email, toUserId: me.id, locale: "nl", subject: `Hallo ${name}`, text: `Beste ${name}`, html: `<p>Beste ${name}</p>`, messageId: `<m-${n}@test>` },
  });
  return { me, other, dilemmaId: dilemma.id };
}

async function archiveOf(who: MemberViewer | typeof anonymousViewer) {
  try {
    return await archiveRoute.loader({ request: new Request("http://localhost/account/data/archive.zip"), context: routeContext(who), params: {} } as never);
  } catch (thrown) {
    return thrown as Response;
  }
}

describe("download je gegevens", () => {
  it("gives the member one zip: data.json with everything, a readable page, the photo and the files in their posts", async () => {
    const { me } = await busyMember("Zwaantje Quirijnsen", "Quirijnsen Advies");
    const response = await archiveOf(me.viewer);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/zip");
    expect(response.headers.get("Content-Disposition")).toMatch(new RegExp(`attachment; filename="kenniskring-${me.handle}-\\d{4}-\\d{2}-\\d{2}\\.zip"`));
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const [attached] = Object.keys(files).filter((name) => name.startsWith("attachments/"));
    expect(Object.keys(files).sort()).toEqual([attached, "data.json", "index.html", "photo.webp"]);
    expect(strFromU8(files["photo.webp"]!.subarray(0, 4))).toBe("RIFF");
    expect(attached).toMatch(/^attachments\/\d+-schommel\.webp$/); // named after what is stored
    expect(strFromU8(files[attached!]!.subarray(0, 4))).toBe("RIFF"); // the stored photo: re-encoded as WebP

    const data = JSON.parse(strFromU8(files["data.json"]!));
    expect(data.account).toMatchObject({ displayName: "Zwaantje Quirijnsen", email: me.email, organisation: "Quirijnsen Advies", hasPhoto: true });
    expect(data.account.expertise).toHaveLength(1);
    expect(data.dilemmas).toMatchObject([{ title: "Hoe start je een buurtmoestuin samen Quirijnsen?", bodyMd: "Tweede versie van mijn vraag Quirijnsen." }]);
    expect(data.revisions).toMatchObject([{ subjectType: "dilemma", title: "Hoe start je een buurtmoestuin Quirijnsen?", bodyMd: "Eerste versie van mijn vraag Quirijnsen." }]);
    expect(data.replies).toMatchObject([{ bodyMd: "Mijn eigen antwoord over de moestuin Quirijnsen.", dilemmaTitle: "Hoe start je een buurtmoestuin samen Quirijnsen?" }]);
    expect(data.helpfulMarks).toHaveLength(1);
    expect(data.sessions).toHaveLength(1);
    expect(data.mailsSent).toMatchObject([{ subject: "Hallo Zwaantje Quirijnsen" }]);
    expect(data.attachments).toMatchObject([{ kind: "image", fileName: "schommel.webp", altText: "De kapotte schommel Quirijnsen", inArchive: attached }]);
    expect(data.attachments[0]).not.toHaveProperty("uploadId");
    // Secrets are not data about the member.
    const json = strFromU8(files["data.json"]!);
    expect(json).not.toMatch(/passwordHash|"s-\d+"/);
    // Others' words stay out.
    expect(json).not.toContain("die weet het");

    const html = strFromU8(files["index.html"]!);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("Gegevens van Zwaantje Quirijnsen in de Kenniskring");
    expect(html).toContain("Eerste versie van mijn vraag Quirijnsen.");
    expect(html).toContain(`<a href="${attached}">schommel.webp</a>`);
    expect(html).not.toContain("teun.");
  });

  it("sends a visitor to log in", async () => {
    const response = await archiveOf(anonymousViewer);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=/account/data");
  });
});

/** Every text-like column of every table of ours where one of the needles still occurs. */
async function tracesOf(needles: string[]): Promise<string[]> {
  const columns = await db.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'USER-DEFINED', 'jsonb', 'ARRAY')
      AND (udt_name IN ('text', 'varchar', 'citext', 'jsonb', '_text') )`;
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    for (const needle of needles) {
      const [row] = await db.$queryRawUnsafe<{ hits: number }[]>(
        `SELECT count(*)::int AS hits FROM "${table_name}" WHERE position(lower($1) in lower("${column_name}"::text)) > 0`,
        needle,
      );
      if (row!.hits > 0) found.push(`${table_name}.${column_name}: ${needle}`);
    }
  }
  return found;
}

describe("erasing an account", () => {
  it("leaves nothing personal in any table; posts stay under 'voormalig lid'; mentions neutralised; photo file gone", async () => {
    const { me, other, dilemmaId } = await busyMember("Wilhelmina Oostervelt", "Oostervelt Wijkadvies");
    const photoFiles = () => fs.readdirSync(uploadsDirectory(), { recursive: true }).filter((f) => String(f).endsWith(".jpg") || String(f).includes("."));
    const before = photoFiles().length;
    expect(await tracesOf([me.email, me.name, "Oostervelt Wijkadvies", `@${me.handle}`])).not.toEqual([]);

    const refused = await outcomeOf(() => eraseRoute.action({ request: formPost("/account/erase", { posts: "keep" }), context: routeContext(me.viewer), params: {} } as never));
    expect(refused.status).toBe(400);
    expect(await db.user.findUniqueOrThrow({ where: { id: me.id } })).toMatchObject({ erasedAt: null });

    const done = await outcomeOf(() =>
      eraseRoute.action({ request: formPost("/account/erase", { posts: "keep", confirm: "yes" }), context: routeContext(me.viewer), params: {} } as never),
    );
    expect(done).toMatchObject({ status: 302, location: "/account/erase?done=1" });

    expect(await tracesOf([me.email, me.name, "Oostervelt Wijkadvies", `@${me.handle}`, me.handle])).toEqual([]);
    expect(await db.user.findUniqueOrThrow({ where: { id: me.id } })).toMatchObject({ displayName: "Voormalig lid", email: null, passwordHash: null, photoId: null });
    expect(await db.session.count({ where: { userId: me.id } })).toBe(0);
    expect(await db.upload.count({ where: { uploaderId: me.id } })).toBe(0);
    expect(photoFiles().length).toBe(before - 2); // their photo and the photo in their dilemma
    // The posts stay, and others' words with them.
    expect(await db.dilemma.findUniqueOrThrow({ where: { id: dilemmaId } })).toMatchObject({ bodyMd: "Tweede versie van mijn vraag Oostervelt.", authorId: me.id });
    const mention = await db.reply.findFirstOrThrow({ where: { authorId: other.id } });
    expect(mention.bodyMd).toBe("Vraag het @voormalig-lid zelf, die weet het.");
    expect(await db.domainEvent.findMany({ where: { type: "account.erased", subjectId: me.id } })).toMatchObject([{ actorId: me.id, payload: { byAdmin: false } }]);
    // Signing in is over: the same Guardian asks again and is refused.
    await expect(eraseAccount(me.guardian, me.id, { removePosts: false })).rejects.toThrow(/erased already/);
  });

  it("removes the words of the posts too when asked, and the search index follows", async () => {
    const { me, dilemmaId } = await busyMember("Roosmarijn Tjallema", "Tjallema Zorg");
    await eraseAccount(me.guardian, me.id, { removePosts: true });
    expect(await db.dilemma.findUniqueOrThrow({ where: { id: dilemmaId } })).toMatchObject({ title: "Verwijderd dilemma", bodyMd: "" });
    expect(await db.reply.findMany({ where: { authorId: me.id } })).toMatchObject([{ bodyMd: "", deletedByAuthorAt: expect.any(Date) }]);
    expect(await tracesOf(["moestuin samen Tjallema", "vraag Tjallema", "moestuin Tjallema"])).toEqual([]);
  });

  it("an admin erases another member only with the member's request written down", async () => {
    const member = await person("Gerrit Lutgerink");
    const adminUser = await db.user.create({ data: { handle: `admin-${++n}`, displayName: "Beheer", role: "admin" } });
    const admin = new Guardian({ kind: "member", id: adminUser.id, handle: adminUser.handle, displayName: "Beheer", role: "admin", locale: "nl" });
    await expect(eraseAccount(admin, member.id, { removePosts: false })).rejects.toMatchObject({ fieldErrors: { reason: ["avg.erase.errors.reasonRequired"] } });
    await eraseAccount(admin, member.id, { removePosts: false, reason: "Verzoek per mail van 5 december" });
    expect(await db.domainEvent.findMany({ where: { type: "account.erased", subjectId: member.id } })).toMatchObject([{ actorId: adminUser.id, payload: { byAdmin: true } }]);
    const stranger = await person("Klaas Vreemd");
    await expect(eraseAccount(stranger.guardian, adminUser.id, { removePosts: false })).rejects.toThrow(/only the member or an admin/);
  });
});

describe("the processing register", () => {
  it("is for admins: a member gets 403, a visitor the login page", async () => {
    const member = await person("Lid Zonder Register");
    const load = (viewer: MemberViewer | typeof anonymousViewer) =>
      outcomeOf(async () => registerRoute.loader({ request: new Request("http://localhost/privacy/register"), context: routeContext(viewer), params: {} } as never));
    expect((await load(member.viewer)).status).toBe(403);
    expect(await load(anonymousViewer)).toMatchObject({ status: 302, location: "/login?redirectTo=/privacy/register" });
    const adminUser = await db.user.create({ data: { handle: `admin-reg-${++n}`, displayName: "Beheer", role: "admin" } });
    const admin: MemberViewer = { kind: "member", id: adminUser.id, handle: adminUser.handle, displayName: "Beheer", role: "admin", locale: "nl" };
    expect(await load(admin)).toMatchObject({ status: 200, data: { days: { mailDays: 90, sessionDays: 30 } } });
  });
});
