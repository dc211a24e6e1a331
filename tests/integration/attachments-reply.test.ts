import fs from "node:fs";
import path from "node:path";
import { PDFDocument } from "@cantoo/pdf-lib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { anonymousViewer, type MemberViewer } from "~/guardian/viewer";
import { db } from "~/platform/db.server";
import { dilemmaPath } from "~/dilemmas/paths";
import * as askRoute from "~/routes/dilemmas.new";
import * as dilemmaRoute from "~/routes/dilemma";
import * as attachmentRoute from "~/routes/attachment";
import { useTestDatabase } from "../support/database";
import { useUploadDir } from "../support/upload-dir";
import { photoJpeg } from "../support/images";
import { formPost, outcomeOf, routeContext } from "../support/route-context";

// A new reply with a photo or a PDF (decision 050): the thread's reply form is multipart and
// the dilemma page's action takes the file with the reply, by the rules of decision 045 —
// checked by its bytes, re-encoded without metadata, a description required, refused files
// answered with a 4xx beside the field and the typed text kept, nothing half-stored.

useTestDatabase();

const uploads = useUploadDir("kk-reply-attachments-");

let n = 0;
async function member(): Promise<MemberViewer> {
  const handle = `antwoordbijlage-${++n}`;
  const user = await db.user.create({ data: { handle, displayName: `Antwoorder ${n}`, email: `${handle}@voorbeeld.nl` } });
  return { kind: "member", id: user.id, handle, displayName: user.displayName, role: "member", locale: "nl" };
}

let slug = "";
beforeAll(async () => {
  slug = (await db.competence.create({ data: { slug: "antwoord-bijlagen", nameNl: "Antwoordbijlagen", nameEn: "Reply attachments" } })).slug;
});

async function dilemma(): Promise<{ id: number; asker: MemberViewer }> {
  const asker = await member();
  const asked = await outcomeOf(() =>
    askRoute.action({
      request: formPost("/dilemmas/new", { title: `Een speeltuin zonder schommel ${n}`, body: "Wie repareert de schommel in de speeltuin?", competences: slug, submissionId: crypto.randomUUID() }),
      context: routeContext(asker),
      params: {},
    } as never),
  );
  expect(asked.status).toBe(302);
  const row = await db.dilemma.findFirstOrThrow({ where: { authorId: asker.id } });
  return { id: row.id, asker };
}

type File = { bytes: Uint8Array; name: string; type: string };

/** The thread's reply form as a browser sends it: the text first, the file last, then the button. */
function replyPost(dilemmaId: number, fields: { body: string; alt?: string; submissionId?: string }, file?: File, query = ""): Request {
  const form = new FormData();
  form.append("submissionId", fields.submissionId ?? crypto.randomUUID());
  form.append("body", fields.body);
  form.append("attachmentAlt", fields.alt ?? "");
  form.append("attachment", file ? new File([Buffer.from(file.bytes)], file.name, { type: file.type }) : new File([], "", { type: "application/octet-stream" }));
  form.append("intent", "reply");
  return new Request(`http://localhost/dilemmas/${dilemmaId}${query}`, { method: "POST", body: form });
}

const reply = (who: MemberViewer, dilemmaId: number, request: Request) =>
  outcomeOf(() => dilemmaRoute.action({ request, context: routeContext(who), params: { id: String(dilemmaId) } } as never));

function errorsOf(data: unknown): Record<string, string[] | null> {
  return ((data as { result?: { error?: Record<string, string[] | null> } }).result?.error ?? {}) as Record<string, string[] | null>;
}
function typedOf(data: unknown): Record<string, unknown> {
  return ((data as { result?: { initialValue?: Record<string, unknown> } }).result?.initialValue ?? {}) as Record<string, unknown>;
}

