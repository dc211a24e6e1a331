import { Trans } from "react-i18next";
import { useTranslation } from "~/components/use-translation";
import { isRouteErrorResponse, Link } from "react-router";
import { ErrorPage } from "~/components/ErrorPage";
import { RevisionHistory } from "~/components/RevisionHistory";
import { meetingPath } from "~/meetings/paths";
import { getReportHistory } from "~/meetings/report-view.server";
import { diffLines } from "~/revisions/diff";
import { guardianOf } from "~/web/context.server";
import { idOr404 } from "~/web/ids.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import type { Route } from "./+types/meetings.$id.revisions";

// /meetings/:id/revisions — every edit of a report (title and summary), newest first. Drafts'
// histories are for staff only: the same 404 as the draft itself for everyone else.

export async function loader({ params, context }: Route.LoaderArgs) {
  const history = await getReportHistory(guardianOf(context), idOr404(params.id)).catch(rethrowAsHttp);
  return {
    ...history,
    edits: history.edits.map((edit) => ({ ...edit, diff: diffLines(edit.before.bodyMd, edit.after.bodyMd) })),
  };
}

export default function ReportRevisions({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <RevisionHistory
      heading={`${t("dilemmas.revisions.title")}: ${loaderData.title}`}
      intro={
        <Trans
          i18nKey="meetings.revisions.of"
          values={{ title: loaderData.title }}
          components={{ reportLink: <Link to={meetingPath(loaderData)} /> }}
        />
      }
      none={t("meetings.revisions.none")}
      edits={loaderData.edits}
    />
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
