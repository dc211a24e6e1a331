import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument } from "@cantoo/pdf-lib";
import S3rver from "s3rver";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer, type MemberViewer } from "~/guardian/viewer";
import { attachToDilemma, attachToReply, attachToReport, prepareAttachment, readAttachment } from "~/attachments/attachments.server";
import { attachmentCleanup } from "~/attachments/subscriber.server";
import { deleteDilemma } from "~/dilemmas/delete.server";
import { deleteMeeting } from "~/meetings/reports.server";
import { createReply, deleteReply } from "~/replies/replies.server";
import { eraseAccount } from "~/rights/erase.server";
import { db } from "~/platform/db.server";
import { fileStore, readAll } from "~/platform/file-store.server";
import { deleteUploadsOf } from "~/uploads/uploads.server";
import * as askRoute from "~/routes/dilemmas.new";
import * as reportEditRoute from "~/routes/meetings.$id.edit";
import * as attachmentRoute from "~/routes/attachment";
import { useTestDatabase } from "../support/database";
import { useUploadDir } from "../support/upload-dir";
import { useEventRelay } from "../support/event-relay";
import { photoJpeg } from "../support/images";
import { outcomeOf, routeContext } from "../support/route-context";

// Photos and PDFs in posts end to end on the server (decision 045): the ask form's multipart
// upload and a report's PDF, stored without metadata, served with their post's visibility and
// the right headers; bad files refused with a 4xx and the typed text kept; deleting and
// erasing take the files along (deleting through the attachments subscriber, decision 050); the
// same store in an S3-compatible bucket (in-process s3rver).

const database = useTestDatabase();
const relay = useEventRelay(database, [attachmentCleanup]);

const uploads = useUploadDir("kk-attachments-");

let n = 0;
type TestMember = { id: number; handle: string; viewer: MemberViewer; guardian: Guardian };

async function member(role: Role = "member"): Promise<TestMember> {
  const handle = `bijlage-${++n}`;
  const user = await db.user.create({ data: { handle, displayName: `Bijlagelid ${n}`, email: `${handle}@voorbeeld.nl`, role } });
  const viewer: MemberViewer = { kind: "member", id: user.id, handle, displayName: user.displayName, role, locale: "nl" };
  return { id: user.id, handle, viewer, guardian: new Guardian(viewer) };
}

let tagSlug = "";
beforeAll(async () => {
  tagSlug = (await db.competence.create({ data: { slug: "bijlagen-tag", nameNl: "Bijlagen", nameEn: "Attachments" } })).slug;
});

/** The ask form as a browser sends it: text fields first, the file last, then the button. */
function askPost(fields: { title: string; body: string; alt?: string }, file?: { bytes: Uint8Array; name: string; type: string }): Request {
  const form = new FormData();
  form.append("submissionId", crypto.randomUUID());
  form.append("title", fields.title);
  form.append("body", fields.body);
  form.append("competences", tagSlug);
  form.append("attachmentAlt", fields.alt ?? "");
  form.append("attachment", file ? new File([Buffer.from(file.bytes)], file.name, { type: file.type }) : new File([], "", { type: "application/octet-stream" }));
  form.append("intent", "publish");
  return new Request("http://localhost/dilemmas/new", { method: "POST", body: form });
}

const ask = (who: TestMember, request: Request) =>
  outcomeOf(() => askRoute.action({ request, context: routeContext(who.viewer), params: {} } as never));

async function serve(viewer: MemberViewer | null, id: number, headers: Record<string, string> = {}): Promise<Response> {
  const request = new Request(`http://localhost/attachments/${id}/x`, { headers });
  try {
    return (await attachmentRoute.loader({ request, context: routeContext(viewer ?? anonymousViewer), params: { id: String(id), name: "x" } } as never)) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    return new Response(null, { status: (thrown as { init?: ResponseInit }).init?.status ?? 500 });
  }
}

const TEXT = { title: "Een foto van de speeltuin in de wijk", body: "**Situatie:** de speeltuin is kapot.\n\n**Mijn vraag:** wie gaat erover?" };

