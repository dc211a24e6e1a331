import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import { deleteDilemma } from "~/dilemmas/delete.server";
import { hideDilemma, lockDilemma, unhideDilemma, unlockDilemma } from "~/dilemmas/moderation.server";
import type { Guardian } from "~/guardian/guardian.server";
import { Forbidden, Invalid, NotFound } from "~/platform/errors.server";
import { renderMarkdown } from "~/platform/markdown.server";
import { threadPagePath } from "~/replies/paths";
import {
  createReply,
  deleteReply,
  hideReply,
  locateCreatedReply,
  locateReply,
  markAnswer,
  setHelpful,
  unhideReply,
  unmarkAnswer,
} from "~/replies/replies.server";
import { REPLY_BODY_MAX, ReplySchema } from "~/replies/schemas";
import { THREAD_PAGE_SIZE } from "~/replies/thread.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import { postFormFailure, tooLargeFile } from "~/web/attachment-form.server";
import { attachToReply, prepareAttachment, type UploadedFile } from "~/attachments/attachments.server";
import { ATTACHMENT_ALT_FIELD } from "~/attachments/schemas";
import { spendPostingBudget } from "~/web/posting-limits.server";
import { guardSubmit } from "~/web/privacy-guard.server";
import { idOr400 } from "~/web/ids.server";
import type { IntentHandlers } from "~/web/intents.server";
import { withStatus, type StatusKey } from "~/components/status-message";

// What the buttons of a dilemma's page do (/dilemmas/:id/:slug posts here by `intent`): a
// reply or its preview, the dilemma's moderation, and what acts on one reply. Each answer is
// a redirect back to what it changed, so the page works without JavaScript and a reload never
// posts twice; a refusal with a reason to fix comes back as data for the form.

/**
 * anyway: "Toch plaatsen" was pressed after the privacy guard's marks. file: the photo or PDF
 * sent with a new reply (null: none); tooLarge: one was sent past the size limit, and the
 * reading stopped there (the fields before it are in formData).
 */
export type DilemmaAction = {
  guardian: Guardian;
  dilemmaId: number;
  formData: FormData;
  file: UploadedFile | null;
  tooLarge: boolean;
  back: string;
  anyway: boolean;
};

/** Moderation of the dilemma itself: back to the page as it was. */
const moderation =
  (change: (guardian: Guardian, id: number) => Promise<void>, done: StatusKey) =>
  async ({ guardian, dilemmaId, back }: DilemmaAction) => {
    await change(guardian, dilemmaId).catch(rethrowAsHttp);
    return redirect(withStatus(back, done));
  };

/** Acts on the reply the form names, then shows it where it sits in the thread. */
const onReply =
  (act: (guardian: Guardian, replyId: number, c: DilemmaAction) => Promise<unknown>, done: StatusKey | ((c: DilemmaAction) => StatusKey)) =>
  async (c: DilemmaAction) => {
    const replyId = idOr400(c.formData.get("replyId"));
    try {
      await act(c.guardian, replyId, c);
      const at = await locateReply(c.guardian, replyId, THREAD_PAGE_SIZE);
      return redirect(withStatus(threadPagePath(at.dilemma, at.page, replyId), typeof done === "function" ? done(c) : done));
    } catch (error) {
      return rethrowAsHttp(error);
    }
  };

/** A reason the form asks for: wrong, it comes back beside its field with what was typed. */
const reasonOf = (formData: FormData) => String(formData.get("reason") ?? "");

