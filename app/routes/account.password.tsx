import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, redirect, useActionData } from "react-router";
import { changePassword } from "~/accounts/own-account.server";
import { ChangePasswordSchema } from "~/accounts/schemas";
import { FormErrors, TextField, useValidatedForm } from "~/components/FormFields";
import { useTranslation } from "~/components/use-translation";
import { guardianOf, viewerInfo } from "~/web/context.server";
import { actionHeaders, formFailure, invalidForm } from "~/web/form-failure.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/account.password";

export const headers = actionHeaders;
const LOGIN = `/login?redirectTo=${encodeURIComponent("/account/password")}`;

export async function loader({ context }: Route.LoaderArgs) {
  if (!guardianOf(context).canManageOwnAccount()) throw redirect(LOGIN);
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  if (!guardian.canManageOwnAccount()) throw redirect(LOGIN);
  const submission = parseWithZod(await readForm(request), { schema: ChangePasswordSchema });
  const hide = ["currentPassword", "newPassword"];
  if (submission.status !== "success") return invalidForm(submission, hide);
  try {
    await changePassword(guardian, submission.value, viewerInfo(context).sessionId);
    return redirect("/account?done=password");
  } catch (error) {
    return formFailure(submission, error, hide);
  }
}

export default function ChangePassword() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useValidatedForm({ id: "change-password", schema: ChangePasswordSchema, lastResult: actionData?.result });
  return (
    <div className="page narrow">
      <title>{`${t("accounts.changePassword.title")} · ${t("app.name")}`}</title>
      <h1>{t("accounts.changePassword.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.currentPassword} type="password" label={t("accounts.changePassword.current")} autoComplete="current-password" />
        <TextField
          field={fields.newPassword}
          type="password"
          label={t("accounts.changePassword.next")}
          hint={t("accounts.signup.passwordHint")}
          autoComplete="new-password"
        />
        <button type="submit" className="button">
          {t("accounts.changePassword.submit")}
        </button>
      </Form>
      <p>
        <Link to="/account">{t("account.title")}</Link>
      </p>
    </div>
  );
}
