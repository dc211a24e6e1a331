import { useTranslation } from "~/components/use-translation";
import { Link, useLoaderData } from "react-router";
import { DilemmaSummaryItem } from "~/components/dilemmas/DilemmaSummaryItem";
import { formatDate, isoDate } from "~/components/format";
import { listRecentDilemmas } from "~/dilemmas/list.server";
import { dilemmaPath } from "~/dilemmas/paths";
import { meetingPath } from "~/meetings/paths";
import { getLatestReport } from "~/meetings/meetings.server";
import { guardianOf, sharedReadsOf } from "~/web/context.server";
import type { Route } from "./+types/home";

export async function loader({ context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  const [report, dilemmas] = await Promise.all([getLatestReport(guardian), listRecentDilemmas(guardian, 20, sharedReadsOf(context))]);
  return { report, dilemmas };
}

export default function Home() {
  const { t, i18n } = useTranslation();
  const { report, dilemmas } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  return (
    <div className="page">
      <title>{`${t("app.name")} · ${t("app.tagline")}`}</title>
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.intro")}</p>

      {report ? (
        <section aria-labelledby="latest-meeting" className="card">
          <p className="eyebrow" id="latest-meeting">
            {t("home.latestMeeting")}
          </p>
          <h2>{report.title}</h2>
          <p className="meta">
            <time dateTime={isoDate(report.heldOn).slice(0, 10)}>
              {t("home.heldOn", { date: formatDate(report.heldOn, lang) })}
            </time>
            {report.place ? <> · {t("home.at", { place: report.place })}</> : null}
            {report.hostOrganisation ? <> · {t("home.hostedBy", { org: report.hostOrganisation })}</> : null}
          </p>
          <h3>{t("home.summary")}</h3>
          <div className="prose" dangerouslySetInnerHTML={{ __html: report.summaryHtml }} />
          {report.takeaways.length ? (
            <>
              <h3>{t("home.takeaways")}</h3>
              <ul>
                {report.takeaways.map((x) => (
                  <li key={x}>{x}</li>
                ))}
              </ul>
            </>
          ) : null}
          {report.contributors.length ? (
            <>
              <h3>{t("home.contributors")}</h3>
              <ul>
                {report.contributors.map((x) => (
                  <li key={x}>{x}</li>
                ))}
              </ul>
            </>
          ) : null}
          {report.raised.length ? (
            <>
              <h3>{t("home.raisedDilemmas")}</h3>
              <ul>
                {report.raised.map((d) => (
                  <li key={d.id}>
                    <Link to={dilemmaPath(d)}>{d.title}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p>
            <Link to={meetingPath(report)}>{t("home.readReport")}</Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="dilemmas-heading">
        <h2 id="dilemmas-heading">{t("home.dilemmas")}</h2>
        <p className="button-row">
          <Link to="/dilemmas/new" className="button">
            {t("dilemmas.ask.callToAction")}
          </Link>{" "}
          <Link to="/dilemmas">{t("dilemmas.list.all")}</Link>
        </p>
        {dilemmas.length === 0 ? <p>{t("home.noDilemmas")}</p> : null}
        <ul className="dilemma-list">
          {dilemmas.map((d) => (
            <DilemmaSummaryItem key={d.id} dilemma={d} />
          ))}
        </ul>
      </section>
    </div>
  );
}
