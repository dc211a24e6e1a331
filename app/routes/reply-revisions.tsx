import { Trans } from "react-i18next";
import { useTranslation } from "~/components/use-translation";
import { isRouteErrorResponse, Link, useLoaderData } from "react-router";
import { AuthorName } from "~/components/AuthorName";
import { ErrorPage } from "~/components/ErrorPage";
import { formatDate, isoDate } from "~/components/format";
import { dilemmaPath } from "~/dilemmas/paths";
import { replyPermalink } from "~/replies/paths";
import { getReplyHistory } from "~/replies/thread.server";
import { guardianOf } from "~/web/context.server";
import { idOr404 } from "~/web/ids.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import type { Route } from "./+types/reply-revisions";

// /replies/:id/revisions — every earlier text of a reply, for anyone who may read the reply.
// Earlier texts are shown as the Markdown the author typed (plain text): only the current
// text has stored, sanitised HTML.
export async function loader({ params, context }: Route.LoaderArgs) {
  const id = idOr404(params.id);
  return { reply: await getReplyHistory(guardianOf(context), id).catch(rethrowAsHttp) };
}

export default function ReplyRevisions() {
  const { t, i18n } = useTranslation();
  const { reply } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  const date = (d: Date) => <time dateTime={isoDate(d)}>{formatDate(d, lang)}</time>;
  return (
    <div className="page narrow">
      <title>{`${t("replies.revisions.title")} · ${t("app.name")}`}</title>
      <h1>{t("replies.revisions.title")}</h1>
      <p>
        <Trans
          i18nKey="replies.revisions.intro"
          values={{ title: reply.dilemma.title }}
          components={{ author: <AuthorName author={reply.author} />, dilemmaLink: <Link to={dilemmaPath(reply.dilemma)} /> }}
        />
      </p>
      <p>
        <Link to={replyPermalink(reply.id)}>{t("replies.revisions.back")}</Link>
      </p>

      <section aria-labelledby="current-heading" className="revision">
        <h2 id="current-heading">{t("replies.revisions.current")}</h2>
        <p className="meta">
          <Trans
            i18nKey="replies.revisions.since"
            components={{ when: date(reply.revisions.length ? reply.updatedAt : reply.createdAt) }}
          />
        </p>
        <div className="prose" dangerouslySetInnerHTML={{ __html: reply.currentHtml }} />
      </section>

      {reply.revisions.length === 0 ? <p>{t("replies.revisions.none")}</p> : null}
      {reply.revisions.map((revision, i) => {
        // Each stored revision is the text as it was until that edit; the one before it
        // (next in this newest-first list) says since when.
        const since = reply.revisions[i + 1]?.replacedAt ?? reply.createdAt;
        return (
          <section key={revision.id} aria-labelledby={`revision-${revision.id}`} className="revision">
            <h2 id={`revision-${revision.id}`}>
              {t("replies.revisions.replaced", { date: formatDate(revision.replacedAt, lang) })}
            </h2>
            <p className="meta">
              <Trans i18nKey="replies.revisions.since" components={{ when: date(since) }} />
            </p>
            {revision.reason ? (
              <>
                <p>
                  {t("moderation.revision.replyChangedBy")} <AuthorName author={revision.editor} />. {t("moderation.revision.byOrganiser")}
                </p>
                <blockquote className="quote">{revision.reason}</blockquote>
              </>
            ) : null}
            <div className="prose revision__rendered" dangerouslySetInnerHTML={{ __html: revision.bodyHtml }} />
          </section>
        );
      })}
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
