import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Trans } from "react-i18next";
import { useTranslation } from "~/components/use-translation";
import { Form, Link, redirect, useActionData } from "react-router";
import { signUp } from "~/accounts/accounts.server";
import { SignUpSchema, fieldMaxLength } from "~/accounts/schemas";
import { FieldErrors, FormErrors, TextField, useValidatedForm } from "~/components/form";
import { guardianOf, requestInfo } from "~/web/context.server";
import { actionHeaders, formFailure, invalidForm } from "~/web/form-failure.server";
import { sessionCookie } from "~/web/session-cookie.server";
import type { Route } from "./+types/signup";

export const headers = actionHeaders;

export async function loader({ context }: Route.LoaderArgs) {
  if (!guardianOf(context).canSignUp()) throw redirect("/account");
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: SignUpSchema });
  if (submission.status !== "success") return invalidForm(submission, ["password"]);
  const { clientIp, secureCookies } = requestInfo(context);
  try {
    const session = await signUp(guardianOf(context), submission.value, { ip: clientIp });
    return redirect("/account?welcome=1", {
      headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt, secureCookies) },
    });
  } catch (error) {
    return formFailure(submission, error, ["password"]);
  }
}

export default function SignUp() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useValidatedForm({ id: "signup", schema: SignUpSchema, lastResult: actionData?.result });
  const consentProps = getInputProps(fields.consent, { type: "checkbox" });
  return (
    <div className="page narrow">
      <title>{`${t("signup.title")} · ${t("app.name")}`}</title>
      <h1>{t("signup.title")}</h1>
      <p>{t("signup.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField
          field={fields.displayName}
          label={t("signup.displayName")}
          hint={t("signup.displayNameHint")}
          autoComplete="name"
          maxLength={fieldMaxLength.displayName}
        />
        <TextField
          field={fields.email}
          type="email"
          label={t("signup.email")}
          hint={t("signup.emailHint")}
          autoComplete="email"
        />
        <TextField
          field={fields.password}
          type="password"
          label={t("signup.password")}
          hint={t("signup.passwordHint")}
          autoComplete="new-password"
        />
        <TextField
          field={fields.organisation}
          label={t("signup.organisation")}
          autoComplete="organization"
          maxLength={fieldMaxLength.organisation}
        />
        <div className="field field--checkbox">
          <input type="hidden" name={fields.consent.name} value="off" />
          <input
            {...consentProps}
            key={consentProps.key}
            defaultChecked={[fields.consent.initialValue ?? []].flat().includes("on")}
          />
          <label htmlFor={fields.consent.id}>
            <Trans i18nKey="signup.consent" components={{ privacyLink: <Link to="/privacy" target="_blank" /> }} />
          </label>
          <FieldErrors id={fields.consent.errorId} errors={fields.consent.errors} />
        </div>
        <button type="submit" className="button">
          {t("signup.submit")}
        </button>
      </Form>
      <p>
        <Trans i18nKey="signup.haveAccount" components={{ loginLink: <Link to="/login" /> }} />
      </p>
    </div>
  );
}
