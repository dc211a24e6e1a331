import { useTranslation } from "~/components/use-translation";
import { Link, useLoaderData } from "react-router";
import { DilemmaSummaryItem, type DilemmaListEntry } from "~/components/dilemmas/DilemmaSummaryItem";
import { formatDate, formatTime, isoDate } from "~/components/format";
import { competenceName } from "~/competences/paths";
import { listDilemmas, listRecentDilemmas } from "~/dilemmas/list.server";
import { listSearch } from "~/dilemmas/list-query";
import { meetingPath } from "~/meetings/paths";
import { getLatestReport, getNextMeeting } from "~/meetings/meetings.server";
import { listOwnExpertise } from "~/members/profiles.server";
import { listMarks, type ListMarks } from "~/notifications/visits.server";
import { guardianOf, sharedReadsOf, viewerInfo } from "~/web/context.server";
import type { Route } from "./+types/home";

// The home page answers "what is new for me?" (issue 22): dilemmas first — for a member the
// ones new or active since their last visit, then those nobody answered yet, then those in the
// member's own competences — and beside them (below them on a phone) the next meeting in a
// card, the member's competences and the last report in a few lines. The first dilemma sits
// in the first screen on a phone and a laptop.

/** How many recent dilemmas are looked at for "new for you", and how many a section shows. */
const RECENT = 30;
const SHOWN = 5;

