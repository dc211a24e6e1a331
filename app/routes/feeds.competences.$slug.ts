import { dilemmasFeed } from "~/notifications/feeds.server";
import { feedResponse } from "~/web/feeds.server";
import type { Route } from "./+types/feeds.competences.$slug";

// /feeds/competences/:slug?key=… — an Atom feed of one competence's new dilemmas (decision 028).
export function loader({ request, context, params }: Route.LoaderArgs) {
  return feedResponse(request, context, (guardian, locale) => dilemmasFeed(guardian, locale, params.slug));
}
