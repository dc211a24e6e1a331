import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Trans } from "react-i18next";
import { useTranslation } from "~/components/use-translation";
import { Form, Link, redirect, useActionData, useSearchParams } from "react-router";
import { logIn } from "~/accounts/accounts.server";
import { LogInSchema } from "~/accounts/schemas";
import { FormErrors, TextField, useValidatedForm } from "~/components/FormFields";
import { guardianOf, requestInfo } from "~/web/context.server";
import { actionHeaders, formFailure, invalidForm, safeRedirect } from "~/web/form-failure.server";
import { deviceCookie, readDeviceToken, sessionCookie } from "~/web/session-cookie.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/login";

export const headers = actionHeaders;

export async function loader({ context, request }: Route.LoaderArgs) {
  if (!guardianOf(context).canLogIn()) {
    throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/account"));
  }
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: LogInSchema });
  if (submission.status !== "success") return invalidForm(submission, ["password"]);
  const { clientIp, secureCookies } = requestInfo(context);
  try {
    const session = await logIn(guardianOf(context), submission.value, { ip: clientIp, device: readDeviceToken(request) });
    const headers = new Headers({ "Set-Cookie": sessionCookie(session.token, session.expiresAt, secureCookies) });
    if (session.newDevice) headers.append("Set-Cookie", deviceCookie(session.newDevice.token, session.newDevice.expiresAt, secureCookies));
    return redirect(safeRedirect(submission.value.redirectTo, "/"), { headers });
  } catch (error) {
    return formFailure(submission, error, ["password"]);
  }
}

export default function LogIn() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const loggedOut = searchParams.get("loggedOut");
  const redirectTo = searchParams.get("redirectTo");
  const signupHref = redirectTo ? `/signup?redirectTo=${encodeURIComponent(redirectTo)}` : "/signup";
  const [form, fields] = useValidatedForm({ id: "login", schema: LogInSchema, lastResult: actionData?.result });
  return (
    <div className="page narrow">
      <title>{`${t("login.title")} · ${t("app.name")}`}</title>
      <h1>{t("login.title")}</h1>
      {loggedOut ? (
        <p className="alert alert--info" role="status">
          {loggedOut === "everywhere" ? t("login.loggedOutEverywhere") : t("login.loggedOut")}
        </p>
      ) : null}
      {searchParams.get("emailChanged") ? (
        <p className="alert alert--success" role="status">
          {t("accounts.changeEmail.done")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo ?? ""} />
        <TextField field={fields.email} type="email" label={t("login.email")} autoComplete="username" />
        <TextField
          field={fields.password}
          type="password"
          label={t("login.password")}
          autoComplete="current-password"
        />
        <button type="submit" className="button">
          {t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/password/forgot">{t("accounts.login.forgot")}</Link>
      </p>
      <p>
        <Trans i18nKey="login.noAccount" components={{ signupLink: <Link to={signupHref} /> }} />
      </p>
    </div>
  );
}
