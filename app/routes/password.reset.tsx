import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useLoaderData } from "react-router";
import { inspectResetLink, resetPassword } from "~/accounts/password-reset.server";
import { ResetPasswordSchema } from "~/accounts/schemas";
import { NoticePage, UnknownLinkPage } from "~/components/accounts/Notice";
import { FormErrors, TextField, useValidatedForm } from "~/components/FormFields";
import { useTranslation } from "~/components/use-translation";
import { requestInfo } from "~/web/context.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import { sessionCookie } from "~/web/session-cookie.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/password.reset";

// The link from the reset mail: choose a new password. Works once, for an hour; afterwards
// every other session of the member has ended and this browser is signed in.
export async function loader({ params }: Route.LoaderArgs) {
  return { state: await inspectResetLink(params.token) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: ResetPasswordSchema });
  if (submission.status !== "success") return invalidForm(submission, ["password"]);
  try {
    const result = await resetPassword(params.token, submission.value.password);
    if (result.state !== "valid") return { state: result.state };
    return redirect("/account?done=password-reset", {
      headers: { "Set-Cookie": sessionCookie(result.session.token, result.session.expiresAt, requestInfo(context).secureCookies) },
    });
  } catch (error) {
    return formFailure(submission, error, ["password"]);
  }
}

export default function ResetPassword({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { state: linkState } = useLoaderData<typeof loader>();
  const state = (actionData && "state" in actionData ? actionData.state : undefined) ?? linkState;
  const lastResult = actionData && "result" in actionData ? actionData.result : undefined;
  const [form, fields] = useValidatedForm({ id: "reset", schema: ResetPasswordSchema, lastResult });
  if (state === "unknown") return <UnknownLinkPage />;
  if (state === "expired") {
    return (
      <NoticePage title={t("accounts.reset.expiredTitle")} actions={[{ to: "/password/forgot", label: t("accounts.reset.again") }]}>
        <p>{t("accounts.reset.expired")}</p>
      </NoticePage>
    );
  }
  return (
    <div className="page narrow">
      <title>{`${t("accounts.reset.title")} · ${t("app.name")}`}</title>
      <h1>{t("accounts.reset.title")}</h1>
      <p>{t("accounts.reset.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField
          field={fields.password}
          type="password"
          label={t("accounts.reset.password")}
          hint={t("accounts.signup.passwordHint")}
          autoComplete="new-password"
        />
        <button type="submit" className="button">
          {t("accounts.reset.submit")}
        </button>
      </Form>
    </div>
  );
}
