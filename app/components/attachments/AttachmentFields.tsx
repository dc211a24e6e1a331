import type { SubmissionResult } from "@conform-to/react";
import { FieldErrors } from "~/components/FormFields";
import { useTranslation } from "~/components/use-translation";
import { useHydrated } from "~/components/dilemmas/live";
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_ALT_FIELD,
  ATTACHMENT_FIELD,
  ATTACHMENT_LIMITS,
  ATTACHMENT_REMOVE_FIELD,
  MEGABYTES,
  type AttachmentView,
} from "~/attachments/schemas";

/**
 * The file field of a post form (decision 045): a plain <input type=file> (the form is
 * multipart), the photo's description, a privacy hint, and in an edit form the files the post
 * has, each with a "remove" box. Put it last among the fields, just before the buttons: the
 * server reads the fields before it (all the typed text) even when the file is refused for
 * its size. Works the same with and without JavaScript.
 */
export function AttachmentFields({
  idPrefix,
  lastResult,
  current = [],
  fileSent = false,
}: {
  idPrefix: string;
  lastResult?: SubmissionResult<string[]> | null;
  current?: AttachmentView[];
  /** The form came back (a privacy question, a message) after a file was chosen: it is not kept. */
  fileSent?: boolean;
}) {
  const { t } = useTranslation();
  // With JavaScript the form is sent by a script and stays on the page with the file still
  // chosen: only a page the server sent anew (without JavaScript) has lost it.
  const hydrated = useHydrated();
  const fileLost = fileSent && !hydrated;
  const fileId = `${idPrefix}-attachment`;
  const altId = `${idPrefix}-attachment-alt`;
  const fileErrors = lastResult?.error?.[ATTACHMENT_FIELD] ?? undefined;
  const altErrors = lastResult?.error?.[ATTACHMENT_ALT_FIELD] ?? undefined;
  const typedAlt = lastResult?.initialValue?.[ATTACHMENT_ALT_FIELD];
  const removing = new Set([lastResult?.initialValue?.[ATTACHMENT_REMOVE_FIELD] ?? []].flat().map(String));
  return (
    <fieldset className="field attachment-fields">
      <legend>{t("attachments.legend")}</legend>
      {current.length ? (
        <div className="attachment-fields__current">
          <p>{t("attachments.current")}</p>
          <ul className="checkbox-group__options">
            {current.map((a) => (
              <li key={a.id}>
                <input
                  type="checkbox"
                  id={`${idPrefix}-remove-${a.id}`}
                  name={ATTACHMENT_REMOVE_FIELD}
                  value={a.id}
                  defaultChecked={removing.has(String(a.id))}
                />{" "}
                <label htmlFor={`${idPrefix}-remove-${a.id}`}>{t("attachments.remove", { name: a.fileName })}</label>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={fileId}>{t("attachments.fileLabel")}</label>
        <p id={`${fileId}-hint`} className="field__hint">
          {t("attachments.fileHint", { max: MEGABYTES })}
        </p>
        <p id={`${fileId}-privacy`} className="field__hint attachment-fields__privacy">
          {t("attachments.privacyHint")}
        </p>
        {fileLost && !fileErrors ? (
          <p id={`${fileId}-again`} className="alert alert--info">
            {t("attachments.chooseAgain")}
          </p>
        ) : null}
        <FieldErrors id={`${fileId}-error`} errors={fileErrors} />
        <input
          type="file"
          id={fileId}
          name={ATTACHMENT_FIELD}
          accept={ATTACHMENT_ACCEPT}
          aria-describedby={`${fileId}-hint ${fileId}-privacy${fileErrors ? ` ${fileId}-error` : ""}`}
          aria-invalid={fileErrors ? true : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={altId}>{t("attachments.altLabel")}</label>
        <p id={`${altId}-hint`} className="field__hint">
          {t("attachments.altHint")}
        </p>
        <FieldErrors id={`${altId}-error`} errors={altErrors} />
        <input
          type="text"
          id={altId}
          name={ATTACHMENT_ALT_FIELD}
          maxLength={ATTACHMENT_LIMITS.altMax}
          defaultValue={typeof typedAlt === "string" ? typedAlt : ""}
          autoComplete="off"
          aria-describedby={`${altId}-hint${altErrors ? ` ${altId}-error` : ""}`}
          aria-invalid={altErrors ? true : undefined}
        />
      </div>
    </fieldset>
  );
}
