import { getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "~/components/use-translation";
import { useFetcher } from "react-router";
import { FieldErrors } from "~/components/FormFields";
import { MarkdownToolbar } from "./MarkdownToolbar";
import { useMentionAutocomplete } from "./MentionAutocomplete";

// The Markdown text of a reply, with its preview. Without JavaScript the form's "Voorbeeld"
// button sends the text to the page's action, which answers with the rendered preview and the
// text kept (`serverPreview`). With JavaScript the preview also follows the typing: the text
// goes to /dilemmas/preview (the ask form's preview route), which runs the same renderMarkdown
// (and sanitiser) as saving does.

const PREVIEW_DELAY_MS = 400;
const PREVIEW_ROUTE = "/dilemmas/preview";

type LivePreview = { html: string };

export function BodyField({
  field,
  label,
  hint,
  maxLength,
  serverPreview,
  autoFocus = false,
  rows = 8,
  describedBy,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  hint: string;
  maxLength: number;
  serverPreview: string | null;
  autoFocus?: boolean;
  rows?: number;
  /** More ids that describe the field (the privacy guard's marks). */
  describedBy?: string;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<LivePreview>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [typed, setTyped] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const mentions = useMentionAutocomplete(textarea, field.id); // "@an…" offers members (decision 029)
  useEffect(() => () => clearTimeout(timer.current), []);

  const hintId = `${field.id}-hint`;
  const { key, ...props } = getTextareaProps(field, { ariaDescribedBy: describedBy ? `${hintId} ${describedBy}` : hintId });
  const html = (typed ? fetcher.data?.html : undefined) ?? serverPreview;

  const schedulePreview = (body: string) => {
    setTyped(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      void fetcher.submit({ body }, { method: "post", action: PREVIEW_ROUTE });
    }, PREVIEW_DELAY_MS);
  };
  // Text typed while the page's script was still loading gets its preview once it runs.
  const initialText = props.defaultValue;
  useEffect(() => {
    const value = textarea.current?.value ?? "";
    if (value && value !== (initialText ?? "")) schedulePreview(value);
    // Only once, on mount: later typing goes through onInput.
  }, []);
  const previewId = `${field.id}-preview`;

  return (
    <div className="field field--body">
      <label htmlFor={field.id}>{label}</label>
      <p id={hintId} className="field__hint">
        {hint}
      </p>
      <MarkdownToolbar fieldId={field.id} />
      <textarea
        key={key}
        {...props}
        rows={rows}
        autoFocus={autoFocus}
        ref={textarea}
        {...mentions.fieldProps}
        onInput={(event) => {
          schedulePreview(event.currentTarget.value);
          mentions.onInput(event.currentTarget);
        }}
      />
      {mentions.list}
      <FieldErrors id={field.errorId} errors={field.errors} max={maxLength} />
      {html !== null ? (
        <div className="preview" aria-labelledby={previewId} role="group">
          <p className="preview__label" id={previewId}>
            {t("replies.form.previewHeading")}
          </p>
          {html ? (
            <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
          ) : (
            <p className="meta">{t("replies.form.previewEmpty")}</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
