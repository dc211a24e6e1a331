import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useLoaderData } from "react-router";
import { SetUpAdminSchema } from "~/accounts/schemas";
import { inspectSetupLink, setUpFirstAdmin } from "~/circle/setup.server";
import { ConsentField } from "~/components/accounts/ConsentField";
import { NewAccountFields } from "~/components/accounts/NewAccountFields";
import { NoticePage } from "~/components/accounts/Notice";
import { FormErrors, useValidatedForm } from "~/components/FormFields";
import { useTranslation } from "~/components/use-translation";
import { guardianOf, requestInfo, viewerInfo } from "~/web/context.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import { sessionCookie } from "~/web/session-cookie.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/setup";

// The one-time link `npm start` prints while there is no admin: it makes the first one.
export async function loader({ params, context }: Route.LoaderArgs) {
  if (guardianOf(context).isMember) throw redirect("/account");
  return { state: await inspectSetupLink(params.token) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  if (guardian.isMember) throw redirect("/account");
  const submission = parseWithZod(await readForm(request), { schema: SetUpAdminSchema });
  if (submission.status !== "success") return invalidForm(submission, ["password"]);
  try {
    const result = await setUpFirstAdmin(guardian, params.token, { ...submission.value, locale: viewerInfo(context).locale });
    if (result.state !== "valid") return { state: result.state };
    return redirect("/circle/settings?done=setup", {
      headers: { "Set-Cookie": sessionCookie(result.session.token, result.session.expiresAt, requestInfo(context).secureCookies) },
    });
  } catch (error) {
    return formFailure(submission, error, ["password"]);
  }
}

export default function SetUp({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { state: linkState } = useLoaderData<typeof loader>();
  const state = (actionData && "state" in actionData ? actionData.state : undefined) ?? linkState;
  const lastResult = actionData && "result" in actionData ? actionData.result : undefined;
  const [form, fields] = useValidatedForm({ id: "setup", schema: SetUpAdminSchema, lastResult });
  if (state !== "valid") {
    return (
      <NoticePage title={t("circle.setup.doneTitle")} actions={[{ to: "/login", label: t("accounts.link.login") }]}>
        <p>{t("circle.setup.done")}</p>
      </NoticePage>
    );
  }
  return (
    <div className="page narrow">
      <title>{`${t("circle.setup.title")} · ${t("app.name")}`}</title>
      <h1>{t("circle.setup.title")}</h1>
      <p>{t("circle.setup.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <NewAccountFields fields={fields} />
        <ConsentField field={fields.consent} />
        <button type="submit" className="button">
          {t("circle.setup.submit")}
        </button>
      </Form>
    </div>
  );
}
