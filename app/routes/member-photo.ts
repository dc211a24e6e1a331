import { data, redirect } from "react-router";
import { memberPhotoPath } from "~/members/paths";
import { readMemberPhoto } from "~/members/photos.server";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import type { Route } from "./+types/member-photo";

// GET /members/:handle/photo/:photoId — a member's photo, for viewers who may see the member
// (Guardian.whyNotSeeProfile). The bytes are ones the app made itself (a re-encoded WebP), and
// answered as exactly that: their own type, never sniffed as another (docs/decisions/017).
// The address changes with every new photo, so a browser may keep it a year; `private`: it
// is for this viewer's browser only, never a shared cache. An old address sends the browser
// on to the current photo (a page read before the change may still hold it).

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const photoId = Number(params.photoId);
  if (!/^\d{1,9}$/.test(params.photoId)) throw data(null, { status: 404 });
  const photo = await readMemberPhoto(guardianOf(context), params.handle, photoId).catch(rethrowAsHttp);
  if (photo.kind === "replaced") {
    throw redirect(memberPhotoPath({ handle: params.handle, photoId: photo.photoId }), {
      headers: { "Cache-Control": "private, no-cache" },
    });
  }
  const { upload } = photo;
  const etag = `"${upload.sha256.slice(0, 32)}"`;
  // X-Content-Type-Options: nosniff and Cross-Origin-Resource-Policy: same-origin come with
  // every answer of the server (helmet, server/app.ts); tests/e2e/members.spec.ts checks them.
  const headers = {
    "Content-Type": upload.contentType,
    "Cache-Control": "private, max-age=31536000, immutable",
    ETag: etag,
    "Content-Disposition": "inline",
  };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(upload.file.stream(), {
    headers: { ...headers, "Content-Length": String(upload.byteSize) },
  });
}
