import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, redirect, useActionData, useSearchParams } from "react-router";
import { requestPasswordReset } from "~/accounts/password-reset.server";
import { ForgotPasswordSchema } from "~/accounts/schemas";
import { FormErrors, TextField, useValidatedForm } from "~/components/FormFields";
import { useTranslation } from "~/components/use-translation";
import { guardianOf, requestInfo } from "~/web/context.server";
import { actionHeaders, formFailure, invalidForm } from "~/web/form-failure.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/password.forgot";

export const headers = actionHeaders;

export async function loader({ context }: Route.LoaderArgs) {
  if (!guardianOf(context).canLogIn()) throw redirect("/account/password");
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return invalidForm(submission);
  try {
    await requestPasswordReset(guardianOf(context), submission.value.email, { ip: requestInfo(context).clientIp });
    // The same answer whether or not the address has an account.
    return redirect("/password/forgot?sent=1");
  } catch (error) {
    return formFailure(submission, error);
  }
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useValidatedForm({ id: "forgot", schema: ForgotPasswordSchema, lastResult: actionData?.result });
  return (
    <div className="page narrow">
      <title>{`${t("accounts.forgot.title")} · ${t("app.name")}`}</title>
      <h1>{t("accounts.forgot.title")}</h1>
      {searchParams.get("sent") ? (
        <p className="alert alert--success" role="status">
          {t("accounts.forgot.sent")}
        </p>
      ) : (
        <>
          <p>{t("accounts.forgot.intro")}</p>
          <Form method="post" {...getFormProps(form)} className="stack">
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField field={fields.email} type="email" label={t("accounts.forgot.email")} autoComplete="email" />
            <button type="submit" className="button">
              {t("accounts.forgot.submit")}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/login">{t("accounts.forgot.back")}</Link>
      </p>
    </div>
  );
}
