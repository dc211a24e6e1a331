import { dilemmasFeed } from "~/notifications/feeds.server";
import { feedResponse } from "~/web/feeds.server";
import type { Route } from "./+types/feeds.dilemmas";

// /feeds/dilemmas?key=… — an Atom feed of new dilemmas (decision 028).
export function loader({ request, context }: Route.LoaderArgs) {
  return feedResponse(request, context, (guardian, locale) => dilemmasFeed(guardian, locale));
}
