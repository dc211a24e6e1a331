import type { FieldMetadata } from "@conform-to/react";
import { fieldMaxLength } from "~/accounts/schemas";
import { TextField } from "~/components/FormFields";
import { useTranslation } from "~/components/use-translation";

type Field = FieldMetadata<string | undefined>;

// The fields of a new account, the same wherever one is made (sign-up, an invitation, the
// first admin's set-up): name, address (unless an invitation fixes it), password, organisation.
export function NewAccountFields({ fields }: { fields: { displayName: Field; email?: Field; password: Field; organisation: Field } }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        field={fields.displayName}
        label={t("signup.displayName")}
        hint={t("signup.displayNameHint")}
        autoComplete="name"
        maxLength={fieldMaxLength.displayName}
      />
      {fields.email ? (
        <TextField field={fields.email} type="email" label={t("signup.email")} hint={t("signup.emailHint")} autoComplete="email" />
      ) : null}
      <TextField
        field={fields.password}
        type="password"
        label={t("signup.password")}
        hint={t("accounts.signup.passwordHint")}
        autoComplete="new-password"
      />
      <TextField field={fields.organisation} label={t("signup.organisation")} autoComplete="organization" maxLength={fieldMaxLength.organisation} />
    </>
  );
}
