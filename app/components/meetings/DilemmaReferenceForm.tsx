import { getFormProps, getInputProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { useTranslation } from "~/components/use-translation";
import { Form } from "react-router";
import { FieldErrors, FormErrors, useValidatedForm } from "~/components/FormFields";
import { LINK_KINDS, LinkDilemmaSchema, ProposeSchema } from "~/meetings/schemas";

// Choosing a dilemma by its number or link, for whoever knows which one they mean: put it on
// the agenda, or link it to a report as raised or discussed. Errors come back beside the
// field with what was typed (400).

type Props = { id: string; submitLabel: string; lastResult?: SubmissionResult<string[]> | null };

function ReferenceField({ field }: { field: FieldMetadata<string | undefined> }) {
  const { t } = useTranslation();
  const hintId = `${field.id}-hint`;
  const { key, ...props } = getInputProps(field, { type: "text", ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={field.id}>{t("meetings.search.byReference")}</label>
      <p id={hintId} className="field__hint">
        {t("meetings.search.byReferenceHint")}
      </p>
      <input key={key} {...props} autoComplete="off" />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function ProposeByReferenceForm({ id, submitLabel, lastResult }: Props) {
  const [form, fields] = useValidatedForm({ id, schema: ProposeSchema, lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="stack reference-form" preventScrollReset>
      <FormErrors id={form.errorId} errors={form.errors} />
      <ReferenceField field={fields.dilemma} />
      <button type="submit" name="intent" value="propose" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}

export function LinkByReferenceForm({ id, submitLabel, lastResult }: Props) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm({ id, schema: LinkDilemmaSchema, lastResult });
  const { kind } = fields;
  const chosen = kind.initialValue ?? "raised";
  return (
    <Form method="post" {...getFormProps(form)} className="stack reference-form" preventScrollReset>
      <FormErrors id={form.errorId} errors={form.errors} />
      <ReferenceField field={fields.dilemma} />
      <fieldset className="checkbox-group" aria-describedby={kind.errors?.length ? kind.errorId : undefined}>
        <legend>{t("meetings.staff.kindLegend")}</legend>
        <FieldErrors id={kind.errorId} errors={kind.errors} />
        <ul className="checkbox-group__options">
          {LINK_KINDS.map((k) => (
            <li key={k} className="field--checkbox">
              <input type="radio" id={`${kind.id}-${k}`} name={kind.name} value={k} defaultChecked={chosen === k} />
              <label htmlFor={`${kind.id}-${k}`}>{t(`meetings.staff.kind.${k}`)}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <button type="submit" name="intent" value="link" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
