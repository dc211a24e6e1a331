import { Form, redirect, useLoaderData } from "react-router";
import { confirmSignUp, inspectSignUpLink } from "~/accounts/signup.server";
import { NoticePage, UnknownLinkPage } from "~/components/accounts/Notice";
import { useTranslation } from "~/components/use-translation";
import { guardianOf, requestInfo } from "~/web/context.server";
import { safeRedirect } from "~/web/form-failure.server";
import { sessionCookie } from "~/web/session-cookie.server";
import type { Route } from "./+types/signup.confirm";

// The link from the confirmation mail. Opening it changes nothing (mail scanners open links
// too); the button does: the address is confirmed and the member signed in.
export async function loader({ params, context }: Route.LoaderArgs) {
  if (!guardianOf(context).canSignUp()) throw redirect("/account");
  return { state: await inspectSignUpLink(params.token) };
}

export async function action({ params, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  if (!guardian.canSignUp()) throw redirect("/account");
  const result = await confirmSignUp(guardian, params.token);
  if (result.state !== "valid") return { state: result.state };
  const to = result.status === "pending" ? "/account?welcome=pending" : safeRedirect(result.returnTo, "/account?welcome=1");
  return redirect(to, { headers: { "Set-Cookie": sessionCookie(result.session.token, result.session.expiresAt, requestInfo(context).secureCookies) } });
}

export default function ConfirmSignUp({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { state: linkState } = useLoaderData<typeof loader>();
  const state = actionData?.state ?? linkState;
  if (state === "unknown") return <UnknownLinkPage />;
  if (state === "expired") {
    return (
      <NoticePage title={t("accounts.signup.expiredTitle")} actions={[{ to: "/signup", label: t("accounts.signup.expiredAction") }]}>
        <p>{t("accounts.signup.expired")}</p>
      </NoticePage>
    );
  }
  return (
    <NoticePage title={t("accounts.signup.confirmTitle")}>
      <p>{t("accounts.signup.confirmIntro")}</p>
      <Form method="post">
        <button type="submit" className="button">
          {t("accounts.signup.confirmSubmit")}
        </button>
      </Form>
    </NoticePage>
  );
}
