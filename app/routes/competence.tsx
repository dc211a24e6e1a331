import { FeedLink } from "~/components/notifications/FeedLink";
import { competenceFeedPath } from "~/notifications/feed-paths";
import { useRootData } from "~/root";
import { useTranslation } from "~/components/use-translation";
import { isRouteErrorResponse, Link, redirect, useLoaderData, useSearchParams } from "react-router";
import { getCompetencePage } from "~/dilemmas/competence-page.server";
import { competenceName, competencePath, editCompetencePath } from "~/competences/paths";
import { DilemmaSummaryItem } from "~/components/dilemmas/DilemmaSummaryItem";
import { ErrorPage } from "~/components/ErrorPage";
import { formatDate, isoDate } from "~/components/format";
import { useMembersVisible } from "~/components/members/members-visible";
import { Pagination } from "~/components/Pagination";
import { listReportsForCompetence } from "~/meetings/pages.server";
import { meetingPath } from "~/meetings/paths";
import { directoryHref } from "~/members/directory-query";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { WatchBox } from "~/components/notifications/WatchBox";
import { watchStateOf } from "~/notifications/watches.server";
import type { Route } from "./+types/competence";

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  const url = new URL(request.url);
  const page = Number(url.searchParams.get("page") ?? 1);
  const result = await getCompetencePage(guardian, params.slug, page).catch(rethrowAsHttp);
  // A renamed competence's old address: moved for good, so bookmarks and search engines follow.
  if ("movedTo" in result) throw redirect(competencePath({ slug: result.movedTo }) + url.search, 301);
  const reports = await listReportsForCompetence(guardian, result.competence.id);
  const watch = guardian.canFollow() ? await watchStateOf(guardian.userId!, "competence", result.competence.id) : null;
  return { ...result, reports, canManage: guardian.canManageCompetences(), watch };
}

const FLASHES = ["created", "saved", "retired", "unretired"] as const;

export default function Competence() {
  const { t, i18n } = useTranslation();
  const membersVisible = useMembersVisible();
  const { competence, dilemmas, dilemmaCount, page, pageCount, reports, canManage, watch } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const lang = i18n.language;
  const name = competenceName(competence, lang);
  const otherName = lang === "en" ? competence.nameNl : competence.nameEn;
  const done = FLASHES.find((f) => f === searchParams.get("done"));
  return (
    <div className="page narrow">
      <title>{`${name} · ${t("competences.title")} · ${t("app.name")}`}</title>
      <FeedLink show={useRootData()?.viewer?.pending === false} href={competenceFeedPath(competence.slug)} title={t("inbound.feeds.competenceTitle", { name })} />
      <p className="eyebrow">
        <Link to="/competences">{t("competences.title")}</Link>
      </p>
      <h1>{name}</h1>
      {otherName && otherName !== name ? (
        <p className="meta" lang={lang === "en" ? "nl" : "en"}>
          {t("competences.page.otherName", { name: otherName })}
        </p>
      ) : null}
      {done ? (
        <p className="alert alert--success" role="status">
          {t(`competences.flash.${done}`)}
        </p>
      ) : null}
      {competence.retiredAt ? <p className="alert alert--info">{t("competences.page.retiredNotice")}</p> : null}
      {watch ? <WatchBox target="competence" targetId={competence.id} state={watch} back={competencePath(competence)} /> : null}
      {canManage ? (
        <p>
          <Link to={editCompetencePath(competence)} className="button button--secondary">
            {t("competences.edit")}
          </Link>
        </p>
      ) : null}

      {competence.descriptionHtml ? (
        <div className="prose" dangerouslySetInnerHTML={{ __html: competence.descriptionHtml }} />
      ) : (
        <p>{t("competences.page.noDescription")}</p>
      )}
      {competence.synonyms.length ? (
        <p>
          <strong>{t("competences.page.synonyms")}:</strong> {competence.synonyms.join(", ")}
        </p>
      ) : null}
      {membersVisible ? (
        <p>
          <Link to={directoryHref({ text: "", competence: competence.slug, staffOnly: false })}>
            {t("directory.profile.membersWith", { name })}
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="dilemmas-heading">
        <h2 id="dilemmas-heading">
          {t("competences.page.dilemmas")}{" "}
          <span className="heading-count">({t("competences.dilemmaCount", { count: dilemmaCount })})</span>
        </h2>
        {dilemmas.length === 0 ? <p>{t("competences.page.noDilemmas")}</p> : null}
        <ul className="dilemma-list">
          {dilemmas.map((d) => (
            <DilemmaSummaryItem key={d.id} dilemma={d} />
          ))}
        </ul>
        <Pagination
          page={page}
          pageCount={pageCount}
          hrefFor={(p) => `${competencePath(competence)}?page=${p}`}
          labels={{
            nav: t("competences.pager.label"),
            previous: t("competences.pager.previous"),
            next: t("competences.pager.next"),
            current: t("competences.pager.current", { page, pages: pageCount }),
          }}
        />
      </section>

      {/* Verslagen: published reports whose dilemmas carry this competence; nothing at all when
          there are none. */}
      {reports.length ? (
        <section aria-labelledby="reports-heading">
          <h2 id="reports-heading">{t("competences.page.reports")}</h2>
          <p>{t("competences.page.reportsIntro")}</p>
          <ul>
            {reports.map((r) => (
              <li key={r.id}>
                <Link to={meetingPath(r)}>{r.title}</Link> · <time dateTime={isoDate(r.heldOn).slice(0, 10)}>{formatDate(r.heldOn, lang)}</time>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
