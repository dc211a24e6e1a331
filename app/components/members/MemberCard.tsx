import { useTranslation } from "~/components/use-translation";
import { RoutedLink } from "~/components/RoutedLink";
import { competenceName } from "~/competences/paths";
import { directoryHref } from "~/members/directory-query";
import type { DirectoryEntry } from "~/members/directory.server";
import { memberPath } from "~/members/paths";
import { Avatar } from "./Avatar";

// One member in the directory: avatar, name (the link to the profile), organisation and role,
// and the competences they know about. Each competence filters the directory on it, so "who
// else knows about this?" is one click. Plain routed links: a page holds 24 cards (decision 012).
export function MemberCard({ member, isViewer }: { member: DirectoryEntry; isViewer: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="member-card">
      <Avatar member={member} size="card" showPhoto />
      <div className="member-card__text">
        <h3 className="member-card__name">
          <RoutedLink href={memberPath(member)}>{member.displayName}</RoutedLink>
          {isViewer ? <span className="member-card__you"> {t("directory.list.you")}</span> : null}
        </h3>
        <p className="meta">
          {member.organisation ? (
            <>
              <span className="visually-hidden">{t("directory.list.organisation")}: </span>
              {member.organisation} ·{" "}
            </>
          ) : null}
          <span className={`role role--${member.role}`}>{t(`account.roles.${member.role}`)}</span>
        </p>
        {member.expertise.length ? (
          <ul className="tags" aria-label={t("directory.list.expertise")}>
            {member.expertise.map((c) => (
              <li key={c.slug} className={c.retired ? "tag tag--retired" : "tag"}>
                <RoutedLink href={directoryHref({ text: "", competence: c.slug, staffOnly: false })}>
                  {competenceName(c, i18n.language)}
                </RoutedLink>
                {c.retired ? <span className="tag__note"> ({t("competences.retiredMark")})</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </li>
  );
}
