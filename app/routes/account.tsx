import { useTranslation } from "~/components/use-translation";
import { Form, Link, redirect, useLoaderData, useSearchParams } from "react-router";
import { getOwnAccount, logOutEverywhere } from "~/accounts/accounts.server";
import { memberPath, PROFILE_EDIT_PATH } from "~/members/paths";
import { guardianOf, requestInfo } from "~/web/context.server";
import { clearSessionCookie } from "~/web/session-cookie.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/account";

export async function loader({ context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (!guardian.canManageOwnAccount()) throw redirect("/login?redirectTo=/account");
  return { account: await getOwnAccount(guardian) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  if (!guardian.canManageOwnAccount()) throw redirect("/login?redirectTo=/account");
  const intent = (await readForm(request)).get("intent");
  if (intent === "logout-everywhere") {
    await logOutEverywhere(guardian);
    return redirect("/login?loggedOut=everywhere", {
      headers: { "Set-Cookie": clearSessionCookie(requestInfo(context).secureCookies) },
    });
  }
  throw new Response(null, { status: 400 });
}

export default function Account() {
  const { t } = useTranslation();
  const { account } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const notices: Record<string, string> = {
    "welcome=1": t("accounts.welcome.active"),
    "welcome=pending": t("accounts.welcome.pending"),
    "done=password-reset": t("accounts.reset.done"),
    "done=password": t("accounts.changePassword.done"),
    "done=email": t("accounts.changeEmail.done"),
    "done=setup": t("circle.setup.welcome"),
  };
  const notice = [...searchParams].map(([k, v]) => notices[`${k}=${v}`]).find(Boolean);
  return (
    <div className="page narrow">
      <title>{`${t("account.title")} · ${t("app.name")}`}</title>
      <h1>{t("account.title")}</h1>
      {notice ? (
        <p className="alert alert--success" role="status">
          {notice}
        </p>
      ) : null}
      <p>{t("account.signedInAs", { name: account.displayName })}</p>
      <dl className="details">
        <dt>{t("account.email")}</dt>
        <dd>{account.email}</dd>
        {account.organisation ? (
          <>
            <dt>{t("account.organisation")}</dt>
            <dd>{account.organisation}</dd>
          </>
        ) : null}
        <dt>{t("account.role")}</dt>
        <dd>{t(`account.roles.${account.role}`)}</dd>
      </dl>
      <ul>
        <li>
          <Link to="/account/email">{t("accounts.account.changeEmail")}</Link>
        </li>
        <li>
          <Link to="/account/password">{t("accounts.account.changePassword")}</Link>
        </li>
        <li>
          <Link to={PROFILE_EDIT_PATH}>{t("members.profile.edit")}</Link>
        </li>
        <li>
          <Link to={memberPath(account)}>{t("members.edit.viewProfile")}</Link>
        </li>
        <li>
          <Link to="/account/data">{t("avg.data.title")}</Link>
        </li>
        <li>
          <Link to="/account/erase">{t("avg.erase.link")}</Link>
        </li>
      </ul>
      <h2>{t("account.logoutEverywhere")}</h2>
      <p>{t("account.sessions", { count: account.activeSessions })}</p>
      <p>{t("account.logoutEverywhereHint")}</p>
      <Form method="post">
        <button type="submit" name="intent" value="logout-everywhere" className="button button--secondary">
          {t("account.logoutEverywhere")}
        </button>
      </Form>
    </div>
  );
}
