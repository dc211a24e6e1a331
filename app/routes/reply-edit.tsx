import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Trans } from "react-i18next";
import { useTranslation } from "~/components/use-translation";
import { Form, isRouteErrorResponse, Link, redirect, useActionData, useLoaderData } from "react-router";
import { ErrorPage } from "~/components/ErrorPage";
import { FormErrors } from "~/components/FormFields";
import { BodyField } from "~/components/thread/BodyField";
import { dilemmaPath } from "~/dilemmas/paths";
import { renderMarkdown } from "~/platform/markdown.server";
import { replyPermalink } from "~/replies/paths";
import { editReply, getReplyForEdit } from "~/replies/replies.server";
import { EditReplySchema, REPLY_BODY_MAX } from "~/replies/schemas";
import { guardianOf } from "~/web/context.server";
import { idOr404 } from "~/web/ids.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { invalidForm } from "~/web/form-failure.server";
import { spendPostingBudget } from "~/web/posting-limits.server";
import { guardSubmit, wantsPublishAnyway } from "~/web/privacy-guard.server";
import { useHydrated } from "~/components/dilemmas/live";
import { PrivacyMarks } from "~/components/privacy/PrivacyMarks";
import { PublishAnyway } from "~/components/privacy/PublishAnyway";
import { withStatus } from "~/components/status-message";
import { postFormFailure, readPostForm, removalIds, tooLargeFile } from "~/web/attachment-form.server";
import { attachmentsOfReply, attachToReply, prepareAttachment, removeAttachments } from "~/attachments/attachments.server";
import { ATTACHMENT_ALT_FIELD } from "~/attachments/schemas";
import { AttachmentFields } from "~/components/attachments/AttachmentFields";
import { DraftKeeper } from "~/components/DraftKeeper";
import type { Route } from "./+types/reply-edit";

// /replies/:id/edit — the author changes their reply. The previous text is kept as a
// revision (others can read it at /replies/:id/revisions), so an edit never rewrites history.

export async function loader({ params, context }: Route.LoaderArgs) {
  const reply = await getReplyForEdit(guardianOf(context), idOr404(params.id)).catch(rethrowAsHttp);
  return { reply, attachments: await attachmentsOfReply(reply.id) };
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const id = idOr404(params.id);
  const { formData, file, tooLarge } = await readPostForm(request);
  const submission = parseWithZod(formData, { schema: EditReplySchema });
  if (tooLarge) return postFormFailure(submission, tooLargeFile());
  if (formData.get("intent") === "preview") {
    const body = String(submission.payload.body ?? "");
    return { result: submission.reply(), preview: body.length <= REPLY_BODY_MAX * 2 ? renderMarkdown(body) : null };
  }
  if (submission.status !== "success") return invalidForm(submission);
  try {
    const guardian = guardianOf(context);
    const guard = await guardSubmit(guardian, { body: submission.value.body }, wantsPublishAnyway(request));
    if (guard.warning) return { result: submission.reply(), privacy: guard.warning, fileSent: file !== null };
    // Checked before the edit is saved: a refused file leaves the reply as it was.
    const attachment = await prepareAttachment(guardian, file, String(formData.get(ATTACHMENT_ALT_FIELD) ?? ""));
    await spendPostingBudget(guardian, "edit");
    await editReply(guardian, id, submission.value, { privacyOverridden: guard.overridden });
    await removeAttachments(guardian, { replyId: id }, removalIds(formData));
    if (attachment) await attachToReply(guardian, id, attachment);
  } catch (error) {
    return postFormFailure(submission, error);
  }
  // Via the permalink: it finds the page the reply is on and scrolls to it.
  return redirect(withStatus(replyPermalink(id), "saved"));
}

export default function ReplyEdit() {
  const { t } = useTranslation();
  const { reply } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "edit-reply",
    lastResult: actionData?.result,
    constraint: getZodConstraint(EditReplySchema),
    defaultValue: { body: reply.bodyMd },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditReplySchema }),
  });
  const preview = actionData && "preview" in actionData ? actionData.preview : null;
  const privacy = actionData && "privacy" in actionData ? actionData.privacy : null;
  const fileSent = actionData && "fileSent" in actionData ? actionData.fileSent : false;
  const { attachments } = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  return (
    <div className="page narrow">
      <title>{`${t("replies.edit.title")} · ${t("app.name")}`}</title>
      <h1>{t("replies.edit.title")}</h1>
      <p>
        <Trans
          i18nKey="replies.edit.inDilemma"
          values={{ title: reply.dilemma.title }}
          components={{ dilemmaLink: <Link to={dilemmaPath(reply.dilemma)} /> }}
        />
      </p>
      <p>{t("replies.edit.intro")}</p>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <DraftKeeper formId={form.id} place={`reply:${reply.id}:edit`} fields={[fields.body.name]} postIntent="save" original={{ [fields.body.name]: reply.bodyMd }} />
        <BodyField
          field={fields.body}
          label={t("replies.form.label")}
          hint={t("replies.form.hint")}
          maxLength={REPLY_BODY_MAX}
          serverPreview={preview ?? null}
          rows={12}
          describedBy={`${fields.body.id}-privacy`}
        />
        <PrivacyMarks fieldId={fields.body.id} marks={privacy?.fields.body} live={hydrated} />
        <AttachmentFields idPrefix={form.id} lastResult={actionData?.result} current={attachments} fileSent={fileSent} />
        {privacy ? <PublishAnyway intent={{ name: "intent", value: "save" }} /> : null}
        <div className="reply-form__buttons">
          <button type="submit" name="intent" value="save" className="button">
            {t("replies.edit.save")}
          </button>
          <button type="submit" name="intent" value="preview" formNoValidate className="button button--secondary">
            {t("replies.form.preview")}
          </button>
          <Link to={replyPermalink(reply.id)} className="reply-form__cancel">
            {t("replies.form.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
