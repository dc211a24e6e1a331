import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { getOwnAccount } from "~/accounts/accounts.server";
import { requestEmailChange } from "~/accounts/own-account.server";
import { ChangeEmailSchema } from "~/accounts/schemas";
import { NoticePage } from "~/components/accounts/Notice";
import { FormErrors, TextField, useValidatedForm } from "~/components/FormFields";
import { useTranslation } from "~/components/use-translation";
import { guardianOf } from "~/web/context.server";
import { actionHeaders, formFailure, invalidForm } from "~/web/form-failure.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/account.email";

export const headers = actionHeaders;
const LOGIN = `/login?redirectTo=${encodeURIComponent("/account/email")}`;

export async function loader({ context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (!guardian.canManageOwnAccount()) throw redirect(LOGIN);
  return { email: (await getOwnAccount(guardian)).email };
}

export async function action({ request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  if (!guardian.canManageOwnAccount()) throw redirect(LOGIN);
  const submission = parseWithZod(await readForm(request), { schema: ChangeEmailSchema });
  if (submission.status !== "success") return invalidForm(submission, ["password"]);
  try {
    await requestEmailChange(guardian, submission.value);
    return redirect(`/account/email?sent=${encodeURIComponent(submission.value.email)}`);
  } catch (error) {
    return formFailure(submission, error, ["password"]);
  }
}

export default function ChangeEmail() {
  const { t } = useTranslation();
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useValidatedForm({ id: "change-email", schema: ChangeEmailSchema, lastResult: actionData?.result });
  const sent = searchParams.get("sent");
  if (sent) {
    return (
      <NoticePage title={t("accounts.changeEmail.sentTitle")} actions={[{ to: "/account", label: t("account.title") }]}>
        <p className="alert alert--success" role="status">
          {t("accounts.changeEmail.sent", { email: sent })}
        </p>
      </NoticePage>
    );
  }
  return (
    <div className="page narrow">
      <title>{`${t("accounts.changeEmail.title")} · ${t("app.name")}`}</title>
      <h1>{t("accounts.changeEmail.title")}</h1>
      <p>{t("accounts.changeEmail.intro")}</p>
      <p>{t("accounts.changeEmail.current", { email })}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.email} type="email" label={t("accounts.changeEmail.email")} autoComplete="email" />
        <TextField
          field={fields.password}
          type="password"
          label={t("accounts.changeEmail.password")}
          hint={t("accounts.changeEmail.passwordHint")}
          autoComplete="current-password"
        />
        <button type="submit" className="button">
          {t("accounts.changeEmail.submit")}
        </button>
      </Form>
      <p>
        <Link to="/account">{t("account.title")}</Link>
      </p>
    </div>
  );
}
