import { meetingCalendar } from "~/meetings/calendar.server";
import { createI18n } from "~/platform/i18n";
import { guardianOf, viewerInfo } from "~/web/context.server";
import { idOr404 } from "~/web/ids.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import type { Route } from "./+types/meetings.$id.calendar";
import { publicOrigin } from "~/platform/env.server";

// GET /meetings/:id/calendar.ics — one meeting as a calendar file to open in your own calendar.
export async function loader({ params, context }: Route.LoaderArgs) {
  const id = idOr404(params.id);
  const { t } = createI18n(viewerInfo(context).locale);
  const body = await meetingCalendar(guardianOf(context), id, publicOrigin(), {
    name: t("meetings.calendar.name"),
    description: t("meetings.calendar.description"),
  }).catch(rethrowAsHttp);
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="kenniskring-bijeenkomst-${id}.ics"`,
      "Cache-Control": "no-cache",
    },
  });
}
