import { getInputProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { Trans } from "react-i18next";
import { useTranslation } from "~/components/use-translation";
import { Link } from "react-router";

// Form parts shared by every form: a label above the field, an optional hint, and the error
// right beside the field, linked with aria-describedby so screen readers announce it.
// Error messages arrive as i18n keys, optionally with parameters: "errors.rateLimited?minutes=3".

const linkComponents = {
  loginLink: <Link to="/login" />,
  signupLink: <Link to="/signup" />,
  privacyLink: <Link to="/privacy" />,
};

export function Message({ message, max }: { message: string; max?: number }) {
  const [key, query] = message.split("?");
  const params: Record<string, string | number> = Object.fromEntries(new URLSearchParams(query ?? ""));
  if (max !== undefined) params.max = max;
  // i18next picks a plural form only for a number.
  if (typeof params.count === "string" && /^\d+$/.test(params.count)) params.count = Number(params.count);
  return <Trans i18nKey={key} values={params} components={linkComponents} />;
}

export function FieldErrors({ id, errors, max }: { id: string; errors?: string[]; max?: number }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div id={id} className="field__error">
      {errors.map((e) => (
        <p key={e}>
          <span className="visually-hidden">{t("errors.prefix")} </span>
          <Message message={e} max={max} />
        </p>
      ))}
    </div>
  );
}

type TextFieldProps = {
  field: FieldMetadata<string | undefined>;
  label: string;
  hint?: string;
  type?: "text" | "email" | "password" | "url" | "search";
  autoComplete: string;
  maxLength?: number;
};

export function TextField({ field, label, hint, type = "text", autoComplete, maxLength }: TextFieldProps) {
  const hintId = `${field.id}-hint`;
  const props = getInputProps(field, { type, ariaDescribedBy: hint ? hintId : undefined });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input
        {...props}
        // Passwords are never echoed back into the page.
        defaultValue={type === "password" ? undefined : props.defaultValue}
        autoComplete={autoComplete}
        spellCheck={type === "text" ? undefined : false}
      />
      <FieldErrors id={field.errorId} errors={field.errors} max={maxLength} />
    </div>
  );
}

/** Errors that belong to the whole form (wrong password, too many attempts). */
export function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return <div id={id} />;
  return (
    <div id={id} className="alert alert--error" role="alert">
      <span className="visually-hidden">{t("errors.attention")} </span>
      {errors.map((e) => (
        <p key={e}>
          <Message message={e} />
        </p>
      ))}
    </div>
  );
}

/**
 * Conform's useForm as every form here uses it: the same Zod schema checks in the browser and
 * on the server; messages appear on submit and then update as the member corrects. (Validating
 * on blur moves the submit button between mouse-down and mouse-up, and the click is lost.)
 */
export function useValidatedForm<Schema extends z.ZodObject>(options: {
  id: string;
  schema: Schema;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, unknown>;
}) {
  const { id, schema, lastResult, defaultValue } = options;
  return useForm<z.input<Schema>, z.output<Schema>, string[]>({
    id,
    lastResult,
    defaultValue: defaultValue as never,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}
