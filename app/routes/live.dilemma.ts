import { followThread } from "~/replies/live.server";
import { lastSeenId, openEventStream } from "~/platform/live-updates.server";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { idOr404 } from "~/web/ids.server";
import type { Route } from "./+types/live.dilemma";

// GET /live/dilemmas/:id — the dilemma page's event stream (decision 029): the id of each new
// reply (event "reply"), nothing else. The page fetches the reply itself from /live/replies/:id.
export async function loader({ params, request, context }: Route.LoaderArgs) {
  const thread = await followThread(guardianOf(context), idOr404(params.id)).catch(rethrowAsHttp);
  const after = lastSeenId(request);
  return openEventStream(request, { topic: thread.topic, event: "reply", missed: () => thread.missedAfter(after) });
}
