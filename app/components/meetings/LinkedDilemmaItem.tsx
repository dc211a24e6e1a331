import type { ReactNode } from "react";
import { useTranslation } from "~/components/use-translation";
import { Link } from "react-router";
import { CompetenceTags } from "~/components/CompetenceTags";
import { dilemmaPath } from "~/dilemmas/paths";
import type { LinkedDilemma } from "~/meetings/report-view.server";

// One dilemma as a report or an agenda lists it: the title as the link (its full address
// follows it on paper, see the print styles), status and replies in words, its competences,
// and room for the buttons that belong to it (vote, unlink).
export function LinkedDilemmaItem({
  dilemma: d,
  origin,
  headingLevel,
  anchor,
  before,
  roles,
  children,
}: {
  dilemma: LinkedDilemma;
  /** The site's address, so a printed page can show where each link goes. */
  origin: string;
  headingLevel: 3 | 4 | 5;
  /** The item's id, for links back to it after an action (unique on the page). */
  anchor?: string;
  before?: ReactNode;
  /** What the dilemma was at the meeting when it was more than its list's heading says. */
  roles?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const Heading = (["h3", "h4", "h5"] as const)[headingLevel - 3]!;
  const path = dilemmaPath(d);
  return (
    <li className="meeting-dilemma" id={anchor}>
      {before}
      <Heading className="meeting-dilemma__title">
        <Link to={path} data-print-href={`${origin}${path}`}>
          {d.title}
        </Link>
      </Heading>
      {roles ? <p className="meta meeting-dilemma__roles">{roles}</p> : null}
      <p className="meta">
        <span className={`status status--${d.status}`}>
          <span className="visually-hidden">{t("meetings.report.statusLabel")} </span>
          {t(`meetings.report.status.${d.status}`)}
        </span>
        {d.hidden ? (
          <>
            {" · "}
            <span className="dilemma-flag dilemma-flag--hidden">{t("meetings.report.hidden")}</span>
          </>
        ) : null}
        {" · "}
        {t("meetings.report.replies", { count: d.replyCount })}
      </p>
      <CompetenceTags competences={d.competences} label={t("dilemmas.competences")} />
      {children}
    </li>
  );
}
