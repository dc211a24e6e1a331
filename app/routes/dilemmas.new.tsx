import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import crypto from "node:crypto";
import { Trans } from "react-i18next";
import { useTranslation } from "~/components/use-translation";
import { data, Form, isRouteErrorResponse, Link, redirect } from "react-router";
import { CompetenceCheckboxes } from "~/components/dilemmas/CompetenceCheckboxes";
import { DilemmaBodyField, DilemmaPreview } from "~/components/dilemmas/DilemmaBodyField";
import { DraftKeeper } from "~/components/DraftKeeper";
import { ASK_DRAFT_PLACE } from "~/components/drafts";
import { useHydrated, useLivePreview, useSimilarDilemmas, type SimilarItem } from "~/components/dilemmas/live";
import { SimilarDilemmas } from "~/components/dilemmas/SimilarDilemmas";
import { ErrorPage } from "~/components/ErrorPage";
import { FormErrors, TextField, useValidatedForm } from "~/components/FormFields";
import { listCompetenceChoices } from "~/dilemmas/competence-tags.server";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import { dilemmaPath } from "~/dilemmas/paths";
import { previewDilemmaBody } from "~/dilemmas/preview.server";
import {
  AskDilemmaSchema,
  DILEMMA_LIMITS,
  DilemmaDraftSchema,
  dilemmaFormIntent,
} from "~/dilemmas/schemas";
import { findSimilarDilemmas } from "~/search/similar-dilemmas.server";
import { withTemplate } from "~/dilemmas/template";
import { guardianOf } from "~/web/context.server";
import { invalidForm } from "~/web/form-failure.server";
import { postFormFailure, readPostForm, tooLargeFile } from "~/web/attachment-form.server";
import { attachToDilemma, prepareAttachment } from "~/attachments/attachments.server";
import { ATTACHMENT_ALT_FIELD } from "~/attachments/schemas";
import { AttachmentFields } from "~/components/attachments/AttachmentFields";
import { spendPostingBudget } from "~/web/posting-limits.server";
import { guardSubmit, wantsPublishAnyway } from "~/web/privacy-guard.server";
import { PrivacyMarks } from "~/components/privacy/PrivacyMarks";
import { PublishAnyway } from "~/components/privacy/PublishAnyway";
import { withStatus } from "~/components/status-message";
import type { Route } from "./+types/dilemmas.new";

const HERE = "/dilemmas/new";
const LOGIN = `/login?redirectTo=${encodeURIComponent(HERE)}`;

/** Not signed in: log in first. Signed in but not allowed (a member still pending approval): 403. */
function refusal(guardian: ReturnType<typeof guardianOf>) {
  return guardian.isAnonymous ? redirect(LOGIN) : data(null, { status: 403 });
}

