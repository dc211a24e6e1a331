import { redirect } from "react-router";
import { locateReply } from "~/replies/replies.server";
import { threadPagePath } from "~/replies/paths";
import { THREAD_PAGE_SIZE } from "~/replies/thread.server";
import { guardianOf } from "~/web/context.server";
import { idOr404 } from "~/web/ids.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { statusOf, withStatus } from "~/components/status-message";
import type { Route } from "./+types/reply-permalink";

// /replies/:id — a reply's lasting address. It finds the page of the thread the reply is on
// today (pages shift as replies come in) and sends the browser there with #reply-<id>, which
// scrolls to it without any script.
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const id = idOr404(params.id);
  const at = await locateReply(guardianOf(context), id, THREAD_PAGE_SIZE).catch(rethrowAsHttp);
  const path = threadPagePath(at.dilemma, at.page, at.replyId);
  // An action's message (after editing the reply) travels along.
  const done = statusOf(new URL(request.url).search);
  throw redirect(done ? withStatus(path, done) : path);
}
