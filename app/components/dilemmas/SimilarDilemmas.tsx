import { useTranslation } from "~/components/use-translation";
import type { SimilarItem } from "./live";

// Dilemmas that look like the one being asked, right under the title field. The box is a
// polite live region from the first render on, so a screen reader announces new suggestions
// when it is quiet, without moving the focus away from the title. Links open a new tab (and
// say so): following one must not lose what the member already typed.
export function SimilarDilemmas({ items }: { items: SimilarItem[] | null }) {
  const { t } = useTranslation();
  return (
    <div className="similar-dilemmas" aria-live="polite">
      {items?.length ? (
        <section aria-labelledby="similar-heading" className="card card--quiet">
          <h2 id="similar-heading">{t("dilemmas.ask.similarHeading")}</h2>
          <p>
            {t("dilemmas.ask.similarFound", { count: items.length })} {t("dilemmas.ask.similarIntro")}
          </p>
          <ul>
            {items.map((d) => (
              <li key={d.id}>
                <a href={d.path} target="_blank" rel="noopener">
                  {d.title}
                  <span className="visually-hidden"> {t("dilemmas.newTab")}</span>
                </a>{" "}
                <span className="meta">
                  ({t(`dilemmas.status.${d.status}`)}, {t("dilemmas.replies", { count: d.replyCount })})
                </span>
              </li>
            ))}
          </ul>
          <p className="meta">{t("dilemmas.newTabNote")}</p>
        </section>
      ) : null}
    </div>
  );
}