export async function loader({ context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  const { viewer } = viewerInfo(context);
  const reads = sharedReadsOf(context);
  const noFilter = { competences: [], status: null, unanswered: false, after: null, before: null };
  const [recent, unanswered, expertise, nextMeeting, report] = await Promise.all([
    listRecentDilemmas(guardian, RECENT, reads),
    listDilemmas(guardian, { ...noFilter, unanswered: true }, { ...reads, pageSize: SHOWN * 2 }),
    listOwnExpertise(guardian),
    getNextMeeting(guardian),
    getLatestReport(guardian),
  ]);
  const member = viewer.kind === "member";
  const marks: ListMarks = member
    ? await listMarks(
        guardian,
        recent.map((d) => d.id),
      )
    : {};
  const mine = expertise.length
    ? (await listDilemmas(guardian, { ...noFilter, competences: expertise.map((c) => c.slug) }, { ...reads, pageSize: SHOWN * 3 })).items
    : [];
  // Each dilemma once, in the first section it belongs to.
  const shown = new Set<number>();
  const take = (items: DilemmaListEntry[]) => {
    const picked = items.filter((d) => !shown.has(d.id)).slice(0, SHOWN);
    for (const d of picked) shown.add(d.id);
    return picked;
  };
  const fresh = take(member ? recent.filter((d) => marks[d.id]) : recent);
  return {
    member,
    name: viewer.kind === "member" ? viewer.displayName : null,
    fresh,
    marks,
    unanswered: take(unanswered.items),
    mine: take(mine),
    expertise,
    nextMeeting,
    report: report && { id: report.id, title: report.title, heldOn: report.heldOn, excerpt: report.excerpt },
  };
}

export default function Home() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const lang = i18n.language;
  const { nextMeeting: next, report } = data;
  return (
    <div className="page home">
      <title>{`${t("app.name")} · ${t("app.tagline")}`}</title>
      <div className="home__intro">
        <h1>{data.name ? t("home.welcomeBack", { name: data.name }) : t("home.title")}</h1>
        <p className="lead">{data.member ? t("home.memberIntro") : t("home.intro")}</p>
      </div>
      <div className="home__columns">
        <div className="home__main">
          <p className="button-row">
            <Link to="/dilemmas/new" className="button">
              {t("dilemmas.ask.callToAction")}
            </Link>{" "}
            <Link to="/dilemmas">{t("dilemmas.list.all")}</Link>
          </p>
          <DilemmaSection id="home-new" title={data.member ? t("home.newForYou") : t("home.newest")} items={data.fresh} marks={data.marks}>
            <p>{data.member ? t("home.nothingNew") : t("home.noDilemmas")}</p>
          </DilemmaSection>
          <DilemmaSection
            id="home-unanswered"
            title={t("home.unanswered")}
            items={data.unanswered}
            more={{ to: `/dilemmas${listSearch({ competences: [], status: null, unanswered: true })}`, label: t("home.allUnanswered") }}
          />
          <DilemmaSection
            id="home-mine"
            title={t("home.inYourCompetences")}
            items={data.mine}
            more={
              data.expertise.length
                ? {
                    to: `/dilemmas${listSearch({ competences: data.expertise.map((c) => c.slug), status: null, unanswered: false })}`,
                    label: t("home.allInYourCompetences"),
                  }
                : undefined
            }
          />
        </div>

        <div className="home__aside">
          <section aria-labelledby="home-next-meeting" className="card home-card">
            <h2 id="home-next-meeting" className="home-card__heading">
              {t("home.nextMeeting")}
            </h2>
            {next ? (
              <>
                <p className="home-card__title">
                  <Link to={meetingPath(next)}>{next.title}</Link>
                </p>
                <p className="meta">
                  <time dateTime={isoDate(next.heldOn).slice(0, 10)}>{formatDate(next.heldOn, lang)}</time>
                  {next.startsAt ? <> · {t("home.startsAt", { time: formatTime(next.startsAt, lang) })}</> : null}
                  {next.place ? <> · {next.place}</> : null}
                </p>
                {next.agendaOpen ? (
                  <p className="home-card__note">
                    <Link to={meetingPath(next)}>{t("home.agendaOpen")}</Link>
                  </p>
                ) : null}
              </>
            ) : (
              <p>
                {t("home.noNextMeeting")} <Link to="/meetings">{t("home.allMeetings")}</Link>
              </p>
            )}
          </section>

          {data.member ? (
            <section aria-labelledby="home-expertise" className="card home-card">
              <h2 id="home-expertise" className="home-card__heading">
                {t("home.yourCompetences")}
              </h2>
              {data.expertise.length ? (
                <ul className="tags">
                  {data.expertise.map((c) => (
                    <li key={c.slug} className="tag">
                      <Link to={`/dilemmas${listSearch({ competences: [c.slug], status: null, unanswered: false })}`}>
                        {competenceName(c, lang)}
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>
                  {t("home.noCompetences")} <Link to="/account/profile">{t("home.chooseCompetences")}</Link>
                </p>
              )}
            </section>
          ) : null}

          {report ? (
            <section aria-labelledby="home-report" className="card home-card">
              <h2 id="home-report" className="home-card__heading">
                {t("home.latestReport")}
              </h2>
              <p className="home-card__title">
                <Link to={meetingPath(report)}>{report.title}</Link>
              </p>
              <p className="meta">
                <time dateTime={isoDate(report.heldOn).slice(0, 10)}>{t("home.heldOn", { date: formatDate(report.heldOn, lang) })}</time>
              </p>
              <p className="home-card__excerpt">{report.excerpt}</p>
              <p>
                <Link to={meetingPath(report)}>{t("home.readReport")}</Link>
              </p>
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function DilemmaSection({
  id,
  title,
  items,
  marks,
  more,
  children,
}: {
  id: string;
  title: string;
  items: DilemmaListEntry[];
  marks?: ListMarks;
  more?: { to: string; label: string };
  /** What to say when there is nothing; without it, an empty section is left out. */
  children?: React.ReactNode;
}) {
  if (!items.length && !children) return null;
  return (
    <section aria-labelledby={id} className="home-section">
      <h2 id={id}>{title}</h2>
      {items.length ? (
        <ul className="dilemma-list">
          {items.map((d) => (
            <DilemmaSummaryItem key={d.id} dilemma={d} mark={marks?.[d.id]} />
          ))}
        </ul>
      ) : (
        children
      )}
      {more && items.length ? (
        <p className="home-section__more">
          <Link to={more.to}>{more.label}</Link>
        </p>
      ) : null}
    </section>
  );
}
