import { toApiResponse } from "~/search/api.server";
import { searchRequestFromParams } from "~/search/params";
import { search } from "~/search/search.server";
import { guardianOf } from "~/web/context.server";
import type { Route } from "./+types/api.search";

// GET /api/search?q=… → JSON: the same parameters and filters as /search, with what the viewer
// may see (for integrations, and the search-as-you-type list). Extra parameters:
//   ?prefix=1   the last word is still being typed (matches words that start with it; no facets)
//   ?limit=5    fewer results per page (1–20)
export async function loader({ request, context }: Route.LoaderArgs) {
  const params = new URL(request.url).searchParams;
  const prefix = params.get("prefix") === "1";
  const limit = Number(params.get("limit"));
  const outcome = await search(guardianOf(context), searchRequestFromParams(params), {
    prefix,
    facets: !prefix,
    pageSize: Number.isInteger(limit) && limit >= 1 && limit <= 20 ? limit : undefined,
  });
  return Response.json(toApiResponse(outcome), { headers: { "Cache-Control": "private, no-store" } });
}
