import { getFormProps, getInputProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { useTranslation } from "~/components/use-translation";
import type { ReactNode } from "react";
import { Form } from "react-router";
import { FieldErrors, FormErrors, TextField, useValidatedForm } from "~/components/FormFields";
import { TextAreaField } from "~/components/TextAreaField";
import { MEETING_LIMITS, ReportSchema, UpcomingMeetingSchema } from "~/meetings/schemas";
import { useHydrated } from "~/components/dilemmas/live";
import { PrivacyMarks } from "~/components/privacy/PrivacyMarks";
import { PublishAnyway } from "~/components/privacy/PublishAnyway";
import type { PrivacyWarning } from "~/privacy/kinds";

// The two meeting forms, used to create and to edit: an upcoming meeting (what goes in the
// invitation and the calendar) and a report. Plain forms: they post without JavaScript, and
// every message comes back beside its field with what was typed.

type FormProps = {
  id: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, string>;
  submitLabel: string;
  /** Fixed values the form carries along (which kind of form it is). */
  hiddenFields?: Record<string, string>;
};

/**
 * The list fields' schema also takes a list (the domain checks the route's parsed values with
 * the same schema); this form only ever sends their text, one item per line.
 */
function asText(field: FieldMetadata<string | string[] | undefined>): FieldMetadata<string | undefined> {
  return field as unknown as FieldMetadata<string | undefined>;
}

function HiddenFields({ fields }: { fields?: Record<string, string> }) {
  return Object.entries(fields ?? {}).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
}

/** A date or time field in the house style (label, hint, error linked to the input). */
function DateTimeField({
  field,
  label,
  hint,
  type,
}: {
  field: FieldMetadata<string | null | undefined>;
  label: string;
  hint: string;
  type: "date" | "time";
}) {
  const hintId = `${field.id}-hint`;
  const { key, ...props } = getInputProps(field, { type, ariaDescribedBy: hintId });
  return (
    <div className="field field--short">
      <label htmlFor={field.id}>{label}</label>
      <p id={hintId} className="field__hint">
        {hint}
      </p>
      <input key={key} {...props} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function UpcomingMeetingForm({
  id,
  lastResult,
  defaultValue,
  submitLabel,
  hiddenFields,
  withOpenAgenda,
}: FormProps & { withOpenAgenda: boolean }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm({ id, schema: UpcomingMeetingSchema, lastResult, defaultValue });
  const agendaProps = getInputProps(fields.openAgenda, { type: "checkbox" });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <HiddenFields fields={hiddenFields} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField field={fields.title} label={t("meetings.form.titleLabel")} hint={t("meetings.form.titleHint")} autoComplete="off" maxLength={MEETING_LIMITS.titleMax} />
      <DateTimeField field={fields.heldOn} type="date" label={t("meetings.form.heldOn")} hint={t("meetings.form.heldOnHint")} />
      <div className="field-row">
        <DateTimeField field={fields.startTime} type="time" label={t("meetings.form.startTime")} hint={t("meetings.form.timeHint")} />
        <DateTimeField field={fields.endTime} type="time" label={t("meetings.form.endTime")} hint={t("meetings.form.timeHint")} />
      </div>
      <TextField field={fields.place} label={t("meetings.form.place")} hint={t("meetings.form.placeHint")} autoComplete="off" maxLength={MEETING_LIMITS.placeMax} />
      <TextField field={fields.hostOrganisation} label={t("meetings.form.host")} autoComplete="organization" maxLength={MEETING_LIMITS.hostMax} />
      {withOpenAgenda ? (
        <div className="field field--checkbox">
          <input {...agendaProps} key={agendaProps.key} defaultChecked={fields.openAgenda.initialValue === "on"} />
          <label htmlFor={fields.openAgenda.id}>{t("meetings.form.openAgenda")}</label>
        </div>
      ) : null}
      <button type="submit" name="intent" value="save" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}

/** children: fields of the edit form placed last before the buttons (the report's files, its draft). */
export function ReportForm({
  id,
  lastResult,
  defaultValue,
  submitLabel,
  hiddenFields,
  privacy = null,
  children,
}: FormProps & { privacy?: PrivacyWarning | null; children?: ReactNode }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const [form, fields] = useValidatedForm({ id, schema: ReportSchema, lastResult, defaultValue });
  return (
    <Form method="post" encType={children ? "multipart/form-data" : undefined} {...getFormProps(form)} className="stack report-form">
      {/* First in the form, so Enter in a one-line field saves (not "preview"). */}
      <button type="submit" name="intent" value="save" hidden tabIndex={-1}>
        {submitLabel}
      </button>
      <HiddenFields fields={hiddenFields} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField field={fields.title} label={t("meetings.form.titleLabel")} hint={t("meetings.form.titleHint")} autoComplete="off" maxLength={MEETING_LIMITS.titleMax} />
      <PrivacyMarks fieldId={fields.title.id} marks={privacy?.fields.title} />
      <DateTimeField field={fields.heldOn} type="date" label={t("meetings.form.heldOn")} hint={t("meetings.form.heldOnHint")} />
      <TextField field={fields.place} label={t("meetings.form.place")} hint={t("meetings.form.placeHint")} autoComplete="off" maxLength={MEETING_LIMITS.placeMax} />
      <TextField field={fields.hostOrganisation} label={t("meetings.form.host")} autoComplete="organization" maxLength={MEETING_LIMITS.hostMax} />
      <TextAreaField field={fields.summary} label={t("meetings.form.summary")} hint={t("meetings.form.summaryHint")} maxLength={MEETING_LIMITS.summaryMax} rows={14} describedBy={`${fields.summary.id}-privacy`} />
      <PrivacyMarks fieldId={fields.summary.id} marks={privacy?.fields.summary} live={hydrated} />
      <TextAreaField field={asText(fields.takeaways)} label={t("meetings.form.takeaways")} hint={t("meetings.form.takeawaysHint")} maxLength={MEETING_LIMITS.lineMax} rows={5} describedBy={`${fields.takeaways.id}-privacy`} />
      <PrivacyMarks fieldId={fields.takeaways.id} marks={privacy?.fields.takeaways} live={hydrated} />
      <TextAreaField field={asText(fields.contributors)} label={t("meetings.form.contributors")} hint={t("meetings.form.contributorsHint")} maxLength={MEETING_LIMITS.lineMax} rows={4} />
      <TextAreaField field={asText(fields.contributorHandles)} label={t("meetings.form.contributorHandles")} hint={t("meetings.form.contributorHandlesHint")} rows={3} />
      {children}
      {privacy ? <PublishAnyway intent={{ name: "intent", value: "save" }} /> : null}
      <div className="button-row">
        <button type="submit" name="intent" value="save" className="button">
          {submitLabel}
        </button>
        <button type="submit" name="intent" value="preview" className="button button--secondary">
          {t("meetings.form.preview")}
        </button>
      </div>
    </Form>
  );
}
