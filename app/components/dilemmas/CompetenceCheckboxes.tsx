import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "~/components/use-translation";
import { competenceName } from "~/competences/paths";
import { FieldErrors } from "~/components/FormFields";

// The competences a dilemma is about: one checkbox per competence in a fieldset whose legend
// names the question; the hint and the error are read with the group. Plain checkboxes, so
// choosing works without JavaScript.
export type CompetenceOption = { slug: string; nameNl: string; nameEn: string; retired: boolean };

export function CompetenceCheckboxes({
  field,
  choices,
  legend,
  hint,
}: {
  field: FieldMetadata<string[] | undefined>;
  choices: CompetenceOption[];
  legend: string;
  hint: string;
}) {
  const { t, i18n } = useTranslation();
  const chosen = [field.initialValue ?? []].flat().filter((v): v is string => typeof v === "string");
  const hintId = `${field.id}-hint`;
  const describedBy = field.errors?.length ? `${hintId} ${field.errorId}` : hintId;
  return (
    <fieldset className="checkbox-group" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      <p id={hintId} className="field__hint">
        {hint}
      </p>
      <FieldErrors id={field.errorId} errors={field.errors} />
      <ul className="checkbox-group__options checkbox-group__options--columns">
        {choices.map((c) => {
          const id = `${field.id}-${c.slug}`;
          return (
            <li key={c.slug} className="field--checkbox">
              <input
                type="checkbox"
                id={id}
                name={field.name}
                value={c.slug}
                defaultChecked={chosen.includes(c.slug)}
                aria-invalid={field.errors?.length ? true : undefined}
              />
              <label htmlFor={id}>
                {competenceName(c, i18n.language)}
                {c.retired ? <span className="tag__note"> {t("dilemmas.ask.retired")}</span> : null}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
