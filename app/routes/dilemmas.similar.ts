import { findSimilarDilemmas } from "~/search/similar-dilemmas.server";
import { dilemmaPath } from "~/dilemmas/paths";
import { guardianOf } from "~/web/context.server";
import type { Route } from "./+types/dilemmas.similar";

// GET /dilemmas/similar?title=… → { items }: dilemmas that look like a title being typed (the
// ask form asks while the member types). The viewer's Guardian decides what they may see.
export async function loader({ request, context }: Route.LoaderArgs) {
  const title = new URL(request.url).searchParams.get("title") ?? "";
  const found = await findSimilarDilemmas(guardianOf(context), title.slice(0, 500), 5);
  return {
    items: found.map((d) => ({ id: d.id, title: d.title, path: dilemmaPath(d), status: d.status, replyCount: d.replyCount })),
  };
}
