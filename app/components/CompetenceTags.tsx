import { useTranslation } from "~/components/use-translation";
import { RoutedLink } from "~/components/RoutedLink";
import { competenceName, competencePath } from "~/competences/paths";

// A dilemma's or member's competences as links to their pages. A retired competence stays on
// what carries it, marked in words ("niet meer in gebruik"), not by colour alone.
export type CompetenceTag = { slug: string; nameNl: string; nameEn: string; retired?: boolean };

export function CompetenceTags({ competences, label }: { competences: CompetenceTag[]; label: string }) {
  const { t, i18n } = useTranslation();
  if (competences.length === 0) return null;
  return (
    <ul className="tags" aria-label={label}>
      {competences.map((c) => (
        <li key={c.slug} className={c.retired ? "tag tag--retired" : "tag"}>
          <RoutedLink href={competencePath(c)}>{competenceName(c, i18n.language)}</RoutedLink>
          {c.retired ? <span className="tag__note"> ({t("competences.retiredMark")})</span> : null}
        </li>
      ))}
    </ul>
  );
}
