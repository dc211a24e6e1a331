import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Trans } from "react-i18next";
import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { getJoinMode } from "~/accounts/join-mode.server";
import { SignUpSchema, fieldMaxLength } from "~/accounts/schemas";
import { signUp } from "~/accounts/signup.server";
import { ConsentField } from "~/components/accounts/ConsentField";
import { NewAccountFields } from "~/components/accounts/NewAccountFields";
import { FormErrors, useValidatedForm } from "~/components/FormFields";
import { TextAreaField } from "~/components/TextAreaField";
import { useTranslation } from "~/components/use-translation";
import { guardianOf, requestInfo, viewerInfo } from "~/web/context.server";
import { actionHeaders, formFailure, invalidForm, safeRedirect } from "~/web/form-failure.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/signup";

export const headers = actionHeaders;

export async function loader({ context, request }: Route.LoaderArgs) {
  if (!guardianOf(context).canSignUp()) throw redirect("/account");
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "");
  return { joinMode: await getJoinMode(), redirectTo };
}

export async function action({ request, context }: Route.ActionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: SignUpSchema });
  if (submission.status !== "success") return invalidForm(submission, ["password"]);
  try {
    await signUp(guardianOf(context), { ...submission.value, locale: viewerInfo(context).locale }, { ip: requestInfo(context).clientIp });
    // The same page whether the address is new or has an account (its owner gets a mail).
    return redirect("/signup/sent");
  } catch (error) {
    return formFailure(submission, error, ["password"]);
  }
}

export default function SignUp() {
  const { t } = useTranslation();
  const { joinMode, redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useValidatedForm({ id: "signup", schema: SignUpSchema, lastResult: actionData?.result });
  const loginHref = redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : "/login";
  if (joinMode === "invitation") {
    return (
      <div className="page narrow">
        <title>{`${t("accounts.signup.invitationOnlyTitle")} · ${t("app.name")}`}</title>
        <h1>{t("accounts.signup.invitationOnlyTitle")}</h1>
        <p>{t("accounts.signup.invitationOnly")}</p>
        <p>
          <Trans i18nKey="signup.haveAccount" components={{ loginLink: <Link to={loginHref} /> }} />
        </p>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <title>{`${t("signup.title")} · ${t("app.name")}`}</title>
      <h1>{t("signup.title")}</h1>
      <p>{joinMode === "approval" ? t("accounts.signup.introApproval") : t("accounts.signup.introOpen")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <NewAccountFields fields={fields} />
        {joinMode === "approval" ? (
          <TextAreaField
            field={fields.motivation}
            label={t("accounts.signup.motivation")}
            hint={t("accounts.signup.motivationHint")}
            maxLength={fieldMaxLength.motivation}
            rows={4}
          />
        ) : null}
        <ConsentField field={fields.consent} />
        <button type="submit" className="button">
          {t("signup.submit")}
        </button>
      </Form>
      <p>
        <Trans i18nKey="signup.haveAccount" components={{ loginLink: <Link to={loginHref} /> }} />
      </p>
    </div>
  );
}

