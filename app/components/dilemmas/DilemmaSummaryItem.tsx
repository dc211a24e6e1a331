import { useTranslation } from "~/components/use-translation";
import { AuthorName } from "~/components/AuthorName";
import { CompetenceTags } from "~/components/CompetenceTags";
import { formatDate, isoDate } from "~/components/format";
import { RoutedLink } from "~/components/RoutedLink";
import { dilemmaPath } from "~/dilemmas/paths";
import type { AuthorView } from "~/members/author";

// One dilemma in a list (home page, /dilemmas): its title as the link, then status, state,
// replies, asker and last activity, then its competences. States are words, not colours.
export type DilemmaListEntry = {
  id: number;
  title: string;
  status: "open" | "answered";
  replyCount: number;
  lastActivityAt: Date | string;
  hidden: boolean;
  locked: boolean;
  author: AuthorView;
  competences: { slug: string; nameNl: string; nameEn: string; retired: boolean }[];
};

/** mark: new since the member's last visit (a dilemma they never opened, or new replies). */
export function DilemmaSummaryItem({ dilemma: d, mark }: { dilemma: DilemmaListEntry; mark?: "new" | "updated" }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="dilemma-list__item">
      <h3 className="dilemma-list__title">
        <RoutedLink href={dilemmaPath(d)}>{d.title}</RoutedLink>
        {mark ? <span className="new-mark">{t(`notifications.list.${mark}`)}</span> : null}
      </h3>
      <p className="meta">
        <span className={`status status--${d.status}`}>{t(`dilemmas.status.${d.status}`)}</span>
        {d.locked ? (
          <>
            {" · "}
            <span className="dilemma-flag">{t("dilemmas.locked")}</span>
          </>
        ) : null}
        {d.hidden ? (
          <>
            {" · "}
            <span className="dilemma-flag dilemma-flag--hidden">{t("dilemmas.hidden")}</span>
          </>
        ) : null}
        {" · "}
        {t("dilemmas.replies", { count: d.replyCount })}
        {" · "}
        {t("dilemmas.by")} <AuthorName author={d.author} />
        {" · "}
        <time dateTime={isoDate(d.lastActivityAt)}>
          {t("dilemmas.lastActivity", { date: formatDate(d.lastActivityAt, i18n.language) })}
        </time>
      </p>
      <CompetenceTags competences={d.competences} label={t("dilemmas.competences")} />
    </li>
  );
}