async function pdfWithAuthor(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([300, 300]).drawText("Verslag van de bijeenkomst");
  doc.setAuthor("Jan Jansen");
  doc.setCreator("Tekstverwerker 7");
  doc.setTitle("Intern verslag");
  return doc.save();
}

function errorsOf(data: unknown): Record<string, string[] | null> {
  return ((data as { result?: { error?: Record<string, string[] | null> } }).result?.error ?? {}) as Record<string, string[] | null>;
}
/** What the form gets back as typed (a multipart form sends line breaks as CRLF, as browsers do). */
function typedOf(data: unknown): Record<string, unknown> {
  const typed = ((data as { result?: { initialValue?: Record<string, unknown> } }).result?.initialValue ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(typed).map(([k, v]) => [k, typeof v === "string" ? v.replace(/\r\n/g, "\n") : v]));
}

describe("a photo in a dilemma", () => {
  it("is kept as a WebP without the phone's EXIF and GPS, and shown to visitors with the right headers", async () => {
    const me = await member();
    const outcome = await ask(me, askPost({ ...TEXT, alt: "Een kapotte schommel in de speeltuin" }, { bytes: await photoJpeg(), name: "IMG_0001.JPG", type: "image/jpeg" }));
    expect(outcome.status).toBe(302);
    const dilemma = await db.dilemma.findFirstOrThrow({ where: { authorId: me.id } });
    const attachment = await db.attachment.findFirstOrThrow({ where: { dilemmaId: dilemma.id }, include: { upload: true } });
    expect(attachment).toMatchObject({ kind: "image", fileName: "IMG_0001.webp", altText: "Een kapotte schommel in de speeltuin" });
    expect(attachment.upload).toMatchObject({ contentType: "image/webp", uploaderId: me.id });
    expect(attachment.upload.key).toMatch(/^attachments\/[0-9a-f]{2}\/[0-9a-f-]{36}\.webp$/);

    const stored = fs.readFileSync(path.join(uploads.dir, "uploads", attachment.upload.key));
    const meta = await sharp(stored).metadata();
    expect([meta.format, meta.exif, meta.xmp, meta.icc]).toEqual(["webp", undefined, undefined, undefined]);
    for (const secret of ["Fatima de Vries", "Buurthuis De Linde", "Testtoestel"]) expect(stored.includes(secret)).toBe(false);

    const answer = await serve(null, attachment.id);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Type")).toBe("image/webp");
    // nosniff comes from helmet with every answer of the server: tests/e2e/attachments.spec.ts.
    expect(answer.headers.get("Content-Disposition")).toMatch(/^inline; filename="IMG_0001.webp"/);
    expect(answer.headers.get("Content-Security-Policy")).toContain("sandbox");
    expect(Buffer.from(await answer.arrayBuffer()).equals(stored)).toBe(true);
    const again = await serve(null, attachment.id, { "If-None-Match": answer.headers.get("ETag")! });
    expect(again.status).toBe(304);
  });

  it("needs a description: refused with 400 beside the field, the text kept, nothing stored", async () => {
    const me = await member();
    const outcome = await ask(me, askPost(TEXT, { bytes: await photoJpeg(), name: "foto.jpg", type: "image/jpeg" }));
    expect(outcome.status).toBe(400);
    expect(errorsOf(outcome.data).attachmentAlt).toEqual(["attachments.errors.altRequired"]);
    expect(typedOf(outcome.data)).toMatchObject({ title: TEXT.title, body: TEXT.body });
    expect(await db.dilemma.count({ where: { authorId: me.id } })).toBe(0);
    expect(await db.upload.count({ where: { uploaderId: me.id } })).toBe(0);
  });

  it("refuses a file over 10 MB with 413 and one that is no photo or PDF with 415, keeping what was typed", async () => {
    const me = await member();
    const big = Buffer.alloc(11 * 1024 * 1024, 0x41);
    const tooLarge = await ask(me, askPost({ ...TEXT, alt: "groot" }, { bytes: big, name: "groot.jpg", type: "image/jpeg" }));
    expect(tooLarge.status).toBe(413);
    expect(errorsOf(tooLarge.data).attachment).toEqual(["attachments.errors.tooLarge?max=10"]);
    expect(typedOf(tooLarge.data)).toMatchObject({ title: TEXT.title, body: TEXT.body, attachmentAlt: "groot" });

    // A web page named as a photo: judged by its bytes, not its name or claimed type.
    const html = Buffer.from("<!doctype html><script>alert(1)</script>");
    const notAPhoto = await ask(me, askPost({ ...TEXT, alt: "x" }, { bytes: html, name: "foto.jpg", type: "image/jpeg" }));
    expect(notAPhoto.status).toBe(415);
    expect(errorsOf(notAPhoto.data).attachment).toEqual(["attachments.errors.unsupportedType"]);
    expect(typedOf(notAPhoto.data)).toMatchObject({ title: TEXT.title });
    expect(await db.dilemma.count({ where: { authorId: me.id } })).toBe(0);
  });

  it("is served only with its post: hidden or held → 404 for visitors and other members; deleted or erased → gone with its file", async () => {
    const me = await member();
    const other = await member();
    const organiser = await member("organiser");
    await ask(me, askPost({ ...TEXT, alt: "Een schommel" }, { bytes: await photoJpeg(), name: "foto.jpg", type: "image/jpeg" }));
    const dilemma = await db.dilemma.findFirstOrThrow({ where: { authorId: me.id } });
    const attachment = await db.attachment.findFirstOrThrow({ where: { dilemmaId: dilemma.id }, include: { upload: true } });
    expect((await serve(other.viewer, attachment.id)).status).toBe(200);

    await db.dilemma.update({ where: { id: dilemma.id }, data: { hiddenAt: new Date(), hiddenReason: "Namen van bewoners" } });
    expect((await serve(null, attachment.id)).status).toBe(404);
    expect((await serve(other.viewer, attachment.id)).status).toBe(404);
    expect((await serve(me.viewer, attachment.id)).status).toBe(200);
    expect((await serve(organiser.viewer, attachment.id)).status).toBe(200);
    await db.dilemma.update({ where: { id: dilemma.id }, data: { hiddenAt: null, hiddenReason: null } });

    // Another member may not add files to it (the Guardian: only who may edit the text).
    const prepared = await prepareAttachment(other.guardian, { bytes: await photoJpeg(), name: "x.jpg" }, "Iets");
    await expect(attachToDilemma(other.guardian, dilemma.id, prepared!)).rejects.toThrow(/Forbidden/);

    await deleteDilemma(me.guardian, dilemma.id);
    // Served no more at once (the Guardian); the rows and the file go once the subscriber ran.
    expect((await serve(me.viewer, attachment.id)).status).toBe(404);
    await relay.settled();
    expect(await db.attachment.count({ where: { id: attachment.id } })).toBe(0);
    expect(await db.upload.count({ where: { id: attachment.uploadId } })).toBe(0);
    expect(fs.existsSync(path.join(uploads.dir, "uploads", attachment.upload.key))).toBe(false);
    expect((await serve(me.viewer, attachment.id)).status).toBe(404);

    // Erasing a member removes every file they attached.
    await ask(me, askPost({ ...TEXT, title: "Nog een foto van de speeltuin", alt: "Een glijbaan" }, { bytes: await photoJpeg(), name: "foto.jpg", type: "image/jpeg" }));
    const second = await db.attachment.findFirstOrThrow({ where: { dilemma: { authorId: me.id } }, include: { upload: true } });
    await deleteUploadsOf(me.id);
    expect(await db.attachment.count({ where: { id: second.id } })).toBe(0);
    expect(fs.existsSync(path.join(uploads.dir, "uploads", second.upload.key))).toBe(false);
  });
});

