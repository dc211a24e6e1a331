import { useTranslation } from "~/components/use-translation";
import { AuthorName } from "~/components/AuthorName";
import { CompetenceTags } from "~/components/CompetenceTags";
import { RelativeTime } from "~/components/RelativeTime";
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
  /** Deleted by its asker: the title stays for others' replies, the asker is not named (038). */
  deleted?: boolean;
  author: AuthorView;
  competences: { slug: string; nameNl: string; nameEn: string; retired: boolean }[];
};

/** mark: new since the member's last visit (a dilemma they never opened, or new replies). */
export function DilemmaSummaryItem({
  dilemma: d,
  mark,
  headingLevel = 3,
}: {
  dilemma: DilemmaListEntry;
  mark?: "new" | "updated";
  /** The list's heading is h2 on most pages; where it sits under an h3, this is h4. */
  headingLevel?: 3 | 4;
}) {
  const Title = headingLevel === 4 ? "h4" : "h3";
  const { t } = useTranslation();
  return (
    <li className={`dilemma-list__item${mark ? " dilemma-list__item--marked" : ""}`}>
      <Title className="dilemma-list__title">
        <RoutedLink href={dilemmaPath(d)}>{d.title}</RoutedLink>
        {mark ? <span className="new-mark">{t(`notifications.list.${mark}`)}</span> : null}
      </Title>
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
        {d.deleted ? (
          <span className="dilemma-flag">{t("forum.dilemmaDelete.listMark")}</span>
        ) : (
          <>
            {t("dilemmas.by")} <AuthorName author={d.author} />
          </>
        )}
        {" · "}
        <RelativeTime at={d.lastActivityAt} prefix={t("dilemmas.lastActivity")} />
      </p>
      <CompetenceTags competences={d.competences} label={t("dilemmas.competences")} />
    </li>
  );
}
