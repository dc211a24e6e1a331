import { useTranslation } from "~/components/use-translation";
import type { DiffLine } from "~/revisions/diff";

// What changed in a text, paragraph by paragraph. Removed and added lines differ in more than
// colour: a sign in front, struck-through or underlined, and words for screen readers.
export function TextDiff({ lines }: { lines: DiffLine[] }) {
  const { t } = useTranslation();
  const shown = lines.filter((line) => line.text.trim() !== "");
  return (
    <ul className="diff">
      {shown.map((line, n) => (
        <li key={n} className={`diff__line diff__line--${line.kind}`}>
          {line.kind === "removed" ? (
            <del>
              <span className="visually-hidden">{t("dilemmas.revisions.removed")} </span>
              <span className="diff__sign" aria-hidden="true">
                −
              </span>
              {line.text}
            </del>
          ) : line.kind === "added" ? (
            <ins>
              <span className="visually-hidden">{t("dilemmas.revisions.added")} </span>
              <span className="diff__sign" aria-hidden="true">
                +
              </span>
              {line.text}
            </ins>
          ) : (
            <span>
              <span className="visually-hidden">{t("dilemmas.revisions.unchanged")} </span>
              <span className="diff__sign" aria-hidden="true">
                {" "}
              </span>
              {line.text}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
