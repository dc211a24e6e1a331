import { FieldErrors } from "~/components/FormFields";
import { MODERATION_LIMITS } from "~/moderation/schemas";

/**
 * The reason an organiser gives for a moderation action (hide, lock, suspend, …): one textarea
 * with its hint and, after a refusal, the message beside it and the typed text kept.
 */
export function ReasonField({
  id,
  label,
  hint,
  value,
  errors,
  optional = false,
}: {
  id: string;
  label: string;
  hint?: string;
  value?: string;
  /** Messages from the server; `null`/absent when the form was not refused. */
  errors?: string[] | null;
  optional?: boolean;
}) {
  const invalid = errors !== undefined && errors !== null;
  const describedBy = [hint ? `${id}-hint` : null, invalid ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name="reason"
        rows={3}
        required={!optional}
        maxLength={MODERATION_LIMITS.reasonMax}
        defaultValue={value}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {invalid ? <FieldErrors id={`${id}-error`} errors={errors} max={MODERATION_LIMITS.reasonMax} /> : null}
    </div>
  );
}
