import { attachmentsOfReply } from "~/attachments/attachments.server";
import { liveReply } from "~/replies/live.server";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { idOr404 } from "~/web/ids.server";
import type { Route } from "./+types/live.reply";

// GET /live/replies/:id — one reply as the viewer would see it in the thread, with its photos
// and documents (JSON for the live thread, decision 029); 404 for one the viewer may not read.
export async function loader({ params, context }: Route.LoaderArgs) {
  const found = await liveReply(guardianOf(context), idOr404(params.id)).catch(rethrowAsHttp);
  // liveReply found the text readable, so its files are too (as on the thread page).
  const attachments = await attachmentsOfReply(found.reply.id);
  return Response.json({ ...found, attachments }, { headers: { "Cache-Control": "private, no-store" } });
}