export const dilemmaIntents = {
  async reply({ guardian, dilemmaId, formData, file, tooLarge, anyway }: DilemmaAction) {
    const submission = parseWithZod(formData, { schema: ReplySchema });
    if (tooLarge) return postFormFailure(submission, tooLargeFile());
    if (submission.status !== "success") return invalidForm(submission);
    try {
      const guard = await guardSubmit(guardian, { body: submission.value.body }, anyway);
      if (guard.warning) return { result: submission.reply(), privacy: guard.warning, fileSent: file !== null };
      // Checked and cleaned before the reply is written: a refused file leaves no reply and
      // the text as typed (decision 045); it is attached once the reply is stored.
      const attachment = await prepareAttachment(guardian, file, String(formData.get(ATTACHMENT_ALT_FIELD) ?? ""));
      await spendPostingBudget(guardian, "post");
      const reply = await createReply(guardian, dilemmaId, submission.value, { privacyOverridden: guard.overridden });
      if (attachment) await attachToReply(guardian, reply.id, attachment);
      const at = await locateCreatedReply(guardian, reply, THREAD_PAGE_SIZE);
      return redirect(withStatus(threadPagePath(at.dilemma, at.page, reply.id), reply.held ? "held" : "replied"));
    } catch (error) {
      // Locked or hidden meanwhile, or the reply answered is gone: say so, and hand the text
      // back so nothing typed is lost.
      if (error instanceof Forbidden) return data({ refused: { body: submission.value.body } }, { status: 403 });
      // The reply answered is not in this thread (another thread's, or none): said above the
      // form, as for a parent that is no id at all, with the text kept; not a bare 404.
      if (error instanceof NotFound && submission.value.parentId !== undefined) {
        return formFailure(submission, new Invalid({ parentId: ["replies.form.parentInvalid"] }));
      }
      return postFormFailure(submission, error);
    }
  },

  // Without JavaScript this is the preview: the same page, the text kept, rendered below it.
  async preview({ formData, file }: DilemmaAction) {
    const submission = parseWithZod(formData, { schema: ReplySchema });
    const body = String(submission.payload.body ?? "");
    return { result: submission.reply(), preview: body.length <= REPLY_BODY_MAX * 2 ? renderMarkdown(body) : null, fileSent: file !== null };
  },

  lock: moderation(lockDilemma, "locked"),
  unlock: moderation(unlockDilemma, "unlocked"),
  "unhide-dilemma": moderation(unhideDilemma, "dilemmaUnhidden"),
  async "hide-dilemma"({ guardian, dilemmaId, formData, back }: DilemmaAction) {
    const reason = reasonOf(formData);
    try {
      await hideDilemma(guardian, dilemmaId, reason);
    } catch (error) {
      if (error instanceof Invalid) return data({ hideDilemmaError: { reason, errors: error.fieldErrors.reason ?? [] } }, { status: 400 });
      rethrowAsHttp(error);
    }
    return redirect(withStatus(back, "dilemmaHidden"));
  },

  // The asker takes it back (decision 038): a tombstone stays on its page; gone, to the list.
  async "delete-dilemma"({ guardian, dilemmaId, back }: DilemmaAction) {
    const { gone } = await deleteDilemma(guardian, dilemmaId).catch(rethrowAsHttp);
    return redirect(gone ? withStatus("/dilemmas", "dilemmaGone") : withStatus(back, "dilemmaDeleted"));
  },

  helpful: onReply(
    (guardian, replyId, { formData }) => setHelpful(guardian, replyId, formData.get("helpful") === "on"),
    ({ formData }) => (formData.get("helpful") === "on" ? "helpful" : "notHelpful"),
  ),
  "mark-answer": onReply((guardian, replyId) => markAnswer(guardian, replyId), "answerMarked"),
  "unmark-answer": onReply((guardian, _replyId, { dilemmaId }) => unmarkAnswer(guardian, dilemmaId), "answerUnmarked"),
  delete: onReply((guardian, replyId) => deleteReply(guardian, replyId), "deleted"),
  unhide: onReply((guardian, replyId) => unhideReply(guardian, replyId), "unhidden"),
  async hide(c: DilemmaAction) {
    const replyId = idOr400(c.formData.get("replyId"));
    const reason = reasonOf(c.formData);
    try {
      await hideReply(c.guardian, replyId, reason);
    } catch (error) {
      if (error instanceof Invalid)
        return data({ hideError: { replyId, reason, errors: error.fieldErrors.reason ?? [] } }, { status: 400 });
      return rethrowAsHttp(error);
    }
    return onReply(async () => {}, "hidden")(c);
  },
} satisfies IntentHandlers<DilemmaAction>;
