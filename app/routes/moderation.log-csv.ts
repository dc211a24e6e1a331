import { createI18n } from "~/platform/i18n";
import { auditCsv } from "~/moderation/audit-log.server";
import { auditFilterOf } from "~/moderation/audit-filter";
import { guardianOf, viewerInfo } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import type { Route } from "./+types/moderation.log-csv";

// The audit trail as CSV, with the page's filter (/moderation/log.csv?actor=…&kind=…).

export async function loader({ request, context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (guardian.isAnonymous) return new Response(null, { status: 303, headers: { Location: "/login?redirectTo=%2Fmoderation%2Flog" } });
  const { t } = createI18n(viewerInfo(context).locale);
  const { filter } = auditFilterOf(new URL(request.url).searchParams);
  const csv = await auditCsv(guardian, filter, {
    header: t("moderation.log.csvHeader").split(","),
    operator: t("moderation.log.operator"),
    erased: t("moderation.log.erased"),
  }).catch(rethrowAsHttp);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="kenniskring-logboek-${day}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