async function serve(viewer: MemberViewer | null, id: number): Promise<Response> {
  const request = new Request(`http://localhost/attachments/${id}/x`);
  try {
    return (await attachmentRoute.loader({ request, context: routeContext(viewer ?? anonymousViewer), params: { id: String(id), name: "x" } } as never)) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    return new Response(null, { status: (thrown as { init?: ResponseInit }).init?.status ?? 500 });
  }
}

const BODY = "Bij ons heeft de gemeente de schommel binnen een week gemaakt. Zo zag hij er daarna uit:";

describe("a new reply with a photo", () => {
  it("is stored as a WebP without the phone's metadata, shown under the reply on the thread page, and served to visitors", async () => {
    const { id } = await dilemma();
    const me = await member();
    const posted = await reply(me, id, replyPost(id, { body: BODY, alt: "Een nieuwe schommel met een blauwe zitting" }, { bytes: await photoJpeg(), name: "IMG_2044.JPG", type: "image/jpeg" }));
    expect(posted.status).toBe(302);
    const row = await db.reply.findFirstOrThrow({ where: { dilemmaId: id, authorId: me.id } });
    expect(posted.location).toContain(`#reply-${row.id}`);
    const attachment = await db.attachment.findFirstOrThrow({ where: { replyId: row.id }, include: { upload: true } });
    expect(attachment).toMatchObject({ kind: "image", fileName: "IMG_2044.webp", altText: "Een nieuwe schommel met een blauwe zitting" });
    expect(attachment.upload).toMatchObject({ contentType: "image/webp", uploaderId: me.id, width: 1200, height: 900 });

    const stored = fs.readFileSync(path.join(uploads.dir, "uploads", attachment.upload.key));
    const meta = await sharp(stored).metadata();
    expect([meta.format, meta.exif, meta.xmp, meta.icc]).toEqual(["webp", undefined, undefined, undefined]);
    for (const secret of ["Fatima de Vries", "Buurthuis De Linde", "Testtoestel"]) expect(stored.includes(secret)).toBe(false);

    // The thread page hands the reply its photo; a visitor may read the thread, so the file too.
    const canonical = dilemmaPath(await db.dilemma.findUniqueOrThrow({ where: { id } }));
    const page = await outcomeOf(() =>
      dilemmaRoute.loader({ request: new Request(`http://localhost${canonical}`), context: routeContext(anonymousViewer), params: { id: String(id) } } as never),
    );
    expect(page.status).toBe(200);
    expect((page.data as { attachments: { replies: Record<number, { altText: string }[]> } }).attachments.replies[row.id]).toMatchObject([
      { altText: "Een nieuwe schommel met een blauwe zitting", kind: "image" },
    ]);
    const served = await serve(null, attachment.id);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(stored)).toBe(true);
  });

  it("takes a PDF too, written anew without its author; sent twice (same form) it is one reply with one file", async () => {
    const { id } = await dilemma();
    const me = await member();
    const doc = await PDFDocument.create();
    doc.addPage([300, 300]).drawText("Brief van de gemeente");
    doc.setAuthor("Jan Jansen");
    const pdf = await doc.save();
    const submissionId = crypto.randomUUID();
    for (let i = 0; i < 2; i++) {
      const posted = await reply(me, id, replyPost(id, { body: "De brief die we kregen staat hieronder.", submissionId }, { bytes: pdf, name: "brief.pdf", type: "application/pdf" }));
      expect(posted.status).toBe(302);
    }
    const rows = await db.reply.findMany({ where: { dilemmaId: id, authorId: me.id }, include: { attachments: { include: { upload: true } } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.attachments).toHaveLength(1);
    expect(rows[0]!.attachments[0]).toMatchObject({ kind: "document", fileName: "brief.pdf", altText: "" });
    const stored = fs.readFileSync(path.join(uploads.dir, "uploads", rows[0]!.attachments[0]!.upload.key));
    expect(stored.includes("Jan Jansen")).toBe(false);
  });

  it("without a description: 400 beside the field, the text kept, no reply and no file", async () => {
    const { id } = await dilemma();
    const me = await member();
    const outcome = await reply(me, id, replyPost(id, { body: BODY }, { bytes: await photoJpeg(), name: "foto.jpg", type: "image/jpeg" }));
    expect(outcome.status).toBe(400);
    expect(errorsOf(outcome.data).attachmentAlt).toEqual(["attachments.errors.altRequired"]);
    expect(typedOf(outcome.data)).toMatchObject({ body: BODY });
    expect(await db.reply.count({ where: { authorId: me.id } })).toBe(0);
    expect(await db.upload.count({ where: { uploaderId: me.id } })).toBe(0);
  });

  it("refuses a file over 10 MB with 413 and a web page named .jpg with 415, keeping the text and the description", async () => {
    const { id } = await dilemma();
    const me = await member();
    const tooLarge = await reply(me, id, replyPost(id, { body: BODY, alt: "groot" }, { bytes: Buffer.alloc(11 * 1024 * 1024, 0x41), name: "groot.jpg", type: "image/jpeg" }));
    expect(tooLarge.status).toBe(413);
    expect(errorsOf(tooLarge.data).attachment).toEqual(["attachments.errors.tooLarge?max=10"]);
    expect(typedOf(tooLarge.data)).toMatchObject({ body: BODY, attachmentAlt: "groot" });

    const html = Buffer.from("<!doctype html><script>alert(1)</script>");
    const notAPhoto = await reply(me, id, replyPost(id, { body: BODY, alt: "x" }, { bytes: html, name: "foto.jpg", type: "image/jpeg" }));
    expect(notAPhoto.status).toBe(415);
    expect(errorsOf(notAPhoto.data).attachment).toEqual(["attachments.errors.unsupportedType"]);
    expect(typedOf(notAPhoto.data)).toMatchObject({ body: BODY });
    expect(await db.reply.count({ where: { authorId: me.id } })).toBe(0);
    expect(await db.upload.count({ where: { uploaderId: me.id } })).toBe(0);
  });

  it("after the privacy guard's question nothing is stored and the form says the file must be chosen again; 'Toch plaatsen' with it stores both", async () => {
    const { id } = await dilemma();
    const me = await member();
    const body = "Bel de dochter van meneer De Vries, 06 87654321, zij weet waar de sleutel is.";
    const submissionId = crypto.randomUUID();
    const file = async () => ({ bytes: await photoJpeg(), name: "sleutel.jpg", type: "image/jpeg" });
    const warned = await reply(me, id, replyPost(id, { body, alt: "Een sleutelkastje", submissionId }, await file()));
    expect(warned.status).toBe(200);
    const data = warned.data as { fileSent: boolean; privacy: { fields: { body: { kind: string }[] } } };
    expect(data.fileSent).toBe(true);
    expect(data.privacy.fields.body.map((m) => m.kind)).toContain("phone");
    expect(await db.reply.count({ where: { authorId: me.id } })).toBe(0);
    expect(await db.upload.count({ where: { uploaderId: me.id } })).toBe(0);

    const posted = await reply(me, id, replyPost(id, { body, alt: "Een sleutelkastje", submissionId }, await file(), "?privacy=anyway"));
    expect(posted.status).toBe(302);
    const row = await db.reply.findFirstOrThrow({ where: { authorId: me.id } });
    expect(await db.attachment.count({ where: { replyId: row.id } })).toBe(1);
  });

  it("a reply without a file is posted as before, from a multipart form and from a plain one", async () => {
    const { id } = await dilemma();
    const me = await member();
    expect((await reply(me, id, replyPost(id, { body: "Zonder bestand, als multipart." }))).status).toBe(302);
    const plain = formPost(`/dilemmas/${id}`, { intent: "reply", body: "Zonder bestand, als gewoon formulier.", submissionId: crypto.randomUUID() });
    expect((await reply(me, id, plain)).status).toBe(302);
    expect(await db.reply.count({ where: { authorId: me.id } })).toBe(2);
    expect(await db.attachment.count({ where: { reply: { authorId: me.id } } })).toBe(0);
  });
});
