import { reportsFeed } from "~/notifications/feeds.server";
import { feedResponse } from "~/web/feeds.server";
import type { Route } from "./+types/feeds.reports";

// /feeds/reports?key=… — an Atom feed of published meeting reports (decision 028).
export function loader({ request, context }: Route.LoaderArgs) {
  return feedResponse(request, context, (guardian, locale) => reportsFeed(guardian, locale));
}
