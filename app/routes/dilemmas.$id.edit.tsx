import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/components/use-translation";
import { Form, isRouteErrorResponse, Link, redirect } from "react-router";
import { CompetenceCheckboxes } from "~/components/dilemmas/CompetenceCheckboxes";
import { DilemmaBodyField, DilemmaPreview } from "~/components/dilemmas/DilemmaBodyField";
import { useHydrated, useLivePreview } from "~/components/dilemmas/live";
import { ErrorPage } from "~/components/ErrorPage";
import { FormErrors, TextField, useValidatedForm } from "~/components/FormFields";
import { editDilemma, getDilemmaForEdit, setDilemmaCompetences } from "~/dilemmas/edit.server";
import { dilemmaPath, dilemmaRevisionsPath } from "~/dilemmas/paths";
import { previewDilemmaBody } from "~/dilemmas/preview.server";
import {
  DILEMMA_LIMITS,
  DilemmaDraftSchema,
  DilemmaTagsSchema,
  dilemmaFormIntent,
  EditDilemmaSchema,
} from "~/dilemmas/schemas";
import { guardianOf } from "~/web/context.server";
import { idOr404 } from "~/web/ids.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import { postFormFailure, readPostForm, removalIds, tooLargeFile } from "~/web/attachment-form.server";
import { attachmentsOfDilemma, attachToDilemma, prepareAttachment, removeAttachments } from "~/attachments/attachments.server";
import { ATTACHMENT_ALT_FIELD } from "~/attachments/schemas";
import { AttachmentFields } from "~/components/attachments/AttachmentFields";
import { DraftKeeper } from "~/components/DraftKeeper";
import { spendPostingBudget } from "~/web/posting-limits.server";
import { guardSubmit, wantsPublishAnyway } from "~/web/privacy-guard.server";
import { PrivacyMarks } from "~/components/privacy/PrivacyMarks";
import { PublishAnyway } from "~/components/privacy/PublishAnyway";
import { withStatus } from "~/components/status-message";
import type { Route } from "./+types/dilemmas.$id.edit";

// /dilemmas/:id/edit — the asker edits title, text and competences; staff, who may not reword
// someone's question, get the competences only (mode "tags"). Which mode the form is in comes
// from the Guardian's flags; the domain checks again on save.

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  const id = idOr404(params.id);
  if (guardian.isAnonymous) {
    throw redirect(`/login?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`);
  }
  const dilemma = await getDilemmaForEdit(guardian, id).catch(rethrowAsHttp);
  return {
    dilemma,
    previewHtml: dilemma.canEditText ? previewDilemmaBody(guardian, dilemma.bodyMd) : null,
    attachments: dilemma.canEditText ? await attachmentsOfDilemma(id) : [],
  };
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  const id = idOr404(params.id);
  if (guardian.isAnonymous) {
    throw redirect(`/login?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`);
  }
  const { formData, file, tooLarge } = await readPostForm(request);
  const tagsOnly = formData.get("mode") === "tags";

  if (!tagsOnly && !tooLarge && dilemmaFormIntent(formData.get("intent")) === "preview") {
    const submission = parseWithZod(formData, { schema: DilemmaDraftSchema });
    const body = submission.status === "success" ? (submission.value.body ?? "") : "";
    return { result: submission.reply(), preview: previewDilemmaBody(guardian, body) };
  }

  if (tagsOnly) {
    const submission = parseWithZod(formData, { schema: DilemmaTagsSchema });
    if (submission.status !== "success") return invalidForm(submission);
    try {
      await spendPostingBudget(guardian, "edit");
      return redirect(withStatus(dilemmaPath(await setDilemmaCompetences(guardian, id, submission.value.competences)), "saved"));
    } catch (error) {
      return formFailure(submission, error);
    }
  }
  const submission = parseWithZod(formData, { schema: EditDilemmaSchema });
  if (tooLarge) return postFormFailure(submission, tooLargeFile());
  if (submission.status !== "success") return invalidForm(submission);
  try {
    const guard = await guardSubmit(guardian, { title: submission.value.title, body: submission.value.body }, wantsPublishAnyway(request));
    if (guard.warning) return { result: submission.reply(), privacy: guard.warning, fileSent: file !== null };
    // Checked before the edit is saved: a refused file leaves the dilemma as it was.
    const attachment = await prepareAttachment(guardian, file, String(formData.get(ATTACHMENT_ALT_FIELD) ?? ""));
    await spendPostingBudget(guardian, "edit");
    const edited = await editDilemma(guardian, id, submission.value, { privacyOverridden: guard.overridden });
    await removeAttachments(guardian, { dilemmaId: id }, removalIds(formData));
    if (attachment) await attachToDilemma(guardian, id, attachment);
    return redirect(withStatus(dilemmaPath(edited), "saved"));
  } catch (error) {
    return postFormFailure(submission, error);
  }
}

