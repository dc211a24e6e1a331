import type { ReactNode } from "react";
import { useTranslation } from "~/components/use-translation";
import { Link } from "react-router";
import { competenceName, competencePath } from "~/competences/paths";
import { AuthorName } from "~/components/AuthorName";
import type { LinkedDilemma, ReportView } from "~/meetings/report-view.server";
import { LinkedDilemmaItem } from "./LinkedDilemmaItem";

// The body of a report, as members read it: summary (stored sanitised HTML), takeaways,
// contributors, the dilemmas raised and discussed, and the competences they carry. The report
// page shows it under the title (sections as h2); the edit form's preview one level deeper.
// Staff controls (unlink, "make this a dilemma") come in through the render props, so the
// preview and the members' view are the same markup without them.
export function ReportBody({
  report,
  origin,
  level,
  takeawayAction,
  dilemmaActions,
}: {
  report: ReportView;
  origin: string;
  level: 2 | 3;
  takeawayAction?: (takeaway: string, index: number) => ReactNode;
  dilemmaActions?: (dilemma: LinkedDilemma, kind: "raised" | "discussed") => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const H = level === 2 ? "h2" : "h3";
  const Sub = level === 2 ? "h3" : "h4";
  const hasDilemmas = report.raised.length > 0 || report.discussed.length > 0;
  // A dilemma raised at the meeting and discussed there too is one row (under "raised") that
  // says both, not the same dilemma twice (issue 22).
  const alsoDiscussed = new Set(report.discussed.map((d) => d.id).filter((id) => report.raised.some((r) => r.id === id)));
  const discussedOnly = report.discussed.filter((d) => !alsoDiscussed.has(d.id));
  const linkGroup = (kind: "raised" | "discussed", dilemmas: LinkedDilemma[]) =>
    dilemmas.length ? (
      <section aria-labelledby={`${kind}-heading-${level}`}>
        <Sub id={`${kind}-heading-${level}`}>{t(`meetings.report.${kind}`)}</Sub>
        <ul className="meeting-dilemmas">
          {dilemmas.map((d) => (
            <LinkedDilemmaItem
              key={d.id}
              dilemma={d}
              origin={origin}
              headingLevel={level === 2 ? 4 : 5}
              anchor={level === 2 ? `${kind}-${d.id}` : undefined}
              before={level === 2 && alsoDiscussed.has(d.id) ? <span id={`discussed-${d.id}`} /> : undefined}
              roles={alsoDiscussed.has(d.id) ? t("forum.meetings.raisedAndDiscussed") : undefined}
            >
              {dilemmaActions?.(d, kind)}
              {alsoDiscussed.has(d.id) ? dilemmaActions?.(d, "discussed") : null}
            </LinkedDilemmaItem>
          ))}
        </ul>
      </section>
    ) : null;

  return (
    <div className="report">
      {report.summaryHtml ? (
        <section aria-labelledby={`summary-heading-${level}`}>
          <H id={`summary-heading-${level}`}>{t("meetings.report.summary")}</H>
          <div className="prose" dangerouslySetInnerHTML={{ __html: report.summaryHtml }} />
        </section>
      ) : null}

      {report.takeaways.length ? (
        <section aria-labelledby={`takeaways-heading-${level}`}>
          <H id={`takeaways-heading-${level}`}>{t("meetings.report.takeaways")}</H>
          <ul className="takeaways">
            {report.takeaways.map((x, i) => (
              <li key={`${i}-${x}`}>
                {x}
                {takeawayAction?.(x, i)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {report.contributors.length || report.members.length ? (
        <section aria-labelledby={`contributors-heading-${level}`}>
          <H id={`contributors-heading-${level}`}>{t("meetings.report.contributors")}</H>
          <ul>
            {report.members.map((m) => (
              <li key={m.handle}>
                <AuthorName author={m} />
              </li>
            ))}
            {report.contributors.map((x, i) => (
              <li key={`${i}-${x}`}>{x}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby={`dilemmas-heading-${level}`}>
        <H id={`dilemmas-heading-${level}`}>{t("meetings.report.dilemmas")}</H>
        {hasDilemmas ? null : <p>{t("meetings.report.noDilemmas")}</p>}
        {linkGroup("raised", report.raised)}
        {linkGroup("discussed", discussedOnly)}
      </section>

      {report.competences.length ? (
        <section aria-labelledby={`competences-heading-${level}`}>
          <H id={`competences-heading-${level}`}>{t("meetings.report.competences")}</H>
          <p>{t("meetings.report.competencesIntro")}</p>
          <ul className="report-competences">
            {report.competences.map((c) => (
              <li key={c.slug}>
                <Link to={competencePath(c)} data-print-href={`${origin}${competencePath(c)}`}>
                  {competenceName(c, i18n.language)}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
