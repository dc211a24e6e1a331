import { getMail } from "~/circle/mail-log.server";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import type { Route } from "./+types/circle.mail.$id.html";

// A kept message's HTML part as the recipient's mail program would show it. It holds members'
// words, so it is served sandboxed: no scripts, no forms, nothing loaded from elsewhere.
export async function loader({ context, params }: Route.LoaderArgs) {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id < 1) throw new Response(null, { status: 404 });
  const mail = await getMail(guardianOf(context), id).catch(rethrowAsHttp);
  if (!mail.html) throw new Response(null, { status: 404 });
  return new Response(mail.html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src https:",
      "Cache-Control": "private, no-store",
    },
  });
}
