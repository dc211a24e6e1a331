import { data } from "react-router";
import { readAttachment } from "~/attachments/attachments.server";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { idOr404 } from "~/web/ids.server";
import type { Route } from "./+types/attachment";

// GET /attachments/:id/:name — a photo or document of a post, for viewers who may read that
// post (the Guardian's whyNotSee…Attachment); anyone else gets 404, also for a hidden, held,
// deleted or erased post, so no file says that its post exists (decision 045).
// The bytes are ones the app wrote itself (a re-encoded WebP, a rewritten PDF) and are answered
// as exactly that type (nosniff, from helmet, with every answer). A photo is shown inline; a
// document is a download (Content-Disposition: attachment), and the sandboxing CSP keeps even
// a browser that opens it in a tab from running anything in the site's origin.
// Not cached for a year like a member's photo: a post can be hidden later, and then its files
// must stop at once. `private, no-cache` with an ETag: the browser keeps the bytes and asks
// each time (a 304 when still allowed and unchanged).

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const id = idOr404(params.id);
  const { view, upload } = await readAttachment(guardianOf(context), id).catch(rethrowAsHttp);
  const etag = `"${upload.sha256.slice(0, 32)}"`;
  const disposition = view.kind === "image" ? "inline" : "attachment";
  const headers = {
    "Content-Type": upload.contentType,
    "Content-Disposition": `${disposition}; filename="${asciiName(view.fileName)}"; filename*=UTF-8''${encodeURIComponent(view.fileName)}`,
    "Cache-Control": "private, no-cache",
    ETag: etag,
    // With helmet's own CSP (and its nosniff) the browser obeys both: the stricter wins.
    "Content-Security-Policy": "sandbox; default-src 'none'",
  };
  if (request.headers.get("If-None-Match") === etag || request.method === "HEAD") {
    // Not read: let the store close it (an S3 answer holds a connection until then).
    await upload.file.stream().cancel().catch(() => undefined);
    if (request.method === "HEAD") return new Response(null, { headers: { ...headers, "Content-Length": String(upload.byteSize) } });
    return new Response(null, { status: 304, headers });
  }
  return new Response(upload.file.stream(), { headers: { ...headers, "Content-Length": String(upload.byteSize) } });
}

/** The name for old browsers' `filename=`: ASCII without quotes or backslashes. */
function asciiName(name: string): string {
  return name.normalize("NFKD").replace(/[^\x20-\x7e]/g, "").replace(/["\\]/g, "") || "bestand";
}

export function action() {
  throw data(null, { status: 405 });
}
