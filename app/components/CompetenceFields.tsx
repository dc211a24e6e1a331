import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "~/components/use-translation";
import { competenceFieldMax } from "~/competences/schemas";
import { TextField } from "./FormFields";
import { TextAreaField } from "./TextAreaField";

// The fields of the new-competence and edit-competence forms (the routes own the forms).
type Fields = {
  nameNl: FieldMetadata<string | undefined>;
  nameEn: FieldMetadata<string | undefined>;
  synonyms: FieldMetadata<string | undefined>;
  descriptionMd: FieldMetadata<string | undefined>;
};

export function CompetenceFields({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        field={fields.nameNl}
        label={t("competences.form.nameNl")}
        hint={t("competences.form.nameNlHint")}
        autoComplete="off"
        maxLength={competenceFieldMax.name}
      />
      <TextField field={fields.nameEn} label={t("competences.form.nameEn")} autoComplete="off" maxLength={competenceFieldMax.name} />
      <TextField
        field={fields.synonyms}
        label={t("competences.form.synonyms")}
        hint={t("competences.form.synonymsHint")}
        autoComplete="off"
      />
      <TextAreaField
        field={fields.descriptionMd}
        label={t("competences.form.description")}
        hint={t("competences.form.descriptionHint")}
        maxLength={competenceFieldMax.description}
      />
    </>
  );
}
