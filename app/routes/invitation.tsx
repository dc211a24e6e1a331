import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useLoaderData } from "react-router";
import { NewMemberSchema } from "~/accounts/schemas";
import { acceptInvitation, inspectInvitation } from "~/circle/invitations.server";
import { ConsentField } from "~/components/accounts/ConsentField";
import { NewAccountFields } from "~/components/accounts/NewAccountFields";
import { NoticePage } from "~/components/accounts/Notice";
import { FormErrors, useValidatedForm } from "~/components/FormFields";
import { useTranslation } from "~/components/use-translation";
import { guardianOf, requestInfo, viewerInfo } from "~/web/context.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import { sessionCookie } from "~/web/session-cookie.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/invitation";

// The link from an invitation: the person chooses their name and password and is a member.
export async function loader({ params, context }: Route.LoaderArgs) {
  if (guardianOf(context).isMember) throw redirect("/account");
  return { invitation: await inspectInvitation(params.token) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  if (guardian.isMember) throw redirect("/account");
  const submission = parseWithZod(await readForm(request), { schema: NewMemberSchema });
  if (submission.status !== "success") return invalidForm(submission, ["password"]);
  try {
    const result = await acceptInvitation(guardian, params.token, { ...submission.value, locale: viewerInfo(context).locale });
    if (result.state === "valid") {
      return redirect("/account?welcome=1", {
        headers: { "Set-Cookie": sessionCookie(result.session.token, result.session.expiresAt, requestInfo(context).secureCookies) },
      });
    }
    return { outcome: result };
  } catch (error) {
    return formFailure(submission, error, ["password"]);
  }
}

export default function Invitation({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { invitation } = useLoaderData<typeof loader>();
  const outcome = actionData && "outcome" in actionData ? actionData.outcome : null;
  const lastResult = actionData && "result" in actionData ? actionData.result : undefined;
  const [form, fields] = useValidatedForm({ id: "accept", schema: NewMemberSchema, lastResult });
  if (outcome?.state === "member") {
    return (
      <NoticePage title={t("circle.accept.usedTitle")} actions={[{ to: "/login", label: t("accounts.link.login") }]}>
        <p>{t("circle.accept.haveAccount", { email: outcome.email })}</p>
      </NoticePage>
    );
  }
  const state = outcome?.state ?? invitation.state;
  if (state === "expired") {
    return (
      <NoticePage title={t("circle.accept.expiredTitle")}>
        <p>{t("circle.accept.expired")}</p>
      </NoticePage>
    );
  }
  if (state !== "valid" || invitation.state !== "valid") {
    return (
      <NoticePage title={t("circle.accept.usedTitle")} actions={[{ to: "/login", label: t("accounts.link.login") }]}>
        <p>{t("circle.accept.used")}</p>
      </NoticePage>
    );
  }
  return (
    <div className="page narrow">
      <title>{`${t("circle.accept.title")} · ${t("app.name")}`}</title>
      <h1>{t("circle.accept.title")}</h1>
      <p>{invitation.inviterName ? t("circle.accept.intro", { name: invitation.inviterName }) : t("circle.accept.introAnonymous")}</p>
      {invitation.message ? (
        <figure>
          <figcaption>{t("circle.accept.messageBy", { name: invitation.inviterName ?? "" })}</figcaption>
          <blockquote className="quote">{invitation.message}</blockquote>
        </figure>
      ) : null}
      <p>{t("circle.accept.email", { email: invitation.email })}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <NewAccountFields fields={fields} />
        <ConsentField field={fields.consent} />
        <button type="submit" className="button">
          {t("circle.accept.submit")}
        </button>
      </Form>
    </div>
  );
}
