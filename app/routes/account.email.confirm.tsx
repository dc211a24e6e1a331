import { Form, redirect, useLoaderData } from "react-router";
import { confirmEmailChange, inspectEmailChangeLink } from "~/accounts/own-account.server";
import { NoticePage, UnknownLinkPage } from "~/components/accounts/Notice";
import { useTranslation } from "~/components/use-translation";
import { guardianOf } from "~/web/context.server";
import type { Route } from "./+types/account.email.confirm";

// The link from the mail to the new address. As every link from a mail: opening it changes
// nothing, the button does.
export async function loader({ params }: Route.LoaderArgs) {
  return await inspectEmailChangeLink(params.token);
}

export async function action({ params, context }: Route.ActionArgs) {
  const result = await confirmEmailChange(params.token);
  if (result.state !== "valid") return { state: result.state };
  return redirect(guardianOf(context).isMember ? "/account?done=email" : "/login?emailChanged=1");
}

export default function ConfirmEmailChange({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const link = useLoaderData<typeof loader>();
  const state = actionData?.state ?? link.state;
  if (state === "unknown") return <UnknownLinkPage />;
  if (state === "expired" || state === "taken") {
    return (
      <NoticePage title={t("accounts.changeEmail.title")} actions={[{ to: "/account/email", label: t("accounts.account.changeEmail") }]}>
        <p>{state === "taken" ? t("accounts.changeEmail.taken") : t("accounts.changeEmail.expired")}</p>
      </NoticePage>
    );
  }
  return (
    <NoticePage title={t("accounts.changeEmail.confirmTitle")}>
      <p>{t("accounts.changeEmail.confirmIntro", { email: link.email })}</p>
      <Form method="post">
        <button type="submit" className="button">
          {t("accounts.changeEmail.confirmSubmit")}
        </button>
      </Form>
    </NoticePage>
  );
}