export async function loader({ context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (!guardian.canAskDilemma()) throw refusal(guardian);
  // The form's own id: sent twice, it finds the dilemma the first copy made (see createDilemma).
  return { submissionId: crypto.randomUUID(), choices: await listCompetenceChoices() };
}

export async function action({ request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  if (!guardian.canAskDilemma()) throw refusal(guardian);
  const { formData, file, tooLarge } = await readPostForm(request);
  // A file past the limit stops the reading at the file: the buttons after it are not read.
  const intent = tooLarge ? "publish" : dilemmaFormIntent(formData.get("intent"));

  if (intent !== "publish") {
    // Preview or template: the form comes back as typed, without judging it yet.
    const submission = parseWithZod(formData, { schema: DilemmaDraftSchema });
    const draft = submission.status === "success" ? submission.value : {};
    if (intent === "template") return { result: submission.reply(), template: true, preview: null, similar: null };
    const found = await findSimilarDilemmas(guardian, draft.title ?? "", 5);
    return {
      result: submission.reply(),
      template: false,
      preview: previewDilemmaBody(guardian, draft.body ?? ""),
      similar: found.map(toSimilarItem),
    };
  }

  const submission = parseWithZod(formData, { schema: AskDilemmaSchema });
  if (tooLarge) return postFormFailure(submission, tooLargeFile());
  if (submission.status !== "success") return invalidForm(submission);
  try {
    const guard = await guardSubmit(guardian, { title: submission.value.title, body: submission.value.body }, wantsPublishAnyway(request));
    if (guard.warning) return { result: submission.reply(), privacy: guard.warning, fileSent: file !== null };
    // Checked before the dilemma is made: a refused file leaves nothing half-stored.
    const attachment = await prepareAttachment(guardian, file, String(formData.get(ATTACHMENT_ALT_FIELD) ?? ""));
    await spendPostingBudget(guardian, "post");
    const dilemma = await createDilemma(guardian, submission.value, { privacyOverridden: guard.overridden });
    if (attachment) await attachToDilemma(guardian, dilemma.id, attachment);
    return redirect(withStatus(dilemmaPath(dilemma), dilemma.held ? "held" : "asked"));
  } catch (error) {
    return postFormFailure(submission, error);
  }
}

function toSimilarItem(d: { id: number; title: string; status: "open" | "answered"; replyCount: number }): SimilarItem {
  return { ...d, path: dilemmaPath(d) };
}

export default function AskDilemma({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const answer = actionData && "template" in actionData ? actionData : null;
  const privacy = actionData && "privacy" in actionData ? actionData.privacy : null;
  const fileSent = actionData && "fileSent" in actionData ? actionData.fileSent : false;
  const preview = useLivePreview(answer?.preview ?? null);
  const similar = useSimilarDilemmas(answer?.similar ?? null);
  // The preview and template buttons never reach this validation: with JavaScript the preview
  // follows the typing (no button) and the template is added in place.
  const [form, fields] = useValidatedForm({ id: "ask-dilemma", schema: AskDilemmaSchema, lastResult: actionData?.result });
  const typedBody = typeof fields.body.initialValue === "string" ? fields.body.initialValue : "";
  const templateLabels = [
    t("dilemmas.ask.template.situation"),
    t("dilemmas.ask.template.tried"),
    t("dilemmas.ask.template.question"),
  ];
  const submissionId =
    typeof fields.submissionId.initialValue === "string" ? fields.submissionId.initialValue : loaderData.submissionId;

  return (
    <div className="page">
      <title>{`${t("dilemmas.ask.title")} · ${t("app.name")}`}</title>
      <h1>{t("dilemmas.ask.title")}</h1>
      <p className="lead">{t("dilemmas.ask.intro")}</p>
      <p className="alert alert--info" id="privacy-note">
        <strong>{t("dilemmas.ask.privacyHeading")}.</strong>{" "}
        <Trans i18nKey="dilemmas.ask.privacy" components={{ privacyLink: <Link to="/privacy" /> }} />
      </p>
      <div className="dilemma-compose">
        <Form
          method="post"
          encType="multipart/form-data"
          {...getFormProps(form)}
          className="stack dilemma-compose__form"
          onInput={(event) => {
            const target = event.target as HTMLInputElement | HTMLTextAreaElement;
            if (target.name === fields.title.name) similar.update(target.value);
            if (target.name === fields.body.name) preview.update(target.value);
          }}
        >
          {/* First in the form, so Enter in the title field publishes (not "use template"). */}
          <button type="submit" name="intent" value="publish" hidden tabIndex={-1}>
            {t("dilemmas.ask.submit")}
          </button>
          <FormErrors id={form.errorId} errors={form.errors} />
          <DraftKeeper formId={form.id} place={ASK_DRAFT_PLACE} fields={[fields.title.name, fields.body.name]} postIntent="publish" />
          <input type="hidden" name={fields.submissionId.name} value={submissionId} />
          <TextField
            field={fields.title}
            label={t("dilemmas.ask.titleLabel")}
            hint={t("dilemmas.ask.titleHint")}
            autoComplete="off"
            maxLength={DILEMMA_LIMITS.titleMax}
          />
          <PrivacyMarks fieldId={fields.title.id} marks={privacy?.fields.title} />
          <SimilarDilemmas items={similar.items} />
          <DilemmaBodyField
            field={fields.body}
            maxLength={DILEMMA_LIMITS.bodyMax}
            defaultValue={answer?.template ? withTemplate(typedBody, templateLabels) : undefined}
            withTemplateButton
            withPreviewButton={!hydrated}
            describedBy={`privacy-note ${fields.body.id}-privacy`}
          />
          <PrivacyMarks fieldId={fields.body.id} marks={privacy?.fields.body} live={hydrated} />
          <CompetenceCheckboxes
            field={fields.competences}
            choices={loaderData.choices}
            legend={t("dilemmas.ask.competencesLegend")}
            hint={t("dilemmas.ask.competencesHint")}
          />
          <AttachmentFields idPrefix={form.id} lastResult={actionData?.result} fileSent={fileSent} />
          {privacy ? <PublishAnyway intent={{ name: "intent", value: "publish" }} /> : null}
          <button type="submit" name="intent" value="publish" className="button">
            {t("dilemmas.ask.submit")}
          </button>
        </Form>
        {hydrated || preview.html !== null ? <DilemmaPreview html={preview.html} pending={preview.pending} /> : null}
      </div>
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
