import { FeedLink } from "~/components/notifications/FeedLink";
import { REPORTS_FEED_PATH } from "~/notifications/feed-paths";
import { useRootData } from "~/root";
import { useTranslation } from "~/components/use-translation";
import { isRouteErrorResponse, Link } from "react-router";
import { ErrorPage } from "~/components/ErrorPage";
import { formatDate } from "~/components/format";
import { MeetingFacts } from "~/components/meetings/MeetingFacts";
import { Pagination } from "~/components/Pagination";
import { listMeetings } from "~/meetings/pages.server";
import { CALENDAR_FEED_PATH, MEETINGS_PATH, meetingPath, NEW_MEETING_PATH, NEW_REPORT_PATH } from "~/meetings/paths";
import { guardianOf } from "~/web/context.server";
import type { Route } from "./+types/meetings._index";
import { publicOrigin } from "~/platform/env.server";

// /meetings — the upcoming meeting(s) with their agenda on top, then the reports of meetings
// held, newest first (organisers also see their drafts, marked in words).

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const page = Number(url.searchParams.get("page") ?? "1");
  const list = await listMeetings(guardianOf(context), Number.isFinite(page) ? page : 1);
  return { ...list, feedUrl: `${publicOrigin()}${CALENDAR_FEED_PATH}`, feedWebcal: `${publicOrigin().replace(/^https?:/, "webcal:")}${CALENDAR_FEED_PATH}` };
}

export default function Meetings({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { upcoming, awaitingReport, reports, page, pageCount, can, feedUrl, feedWebcal } = loaderData;
  const lang = i18n.language;
  return (
    <div className="page narrow">
      <title>{`${t("meetings.list.title")} · ${t("app.name")}`}</title>
      <FeedLink show={useRootData()?.viewer?.pending === false} href={REPORTS_FEED_PATH} title={t("inbound.feeds.reportsTitle")} />
      <h1>{t("meetings.list.title")}</h1>
      <p className="lead">{t("meetings.list.intro")}</p>
      {can.create ? (
        <p className="button-row">
          <Link to={NEW_MEETING_PATH} className="button">
            {t("meetings.list.planMeeting")}
          </Link>
          <Link to={NEW_REPORT_PATH} className="button button--secondary">
            {t("meetings.list.writeReport")}
          </Link>
        </p>
      ) : null}

      {upcoming.length ? (
        <section aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading">{t("meetings.list.upcoming")}</h2>
          <ul className="meeting-list">
            {upcoming.map((m) => (
              <li key={m.id} className="card meeting-list__item">
                <h3>
                  <Link to={meetingPath(m)}>{m.title}</Link>
                </h3>
                <MeetingFacts meeting={{ ...m, hostOrganisation: "" }} />
                <p>
                  {m.agendaOpen ? t("meetings.list.agendaOpen") : t("meetings.list.agendaClosed")}{" "}
                  {t("meetings.list.agendaCount", { count: m.agendaCount })}.
                </p>
                <p>
                  <Link to={meetingPath(m)}>{t("meetings.list.toAgenda", { title: m.title })}</Link>
                </p>
              </li>
            ))}
          </ul>
          <h3>{t("meetings.list.subscribeHeading")}</h3>
          <p>
            <a href={feedWebcal}>{t("meetings.list.subscribe")}</a>
          </p>
          <p className="field__hint">
            {t("meetings.list.subscribeHint")} <code className="feed-url">{feedUrl}</code>
          </p>
        </section>
      ) : null}

      {awaitingReport.length ? (
        <section aria-labelledby="awaiting-heading">
          <h2 id="awaiting-heading">{t("meetings.list.awaitingReport")}</h2>
          <ul>
            {awaitingReport.map((m) => (
              <li key={m.id}>
                <Link to={meetingPath(m)}>{m.title}</Link> · {formatDate(m.heldOn, i18n.language)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">{t("meetings.list.reports")}</h2>
        {reports.length === 0 ? <p>{t("meetings.list.noReports")}</p> : null}
        <ul className="dilemma-list">
          {reports.map((r) => (
            <li key={r.id} className="dilemma-list__item">
              <h3 className="dilemma-list__title">
                <Link to={meetingPath(r)}>{r.title}</Link>
              </h3>
              <p className="meta">
                {r.status === "draft" ? (
                  <>
                    <span className="dilemma-flag">{t("meetings.list.draft")}</span>
                    {" · "}
                  </>
                ) : null}
                <time dateTime={new Date(r.heldOn).toISOString().slice(0, 10)}>{formatDate(r.heldOn, lang)}</time>
                {r.place ? <> · {r.place}</> : null}
                {r.hostOrganisation ? <> · {r.hostOrganisation}</> : null}
                {" · "}
                {t("meetings.list.dilemmaCount", { count: r.dilemmaCount })}
              </p>
              {r.excerpt ? <p className="meeting-list__excerpt">{r.excerpt}</p> : null}
            </li>
          ))}
        </ul>
        <Pagination
          page={page}
          pageCount={pageCount}
          hrefFor={(p) => `${MEETINGS_PATH}?page=${p}`}
          labels={{
            nav: t("meetings.list.pager.label"),
            previous: t("meetings.list.pager.previous"),
            next: t("meetings.list.pager.next"),
            current: t("meetings.list.pager.current", { page, pages: pageCount }),
          }}
        />
      </section>
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