export default function EditDilemma({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const { dilemma } = loaderData;
  const tagsOnly = !dilemma.canEditText;
  const serverPreview = actionData && "preview" in actionData ? actionData.preview : null;
  const privacy = actionData && "privacy" in actionData ? actionData.privacy : null;
  const fileSent = actionData && "fileSent" in actionData ? actionData.fileSent : false;
  const preview = useLivePreview(serverPreview ?? (hydrated ? loaderData.previewHtml : null));
  const [form, fields] = useValidatedForm({
    id: `edit-dilemma-${dilemma.id}`,
    // Typed as the full form; the tags-only form has a subset of its fields (and checks only those).
    schema: (tagsOnly ? DilemmaTagsSchema : EditDilemmaSchema) as typeof EditDilemmaSchema,
    lastResult: actionData?.result,
    defaultValue: { title: dilemma.title, body: dilemma.bodyMd, competences: dilemma.competences },
  });
  const heading = tagsOnly ? t("dilemmas.edit.tagsTitle") : t("dilemmas.edit.title");

  return (
    <div className="page">
      <title>{`${heading}: ${dilemma.title} · ${t("app.name")}`}</title>
      <h1>{heading}</h1>
      <p className="lead">
        <Link to={dilemmaPath(dilemma)}>{dilemma.title}</Link>
      </p>
      {dilemma.hiddenReason !== null ? (
        <div className="alert alert--error">
          <p>{t("dilemmas.edit.hiddenNotice", { reason: dilemma.hiddenReason })}</p>
          {dilemma.canEditText ? <p>{t("dilemmas.edit.hiddenNoticeHint")}</p> : null}
        </div>
      ) : null}
      <p>{tagsOnly ? t("dilemmas.edit.tagsIntro") : t("dilemmas.edit.intro")}</p>
      <div className="dilemma-compose">
        <Form
          method="post"
          encType="multipart/form-data"
          {...getFormProps(form)}
          className="stack dilemma-compose__form"
          onInput={(event) => {
            const target = event.target as HTMLTextAreaElement;
            if (!tagsOnly && target.name === fields.body.name) preview.update(target.value);
          }}
        >
          <button type="submit" name="intent" value="publish" hidden tabIndex={-1}>
            {t("dilemmas.edit.submit")}
          </button>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="mode" value={tagsOnly ? "tags" : "text"} />
          {tagsOnly ? null : (
            <>
              <TextField
                field={fields.title}
                label={t("dilemmas.ask.titleLabel")}
                hint={t("dilemmas.ask.titleHint")}
                autoComplete="off"
                maxLength={DILEMMA_LIMITS.titleMax}
              />
              <PrivacyMarks fieldId={fields.title.id} marks={privacy?.fields.title} />
              <DilemmaBodyField
                field={fields.body}
                maxLength={DILEMMA_LIMITS.bodyMax}
                withTemplateButton={false}
                withPreviewButton={!hydrated}
                describedBy={`${fields.body.id}-privacy`}
              />
              <PrivacyMarks fieldId={fields.body.id} marks={privacy?.fields.body} live={hydrated} />
              <DraftKeeper
                formId={form.id}
                place={`dilemma:${dilemma.id}:edit`}
                fields={[fields.title.name, fields.body.name]}
                postIntent="publish"
                original={{ [fields.title.name]: dilemma.title, [fields.body.name]: dilemma.bodyMd }}
              />
            </>
          )}
          <CompetenceCheckboxes
            field={fields.competences}
            choices={dilemma.choices}
            legend={t("dilemmas.ask.competencesLegend")}
            hint={t("dilemmas.ask.competencesHint")}
          />
          {tagsOnly ? null : (
            <AttachmentFields idPrefix={form.id} lastResult={actionData?.result} current={loaderData.attachments} fileSent={fileSent} />
          )}
          {privacy ? <PublishAnyway intent={{ name: "intent", value: "publish" }} /> : null}
          <div className="button-row">
            <button type="submit" name="intent" value="publish" className="button">
              {t("dilemmas.edit.submit")}
            </button>
            <Link to={dilemmaPath(dilemma)}>{t("dilemmas.edit.cancel")}</Link>
          </div>
          <p>
            <Link to={dilemmaRevisionsPath(dilemma)}>{t("dilemmas.edit.history")}</Link>
          </p>
        </Form>
        {!tagsOnly && (hydrated || preview.html !== null) ? (
          <DilemmaPreview html={preview.html} pending={preview.pending} />
        ) : null}
      </div>
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
