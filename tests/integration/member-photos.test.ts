import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer, type MemberViewer } from "~/guardian/viewer";
import { listDilemmas } from "~/dilemmas/list.server";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import { memberPhotoPath } from "~/members/paths";
import { setOwnPhoto } from "~/members/photos.server";
import { PHOTO_LIMITS } from "~/members/schemas";
import { db } from "~/platform/db.server";
import { uploadsDirectory } from "~/platform/file-store.server";
import * as accountProfileRoute from "~/routes/account-profile";
import * as photoRoute from "~/routes/member-photo";
import { deleteUploadsOf } from "~/uploads/uploads.server";
import { useTestDatabase } from "../support/database";
import { photoJpeg, photoPng, pngBomb, withPngText } from "../support/images";
import { formPost, outcomeOf, routeContext } from "../support/route-context";

// A member's photo end to end on the server: the profile form's multipart upload (checked by
// its bytes, re-encoded without metadata, stored under the data directory), serving it to
// members only with the right headers, replacing and removing it, and refusing bad files with
// a message beside the field and a 4xx, never a 500 and never half-stored.

useTestDatabase();

let dataDir: string;
const previousDataDir = process.env.KK_DATA_DIR;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kk-photos-"));
  process.env.KK_DATA_DIR = dataDir;
});
afterAll(() => {
  if (previousDataDir === undefined) delete process.env.KK_DATA_DIR;
  else process.env.KK_DATA_DIR = previousDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

let n = 0;
type TestMember = { id: number; handle: string; viewer: MemberViewer; guardian: Guardian };

async function member(role: Role = "member"): Promise<TestMember> {
  const handle = `foto-${++n}`;
  const user = await db.user.create({ data: { handle, displayName: `Fotolid ${n}`, email: `${handle}@voorbeeld.nl`, role } });
  const viewer: MemberViewer = { kind: "member", id: user.id, handle, displayName: user.displayName, role, locale: "nl" };
  return { id: user.id, handle, viewer, guardian: new Guardian(viewer) };
}

/** The photo form as a browser sends it: multipart, the intent first, then the file. */
function photoPost(bytes: Uint8Array, name = "foto.jpg", type = "image/jpeg"): Request {
  const body = new FormData();
  body.append("intent", "save-photo");
  body.append("photo", new File([Buffer.from(bytes)], name, { type }));
  return new Request("http://localhost/account/profile", { method: "POST", body });
}

async function upload(who: TestMember | null, request: Request) {
  return outcomeOf(() =>
    accountProfileRoute.action({ request, context: routeContext(who?.viewer ?? anonymousViewer), params: {} } as never),
  );
}

async function servePhoto(viewer: MemberViewer | null, handle: string, photoId: number, headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost${memberPhotoPath({ handle, photoId })}`, { headers });
  try {
    return (await photoRoute.loader({ request, context: routeContext(viewer ?? anonymousViewer), params: { handle, photoId: String(photoId) } } as never)) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    const init = (thrown as { init?: ResponseInit }).init;
    return new Response(null, { status: init?.status ?? 500 });
  }
}

const photoIdOf = async (m: TestMember) => (await db.user.findUniqueOrThrow({ where: { id: m.id }, select: { photoId: true } })).photoId;

function storedFiles(): string[] {
  const root = uploadsDirectory();
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile()).sort();
}

describe("setting a photo", () => {
  it("keeps a 256 px WebP without the phone's metadata, under the data directory", async () => {
    const me = await member();
    const outcome = await upload(me, photoPost(await photoJpeg()));
    expect(outcome).toMatchObject({ status: 302, location: "/account/profile?done=photo-saved#photo" });

    const photoId = await photoIdOf(me);
    const row = await db.upload.findUniqueOrThrow({ where: { id: photoId! } });
    expect(row).toMatchObject({ contentType: "image/webp", width: 256, height: 256, uploaderId: me.id });
    expect(row.key).toMatch(/^photos\/[0-9a-f]{2}\/[0-9a-f-]{36}\.webp$/);
    expect(row.key).not.toContain(me.handle); // a file's name says nothing about its member

    const file = path.join(dataDir, "uploads", row.key);
    expect(file.startsWith(path.join(dataDir, "uploads"))).toBe(true);
    const bytes = fs.readFileSync(file);
    expect(bytes.length).toBe(row.byteSize);
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif, meta.xmp, meta.icc]).toEqual(["webp", 256, 256, undefined, undefined, undefined]);
    for (const secret of ["Fatima de Vries", "Buurthuis De Linde", "Testtoestel"]) expect(bytes.includes(secret)).toBe(false);
  });

  it("comes with the member's posts: the author view read with a list carries it", async () => {
    const me = await member();
    const tag = await db.competence.create({ data: { slug: `foto-tag-${n}`, nameNl: "Fototag", nameEn: "Photo tag" } });
    await createDilemma(me.guardian, { title: "Een dilemma met een foto erbij", body: "**Situatie:** x\n\n**Mijn vraag:** y", competences: [tag.slug] });
    await upload(me, photoPost(await photoPng()));
    const photoId = await photoIdOf(me);
    const list = await listDilemmas(me.guardian, { competences: [tag.slug], status: null, unanswered: false, after: null, before: null }, { readLive: true });
    expect(list.items[0]?.author).toEqual({ handle: me.handle, displayName: me.viewer.displayName, organisation: null, photoId });
  });

  it("replaces the earlier photo: its row and file go, its address sends the browser on", async () => {
    const me = await member();
    const reader = await member();
    await upload(me, photoPost(await photoJpeg()));
    const first = (await photoIdOf(me))!;
    const firstKey = (await db.upload.findUniqueOrThrow({ where: { id: first } })).key;
    await upload(me, photoPost(await photoPng(), "foto.png", "image/png"));
    const second = (await photoIdOf(me))!;
    expect(second).not.toBe(first);
    expect(await db.upload.findUnique({ where: { id: first } })).toBeNull();
    expect(fs.existsSync(path.join(dataDir, "uploads", firstKey))).toBe(false);

    const old = await servePhoto(reader.viewer, me.handle, first);
    expect(old.status).toBe(302);
    expect(old.headers.get("Location")).toBe(memberPhotoPath({ handle: me.handle, photoId: second }));
  });

  it("two uploads at once leave one photo, one row and one file", async () => {
    const me = await member();
    const before = storedFiles().length;
    await Promise.all([setOwnPhoto(me.guardian, await photoJpeg()), setOwnPhoto(me.guardian, await photoPng())]);
    expect(await db.upload.count({ where: { uploaderId: me.id } })).toBe(1);
    expect(storedFiles().length).toBe(before + 1);
    const photoId = await photoIdOf(me);
    expect((await db.upload.findFirstOrThrow({ where: { uploaderId: me.id } })).id).toBe(photoId);
  });

  it("is removed with its file by the remove button", async () => {
    const me = await member();
    await upload(me, photoPost(await photoJpeg()));
    const key = (await db.upload.findFirstOrThrow({ where: { uploaderId: me.id } })).key;
    const outcome = await upload(me, formPost("/account/profile", { intent: "remove-photo" }));
    expect(outcome).toMatchObject({ status: 302, location: "/account/profile?done=photo-removed#photo" });
    expect(await photoIdOf(me)).toBeNull();
    expect(await db.upload.count({ where: { uploaderId: me.id } })).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "uploads", key))).toBe(false);
  });

  it("goes with the member's other uploads when their account is erased", async () => {
    const me = await member();
    await upload(me, photoPost(await photoJpeg()));
    const key = (await db.upload.findFirstOrThrow({ where: { uploaderId: me.id } })).key;
    expect(await deleteUploadsOf(me.id)).toBe(1);
    expect(await photoIdOf(me)).toBeNull();
    expect(fs.existsSync(path.join(dataDir, "uploads", key))).toBe(false);
  });

  it("is for signed-in members: a visitor's upload is sent to log in and nothing is kept", async () => {
    const files = storedFiles().length;
    const outcome = await upload(null, photoPost(await photoJpeg()));
    expect(outcome).toMatchObject({ status: 302, location: "/login?redirectTo=%2Faccount%2Fprofile" });
    expect(storedFiles().length).toBe(files);
  });
});

describe("a bad file", () => {
  const huge = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(PHOTO_LIMITS.maxBytes + 1024, 1)]);
  it.each<[string, () => Promise<Uint8Array> | Uint8Array, number, string]>([
    ["a text file named foto.jpg", () => Buffer.from("geen foto"), 415, "directory.photo.errors.notAnImage"],
    ["an SVG", () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 415, "directory.photo.errors.unsupportedType"],
    ["a JPEG that is also a web page (polyglot)", async () => Buffer.concat([await photoJpeg(), Buffer.from("<html><script>alert(1)</script></html>")]), 400, "directory.photo.errors.mixedContent"],
    ["a PNG with PHP in a comment", async () => withPngText(await photoPng(), "Comment", "<?php echo 1; ?>"), 400, "directory.photo.errors.mixedContent"],
    ["a decompression bomb", () => pngBomb(30_000, 30_000), 400, "directory.photo.errors.tooManyPixels"],
    ["a picture of 40 × 40 pixels", () => photoPng({ width: 40, height: 40 }), 400, "directory.photo.errors.tooSmall?min=64"],
    ["a file over 10 MB", huge, 413, "directory.photo.errors.tooLarge?max=10"],
  ])("%s: a message beside the field and a 4xx, nothing kept", async (_label, make, status, message) => {
    const me = await member();
    const files = storedFiles().length;
    const outcome = await upload(me, photoPost(await make()));
    expect(outcome).toEqual({ status, location: null, data: { photoError: message } });
    expect(await photoIdOf(me)).toBeNull();
    expect(await db.upload.count({ where: { uploaderId: me.id } })).toBe(0);
    expect(storedFiles().length).toBe(files);
  });

  it("no file chosen: asked to choose one", async () => {
    const me = await member();
    const body = new FormData();
    body.append("intent", "save-photo");
    body.append("photo", new File([], "", { type: "application/octet-stream" }));
    const outcome = await upload(me, new Request("http://localhost/account/profile", { method: "POST", body }));
    expect(outcome).toEqual({ status: 400, location: null, data: { photoError: "directory.photo.errors.missing" } });
  });

  it("a body that claims to be far larger than allowed is refused before it is read", async () => {
    const me = await member();
    const request = new Request("http://localhost/account/profile", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(500 * 1024 * 1024) },
      body: "--x--",
    });
    expect((await upload(me, request)).status).toBe(413);
  });

  it("a broken multipart body is a 400, not a 500", async () => {
    const me = await member();
    const request = new Request("http://localhost/account/profile", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=abc" },
      body: "--abc\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.jpg\"\r\n\r\n\xff\xd8 cut off",
    });
    expect((await upload(me, request)).status).toBe(400);
  });

  it("more than 20 photos an hour: asked to wait (429)", async () => {
    const me = await member();
    const png = await photoPng({ width: 64, height: 64 });
    for (let i = 0; i < 20; i++) await setOwnPhoto(me.guardian, png);
    const outcome = await upload(me, photoPost(png, "foto.png", "image/png"));
    expect(outcome.status).toBe(429);
    expect(outcome.data).toEqual({ photoError: expect.stringMatching(/^errors\.rateLimited\?minutes=\d+$/) });
  });
});

describe("serving a photo", () => {
  it("to a member: its own type, private and kept a year, the stored bytes (nosniff: tests/e2e/members.spec.ts)", async () => {
    const me = await member();
    const reader = await member();
    await upload(me, photoPost(await photoJpeg()));
    const photoId = (await photoIdOf(me))!;
    const row = await db.upload.findUniqueOrThrow({ where: { id: photoId } });
    const response = await servePhoto(reader.viewer, me.handle, photoId);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/webp");
    expect(response.headers.get("Cache-Control")).toBe("private, max-age=31536000, immutable");
    expect(response.headers.get("Content-Length")).toBe(String(row.byteSize));
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.equals(fs.readFileSync(path.join(dataDir, "uploads", row.key)))).toBe(true);

    const again = await servePhoto(reader.viewer, me.handle, photoId, { "If-None-Match": response.headers.get("ETag")! });
    expect(again.status).toBe(304);
  });

  it("not to a visitor, not of an erased member, not under another member's name", async () => {
    const me = await member();
    const other = await member();
    await upload(me, photoPost(await photoJpeg()));
    const photoId = (await photoIdOf(me))!;
    expect((await servePhoto(null, me.handle, photoId)).status).toBe(403);
    // Someone else's handle with my photo's id: their photo is not this one.
    expect((await servePhoto(me.viewer, other.handle, photoId)).status).toBe(404);
    expect((await servePhoto(me.viewer, "niemand", photoId)).status).toBe(404);
    await db.user.update({ where: { id: me.id }, data: { erasedAt: new Date() } });
    expect((await servePhoto(other.viewer, me.handle, photoId)).status).toBe(404);
  });

  it("an address that is not a photo's: 404", async () => {
    const me = await member();
    const response = await (async () => {
      try {
        return await photoRoute.loader({
          request: new Request(`http://localhost/members/${me.handle}/photo/abc`),
          context: routeContext(me.viewer),
          params: { handle: me.handle, photoId: "abc" },
        } as never);
      } catch (thrown) {
        return thrown as { init?: ResponseInit };
      }
    })();
    expect((response as { init?: ResponseInit }).init?.status).toBe(404);
  });
});
