import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useTranslation } from "~/components/use-translation";
import { Form } from "react-router";
import { CompetenceCheckboxes, type CompetenceOption } from "~/components/dilemmas/CompetenceCheckboxes";
import { FormErrors, TextField, useValidatedForm } from "~/components/FormFields";
import { TextAreaField } from "~/components/TextAreaField";
import { DILEMMA_LIMITS } from "~/dilemmas/schemas";
import { RaisedDilemmaSchema } from "~/meetings/schemas";

// A question raised at the meeting, posted as a dilemma and linked as raised in one step:
// the ask form's fields (title, text, competences) plus who asked it. The title can come
// pre-filled from a takeaway ("make this a dilemma"), the text with a line saying where the
// question came from.
export function RaiseDilemmaForm({
  choices,
  submissionId,
  defaultValue,
  lastResult,
}: {
  choices: CompetenceOption[];
  submissionId: string;
  defaultValue: { title: string; body: string };
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm({ id: "raise-dilemma", schema: RaisedDilemmaSchema, lastResult, defaultValue });
  const carried = typeof fields.submissionId.initialValue === "string" ? fields.submissionId.initialValue : submissionId;
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name={fields.submissionId.name} value={carried} />
      <TextField
        field={fields.title}
        label={t("dilemmas.ask.titleLabel")}
        hint={t("dilemmas.ask.titleHint")}
        autoComplete="off"
        maxLength={DILEMMA_LIMITS.titleMax}
      />
      <TextAreaField field={fields.body} label={t("dilemmas.ask.bodyLabel")} hint={t("dilemmas.ask.bodyHint")} maxLength={DILEMMA_LIMITS.bodyMax} rows={8} />
      <CompetenceCheckboxes
        field={fields.competences}
        choices={choices}
        legend={t("dilemmas.ask.competencesLegend")}
        hint={t("dilemmas.ask.competencesHint")}
      />
      <TextField field={fields.author} label={t("meetings.staff.author")} hint={t("meetings.staff.authorHint")} autoComplete="off" />
      <button type="submit" name="intent" value="raise" className="button">
        {t("meetings.staff.raiseSubmit")}
      </button>
    </Form>
  );
}