describe("deleting a post takes its files along (the attachments subscriber)", () => {
  const stored = (key: string) => fs.existsSync(path.join(uploads.dir, "uploads", key));
  const photo = async (who: TestMember, alt: string) => (await prepareAttachment(who.guardian, { bytes: await photoJpeg(), name: "foto.jpg" }, alt))!;
  const withUpload = (id: number) => db.attachment.findUniqueOrThrow({ where: { id }, include: { upload: true } });

  it("a deleted reply's file goes, its thread's other files stay", async () => {
    const asker = await member();
    const replier = await member();
    await ask(asker, askPost({ ...TEXT, title: "Een reactie met een foto die weer weg gaat", alt: "Een bankje" }, { bytes: await photoJpeg(), name: "bankje.jpg", type: "image/jpeg" }));
    const dilemma = await db.dilemma.findFirstOrThrow({ where: { authorId: asker.id } });
    const reply = await createReply(replier.guardian, dilemma.id, { body: "Zo zag het er bij ons uit.", submissionId: crypto.randomUUID() });
    const kept = await db.attachment.findFirstOrThrow({ where: { dilemmaId: dilemma.id }, include: { upload: true } });
    const gone = await withUpload(await attachToReply(replier.guardian, reply.id, await photo(replier, "Een gerepareerd bankje")));
    expect(stored(gone.upload.key)).toBe(true);

    await deleteReply(replier.guardian, reply.id);
    expect((await serve(replier.viewer, gone.id)).status).toBe(404);
    await relay.settled();
    expect(await db.attachment.count({ where: { id: gone.id } })).toBe(0);
    expect(await db.upload.count({ where: { id: gone.uploadId } })).toBe(0);
    expect(stored(gone.upload.key)).toBe(false);
    expect(stored(kept.upload.key)).toBe(true);
    expect((await serve(null, kept.id)).status).toBe(200);
  });

  it("a dilemma kept as a tombstone loses its own file; the others' replies keep theirs", async () => {
    const asker = await member();
    const replier = await member();
    await ask(asker, askPost({ ...TEXT, title: "Een dilemma dat een grafsteen wordt", alt: "Een glijbaan" }, { bytes: await photoJpeg(), name: "glijbaan.jpg", type: "image/jpeg" }));
    const dilemma = await db.dilemma.findFirstOrThrow({ where: { authorId: asker.id } });
    const own = await db.attachment.findFirstOrThrow({ where: { dilemmaId: dilemma.id }, include: { upload: true } });
    const reply = await createReply(replier.guardian, dilemma.id, { body: "Bij ons ook, kijk maar.", submissionId: crypto.randomUUID() });
    const theirs = await withUpload(await attachToReply(replier.guardian, reply.id, await photo(replier, "Een andere glijbaan")));

    expect(await deleteDilemma(asker.guardian, dilemma.id)).toEqual({ gone: false });
    await relay.settled();
    expect(await db.upload.count({ where: { id: own.uploadId } })).toBe(0);
    expect(stored(own.upload.key)).toBe(false);
    expect(stored(theirs.upload.key)).toBe(true);
    expect((await serve(null, theirs.id)).status).toBe(200);
  });

  it("a deleted meeting's report files go", async () => {
    const organiser = await member("organiser");
    const meeting = await db.meeting.create({
      data: { title: "Een bijeenkomst die niet doorging", heldOn: new Date("2026-11-03"), status: "published", publishedAt: new Date(), summaryMd: "Niets.", summaryHtml: "<p>Niets.</p>" },
    });
    const prepared = (await prepareAttachment(organiser.guardian, { bytes: await pdfWithAuthor(), name: "verslag.pdf" }, ""))!;
    const attachment = await withUpload(await attachToReport(organiser.guardian, meeting.id, prepared));
    await deleteMeeting(organiser.guardian, meeting.id);
    await relay.settled();
    expect(await db.upload.count({ where: { id: attachment.uploadId } })).toBe(0);
    expect(stored(attachment.upload.key)).toBe(false);
  });

  it("erasing a member (the real erasure, keeping their posts' words) removes every file they attached", async () => {
    const me = await member();
    await ask(me, askPost({ ...TEXT, title: "Een foto van iemand die zich laat wissen", alt: "Een speeltuin" }, { bytes: await photoJpeg(), name: "speeltuin.jpg", type: "image/jpeg" }));
    const attachment = await db.attachment.findFirstOrThrow({ where: { dilemma: { authorId: me.id } }, include: { upload: true } });
    await eraseAccount(me.guardian, me.id, { removePosts: false });
    expect(await db.attachment.count({ where: { id: attachment.id } })).toBe(0);
    expect(await db.upload.count({ where: { uploaderId: me.id } })).toBe(0);
    expect(stored(attachment.upload.key)).toBe(false);
  });
});

