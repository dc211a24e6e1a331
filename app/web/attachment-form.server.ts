import { data } from "react-router";
import { AttachmentRefused, type UploadedFile } from "~/attachments/attachments.server";
import { ATTACHMENT_FIELD, ATTACHMENT_LIMITS, ATTACHMENT_REMOVE_FIELD, MEGABYTES } from "~/attachments/schemas";
import { formFailure } from "./form-failure.server";
import { isMultipart, readPostFormWithFile } from "./file-upload.server";
import { readForm, UNREADABLE_FORM, withNewlines } from "./form-body.server";

// The post forms with a file field (decision 045): read as multipart when they are, as a plain
// form otherwise (a form without a file input, an old page); a file refused for its size keeps
// the typed fields. Answers with the field's message and the status that says why.

export type PostForm = { formData: FormData; file: UploadedFile | null; tooLarge: boolean };

export async function readPostForm(request: Request): Promise<PostForm> {
  if (!isMultipart(request)) return { formData: await readForm(request), file: null, tooLarge: false };
  const form = await readPostFormWithFile(request, ATTACHMENT_FIELD, ATTACHMENT_LIMITS.maxBytes);
  if (form.kind === "malformed") throw data(UNREADABLE_FORM, { status: 400 });
  return { formData: withNewlines(form.fields), file: form.file, tooLarge: form.tooLarge };
}

/** The refusal for a file past the size limit, before anything else is looked at. */
export const tooLargeFile = () => new AttachmentRefused(`tooLarge?max=${MEGABYTES}`, 413);

/** The ids ticked under "remove" in an edit form. */
export function removalIds(formData: FormData): number[] {
  return formData
    .getAll(ATTACHMENT_REMOVE_FIELD)
    .map((v) => Number(v))
    .filter((n) => Number.isInteger(n) && n > 0 && n < 2 ** 31);
}

type Replyable = Parameters<typeof formFailure>[0];

/** formFailure, with 413/415/400 for a refused file. */
export function postFormFailure(submission: Replyable, error: unknown) {
  if (error instanceof AttachmentRefused) {
    return data({ result: submission.reply({ fieldErrors: error.fieldErrors }) }, { status: error.status });
  }
  return formFailure(submission, error);
}
