import { Trans } from "react-i18next";
import { useTranslation } from "~/components/use-translation";
import { isRouteErrorResponse, Link } from "react-router";
import { ErrorPage } from "~/components/ErrorPage";
import { RevisionHistory } from "~/components/RevisionHistory";
import { dilemmaPath } from "~/dilemmas/paths";
import { getDilemmaHistory } from "~/dilemmas/revisions.server";
import { diffLines } from "~/revisions/diff";
import { guardianOf } from "~/web/context.server";
import { idOr404 } from "~/web/ids.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import type { Route } from "./+types/dilemmas.$id.revisions";

// /dilemmas/:id/revisions — every edit of a dilemma, newest first. Open to whoever may see it.

export async function loader({ params, context }: Route.LoaderArgs) {
  const history = await getDilemmaHistory(guardianOf(context), idOr404(params.id)).catch(rethrowAsHttp);
  return {
    ...history,
    edits: history.edits.map((edit) => ({ ...edit, diff: diffLines(edit.before.bodyMd, edit.after.bodyMd) })),
  };
}

export default function DilemmaRevisions({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <RevisionHistory
      heading={`${t("dilemmas.revisions.title")}: ${loaderData.title}`}
      intro={
        <Trans
          i18nKey="dilemmas.revisions.of"
          values={{ title: loaderData.title }}
          components={{ dilemmaLink: <Link to={dilemmaPath(loaderData)} /> }}
        />
      }
      none={t("dilemmas.revisions.none")}
      edits={loaderData.edits}
    />
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
