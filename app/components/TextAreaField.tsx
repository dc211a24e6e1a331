import { getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { FieldErrors } from "./FormFields";

// A multi-line field in the house style of TextField (form.tsx): label above, optional hint,
// the error right beside it and linked with aria-describedby.
type TextAreaFieldProps = {
  field: FieldMetadata<string | undefined>;
  label: string;
  hint?: string;
  maxLength?: number;
  rows?: number;
  /** More ids that describe the field (the privacy guard's marks). */
  describedBy?: string;
};

export function TextAreaField({ field, label, hint, maxLength, rows = 6, describedBy }: TextAreaFieldProps) {
  const hintId = `${field.id}-hint`;
  const { key, ...props } = getTextareaProps(field, { ariaDescribedBy: [hint ? hintId : "", describedBy ?? ""].join(" ").trim() || undefined });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <textarea key={key} {...props} rows={rows} />
      <FieldErrors id={field.errorId} errors={field.errors} max={maxLength} />
    </div>
  );
}
