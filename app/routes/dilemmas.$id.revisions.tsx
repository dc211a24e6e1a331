import { Trans, useTranslation } from "react-i18next";
import { data, isRouteErrorResponse, Link } from "react-router";
import { AuthorName } from "~/components/AuthorName";
import { formatDateTime } from "~/components/dilemmas/date-time";
import { TextDiff } from "~/components/dilemmas/TextDiff";
import { ErrorPage } from "~/components/ErrorPage";
import { isoDate } from "~/components/format";
import { diffLines } from "~/dilemmas/diff";
import { dilemmaPath } from "~/dilemmas/paths";
import { getDilemmaHistory } from "~/dilemmas/revisions.server";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import type { Route } from "./+types/dilemmas.$id.revisions";

// /dilemmas/:id/revisions — every edit of a dilemma, newest first: who, when, the title and
// text before and after, and a paragraph diff. Open to whoever may see the dilemma. Old texts
// are Markdown source shown as plain text: no HTML from a revision reaches the page.

export async function loader({ params, context }: Route.LoaderArgs) {
  if (!params.id || !/^[1-9]\d{0,9}$/.test(params.id)) throw data(null, { status: 404 });
  const history = await getDilemmaHistory(guardianOf(context), Number(params.id)).catch(rethrowAsHttp);
  return {
    ...history,
    edits: history.edits.map((edit) => ({ ...edit, diff: diffLines(edit.before.bodyMd, edit.after.bodyMd) })),
  };
}

export default function DilemmaRevisions({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { edits } = loaderData;
  return (
    <div className="page narrow">
      <title>{`${t("dilemmas.revisions.title")}: ${loaderData.title} · ${t("app.name")}`}</title>
      <h1>{t("dilemmas.revisions.title")}</h1>
      <p className="lead">
        <Trans
          i18nKey="dilemmas.revisions.of"
          values={{ title: loaderData.title }}
          components={{ dilemmaLink: <Link to={dilemmaPath(loaderData)} /> }}
        />
      </p>
      {edits.length === 0 ? <p>{t("dilemmas.revisions.none")}</p> : null}
      {edits.map((edit) => {
        const headingId = `edit-${edit.id}`;
        const titleChanged = edit.before.title !== edit.after.title;
        const textChanged = edit.before.bodyMd !== edit.after.bodyMd;
        return (
          <section key={edit.id} aria-labelledby={headingId} className="revision">
            <h2 id={headingId}>
              {t("dilemmas.revisions.edit", { date: formatDateTime(edit.at, i18n.language) })}
            </h2>
            <p className="meta">
              <time dateTime={isoDate(edit.at)}>{formatDateTime(edit.at, i18n.language)}</time> ·{" "}
              {t("dilemmas.revisions.editedBy")} <AuthorName author={edit.editor} />
            </p>
            {titleChanged ? (
              <>
                <h3>{t("dilemmas.revisions.titleChanged")}</h3>
                <dl className="details">
                  <dt>{t("dilemmas.revisions.titleBefore")}</dt>
                  <dd>
                    <del>{edit.before.title}</del>
                  </dd>
                  <dt>{t("dilemmas.revisions.titleAfter")}</dt>
                  <dd>
                    <ins>{edit.after.title}</ins>
                  </dd>
                </dl>
              </>
            ) : (
              <p>{t("dilemmas.revisions.titleSame")}</p>
            )}
            <h3>{t("dilemmas.revisions.textChanges")}</h3>
            {!textChanged ? (
              <p>{t("dilemmas.revisions.textSame")}</p>
            ) : edit.diff ? (
              <TextDiff lines={edit.diff} />
            ) : (
              <p>{t("dilemmas.revisions.noDiff")}</p>
            )}
            <details className="revision__full">
              <summary>{t("dilemmas.revisions.fullBefore")}</summary>
              <div className="revision__source">{edit.before.bodyMd}</div>
            </details>
          </section>
        );
      })}
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