describe("a report's PDF", () => {
  it("is stored without its Author and metadata, offered as a download, and not served while the report is a draft", async () => {
    const organiser = await member("organiser");
    const reader = await member();
    const meeting = await db.meeting.create({
      data: { title: "Kringbijeenkomst over de speeltuin", heldOn: new Date("2026-11-02"), status: "published", publishedAt: new Date(), summaryMd: "We spraken over de speeltuin.", summaryHtml: "<p>We spraken over de speeltuin.</p>" },
    });
    const form = new FormData();
    for (const [k, v] of Object.entries({ kind: "report", title: meeting.title, heldOn: "2026-11-02", place: "", hostOrganisation: "", contributors: "", contributorHandles: "", summary: "We spraken over de speeltuin.", takeaways: "", attachmentAlt: "" })) form.append(k, v);
    form.append("attachment", new File([Buffer.from(await pdfWithAuthor())], "verslag.pdf", { type: "application/pdf" }));
    form.append("intent", "save");
    const request = new Request(`http://localhost/meetings/${meeting.id}/edit`, { method: "POST", body: form });
    const outcome = await outcomeOf(() => reportEditRoute.action({ request, context: routeContext(organiser.viewer), params: { id: String(meeting.id) } } as never));
    expect(outcome.status).toBe(302);

    const attachment = await db.attachment.findFirstOrThrow({ where: { meetingId: meeting.id } });
    expect(attachment).toMatchObject({ kind: "document", fileName: "verslag.pdf" });
    const answer = await serve(reader.viewer, attachment.id);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Type")).toBe("application/pdf");
    expect(answer.headers.get("Content-Disposition")).toMatch(/^attachment; filename="verslag.pdf"/);
    const pdf = await PDFDocument.load(new Uint8Array(await answer.arrayBuffer()), { updateMetadata: false });
    expect([pdf.getAuthor(), pdf.getCreator(), pdf.getTitle(), pdf.getPageCount()]).toEqual([undefined, undefined, undefined, 1]);

    await db.meeting.update({ where: { id: meeting.id }, data: { status: "draft" } });
    expect((await serve(reader.viewer, attachment.id)).status).toBe(404);
    expect((await serve(organiser.viewer, attachment.id)).status).toBe(200);
  });
});

