import { meetingsCalendarFeed } from "~/meetings/calendar.server";
import { createI18n } from "~/platform/i18n";
import { guardianOf, viewerInfo } from "~/web/context.server";
import type { Route } from "./+types/meetings.calendar";
import { publicOrigin } from "~/platform/env.server";

// GET /meetings/calendar.ics — the circle's meetings as an iCalendar feed a calendar app
// subscribes to (it fetches without a login, so the feed is the same for everyone).
export async function loader({ context }: Route.LoaderArgs) {
  const { t } = createI18n(viewerInfo(context).locale);
  const body = await meetingsCalendarFeed(guardianOf(context), publicOrigin(), {
    name: t("meetings.calendar.name"),
    description: t("meetings.calendar.description"),
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="kenniskring-bijeenkomsten.ics"',
      "Cache-Control": "no-cache",
    },
  });
}
