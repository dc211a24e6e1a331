import { suggestHandles } from "~/members/handle-suggestions.server";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import type { Route } from "./+types/api.members.handles";

// GET /api/members/handles?q=an → [{ handle, displayName, organisation }]: the @mention
// autocomplete of the post forms (decision 029). 403 for visitors, 429 past the budget.
export async function loader({ request, context }: Route.LoaderArgs) {
  const typed = new URL(request.url).searchParams.get("q") ?? "";
  const members = await suggestHandles(guardianOf(context), typed).catch(rethrowAsHttp);
  return Response.json(members, { headers: { "Cache-Control": "private, no-store" } });
}
