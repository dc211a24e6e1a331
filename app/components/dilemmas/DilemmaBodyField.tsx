import { getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useRef } from "react";
import { useTranslation } from "~/components/use-translation";
import { FieldErrors } from "~/components/FormFields";
import { withTemplate } from "~/dilemmas/template";
import { MarkdownToolbar } from "~/components/thread/MarkdownToolbar";

// The dilemma's Markdown text with its two helpers, both plain submit buttons so they work
// without JavaScript (the page's action answers with the form as it was, plus the template or
// the preview):
//  - "Gebruik het sjabloon" adds the three lead-ins; with JavaScript it does so in place.
//  - "Voorbeeld bekijken" shows the rendered text; with JavaScript the preview follows the
//    typing instead (see useLivePreview), so the button goes.
export function DilemmaBodyField({
  field,
  maxLength,
  defaultValue,
  withTemplateButton,
  withPreviewButton,
  describedBy,
}: {
  field: FieldMetadata<string | undefined>;
  maxLength: number;
  /** Overrides the field's own initial value (the server just added the template). */
  defaultValue?: string;
  withTemplateButton: boolean;
  withPreviewButton: boolean;
  /** More ids that describe the field (the privacy reminder). */
  describedBy?: string;
}) {
  const { t } = useTranslation();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const hintId = `${field.id}-hint`;
  const templateHintId = `${field.id}-template-hint`;
  const { key, ...props } = getTextareaProps(field, {
    ariaDescribedBy: describedBy ? `${hintId} ${describedBy}` : hintId,
  });
  const labels = [
    t("dilemmas.ask.template.situation"),
    t("dilemmas.ask.template.tried"),
    t("dilemmas.ask.template.question"),
  ];
  return (
    <div className="field field--body">
      <label htmlFor={field.id}>{t("dilemmas.ask.bodyLabel")}</label>
      <p id={hintId} className="field__hint">
        {t("dilemmas.ask.bodyHint")}
      </p>
      <MarkdownToolbar fieldId={field.id} />
      <textarea
        key={defaultValue === undefined ? key : `${key}-template`}
        {...props}
        defaultValue={defaultValue ?? props.defaultValue}
        ref={textarea}
        rows={14}
      />
      <FieldErrors id={field.errorId} errors={field.errors} max={maxLength} />
      {withTemplateButton || withPreviewButton ? (
        <div className="button-row">
          {withTemplateButton ? (
            <button
              type="submit"
              name="intent"
              value="template"
              formNoValidate
              className="button button--secondary"
              aria-describedby={templateHintId}
              onClick={(event) => {
                const element = textarea.current;
                if (!element) return; // not hydrated yet: let the server do it
                event.preventDefault();
                element.value = withTemplate(element.value, labels);
                // Tell Conform and the live preview (the form listens), as typing would.
                element.dispatchEvent(new Event("input", { bubbles: true }));
                element.focus();
              }}
            >
              {t("dilemmas.ask.useTemplate")}
            </button>
          ) : null}
          {withPreviewButton ? (
            <button type="submit" name="intent" value="preview" formNoValidate className="button button--secondary">
              {t("dilemmas.ask.preview")}
            </button>
          ) : null}
        </div>
      ) : null}
      {withTemplateButton ? (
        <p id={templateHintId} className="field__hint">
          {t("dilemmas.ask.templateHint")}
        </p>
      ) : null}
    </div>
  );
}

/** The rendered preview, beside the form on wide screens and under it on small ones. */
export function DilemmaPreview({ html, pending }: { html: string | null; pending: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="preview dilemma-preview" aria-labelledby="preview-heading" aria-busy={pending}>
      <h2 id="preview-heading">{t("dilemmas.ask.previewHeading")}</h2>
      {html ? (
        <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
      ) : (
        <p className="meta">{t("dilemmas.ask.previewEmpty")}</p>
      )}
    </section>
  );
}
