import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/components/use-translation";
import { useCallback, useEffect, useRef, useState } from "react";
import { Form, Link, useNavigation } from "react-router";
import { DraftKeeper } from "~/components/DraftKeeper";
import { FormErrors } from "~/components/FormFields";
import { REPLY_BODY_MAX, ReplySchema } from "~/replies/schemas";
import { BodyField } from "./BodyField";
import { useHydrated } from "~/components/dilemmas/live";
import { PrivacyMarks } from "~/components/privacy/PrivacyMarks";
import { PublishAnyway } from "~/components/privacy/PublishAnyway";
import type { PrivacyWarning } from "~/privacy/kinds";
import { AttachmentFields } from "~/components/attachments/AttachmentFields";

export const REPLY_FORM_ID = "reply-form";

/**
 * The form for a new reply: to the dilemma, or (parent set) to one reply. It carries a random
 * submissionId, so sending it twice (double click, back button) still makes one reply. It is
 * multipart: a reply may carry one photo or PDF (decisions 045, 050), the file field last
 * before the buttons so a file refused for its size still leaves every typed field readable.
 */
export function ReplyForm({
  parent,
  submissionId,
  lastResult,
  serverPreview,
  cancelHref,
  headingLevel,
  privacy = null,
  initialBody = null,
  draftPlace,
  postedHere = false,
  fileSent = false,
}: {
  parent: { id: number; authorName: string } | null;
  submissionId: string;
  lastResult: SubmissionResult<string[]> | null | undefined;
  serverPreview: string | null;
  /** Where "Annuleer" goes (the same page without the inline form). */
  cancelHref?: string;
  headingLevel: 2 | 3;
  /** The privacy guard's marks when the form was sent. */
  privacy?: PrivacyWarning | null;
  /** Text the form opens with: a quote ("Citeer" without JavaScript, decision 038). */
  initialBody?: string | null;
  /** Where the draft kept while typing belongs (DraftKeeper): the dilemma and the reply answered. */
  draftPlace: string;
  /** The page shows this form's reply just posted: its draft is done (DraftKeeper). */
  postedHere?: boolean;
  /** A file was chosen when the form came back (privacy question, preview): without JavaScript it is gone. */
  fileSent?: boolean;
}) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const [form, fields] = useForm({
    id: REPLY_FORM_ID,
    lastResult,
    constraint: getZodConstraint(ReplySchema),
    defaultValue: { parentId: parent ? String(parent.id) : undefined, body: initialBody ?? undefined },
    // See signup.tsx: validating on blur moves the buttons between mouse-down and mouse-up.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReplySchema }),
  });
  // Remounting the text field after a post also drops its live preview of the posted text.
  const [generation, setGeneration] = useState(0);
  const reset = useCallback(() => {
    form.reset();
    setGeneration((g) => g + 1);
  }, [form]);
  useResetAfterPosting(reset, lastResult);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = `${REPLY_FORM_ID}-heading`;
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} aria-labelledby={headingId} className="reply-form stack">
      <Heading id={headingId}>
        {parent ? t("replies.form.headingTo", { name: parent.authorName }) : t("replies.form.heading")}
      </Heading>
      {/* The answered reply is a hidden field: what is wrong with it is said for the whole form. */}
      <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...(fields.parentId.errors ?? [])]} />
      <DraftKeeper formId={form.id} place={draftPlace} fields={[fields.body.name]} postIntent="reply" postedHere={postedHere} />
      {/* From the loader, not kept by the form: a new id for each page load, the same id for
          two sends of one form. */}
      <input type="hidden" name={fields.submissionId.name} value={submissionId} />
      {parent ? <input {...getInputProps(fields.parentId, { type: "hidden" })} key={fields.parentId.key} /> : null}
      <BodyField
        key={generation}
        field={fields.body}
        label={t("replies.form.label")}
        hint={t("replies.form.hint")}
        maxLength={REPLY_BODY_MAX}
        serverPreview={serverPreview}
        autoFocus={parent !== null}
        describedBy={`${fields.body.id}-privacy`}
      />
      <PrivacyMarks key={`privacy-${generation}`} fieldId={fields.body.id} marks={privacy?.fields.body} live={hydrated} />
      {/* Remounted with the text field after a post: the posted file and description go too. */}
      <AttachmentFields key={`attachment-${generation}`} idPrefix={REPLY_FORM_ID} lastResult={lastResult} fileSent={fileSent} />
      {privacy ? <PublishAnyway intent={{ name: "intent", value: "reply" }} /> : null}
      <div className="reply-form__buttons">
        <button type="submit" name="intent" value="reply" className="button">
          {t("replies.form.submit")}
        </button>
        <button type="submit" name="intent" value="preview" formNoValidate className="button button--secondary">
          {t("replies.form.preview")}
        </button>
        {cancelHref ? (
          <Link to={cancelHref} className="reply-form__cancel">
            {t("replies.form.cancel")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

/**
 * With JavaScript the page stays mounted after a reply is posted (the action redirects to the
 * new reply), so the form would still hold the posted text: empty it once that navigation ends
 * without an answer from the action (an answer means the text had a problem and stays).
 */
function useResetAfterPosting(reset: () => void, lastResult: unknown) {
  const navigation = useNavigation();
  const posting = useRef(false);
  useEffect(() => {
    if (navigation.state !== "idle") {
      if (navigation.formData?.get("intent") === "reply") posting.current = true;
      return;
    }
    if (posting.current) {
      posting.current = false;
      if (!lastResult) reset();
    }
  }, [navigation.state, navigation.formData, lastResult, reset]);
}