describe("the S3-compatible store", () => {
  it("puts, serves and deletes files in a bucket when S3_BUCKET is set (in-process s3rver)", async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "kk-s3-"));
    const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory, configureBuckets: [{ name: "kenniskring", configs: [] }] });
    const { port } = (await server.run()) as { port: number };
    const env = { S3_BUCKET: "kenniskring", S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_ACCESS_KEY_ID: "S3RVER", S3_SECRET_ACCESS_KEY: "S3RVER", S3_PREFIX: "kk/" };
    Object.assign(process.env, env);
    try {
      const store = fileStore();
      await store.put("attachments/ab/test.pdf", Buffer.from("%PDF-1.7 test"));
      expect((await readAll((await store.get("attachments/ab/test.pdf"))!)).toString()).toBe("%PDF-1.7 test");
      expect(fs.readdirSync(path.join(directory, "kenniskring"), { recursive: true }).join(" ")).toContain("kk");

      // A whole upload through the domain, read back through the Guardian.
      const me = await member();
      const dilemma = await db.dilemma.create({ data: { title: "Een dilemma met een foto in S3", bodyMd: "x", bodyHtml: "<p>x</p>", authorId: me.id } });
      const prepared = await prepareAttachment(me.guardian, { bytes: await photoJpeg(), name: "s3.jpg" }, "Een foto in de emmer");
      const id = await attachToDilemma(me.guardian, dilemma.id, prepared!);
      const served = await readAttachment(new Guardian(anonymousViewer), id);
      const bytes = await readAll(served.upload.file);
      expect((await sharp(bytes).metadata()).format).toBe("webp");
      expect(bytes.length).toBe(served.upload.byteSize);

      await store.delete("attachments/ab/test.pdf");
      expect(await store.get("attachments/ab/test.pdf")).toBeNull();
      await store.delete("attachments/ab/test.pdf"); // twice is fine
    } finally {
      for (const key of Object.keys(env)) delete process.env[key];
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
