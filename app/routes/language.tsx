import { redirect } from "react-router";
import { setOwnLocale } from "~/accounts/accounts.server";
import { isLocale } from "~/platform/i18n";
import { LOCALE_COOKIE } from "~/platform/i18n-request.server";
import { guardianOf } from "~/web/context.server";
import { safeRedirect } from "~/web/form-failure.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/language";

// The language form in the footer posts here. A cookie remembers the choice for visitors; a
// member's choice is also saved on their account, so it follows them to other devices.
export async function action({ request, context }: Route.ActionArgs) {
  const form = await readForm(request);
  const locale = form.get("locale");
  const back = safeRedirect(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(back);
  const guardian = guardianOf(context);
  if (guardian.canManageOwnAccount()) await setOwnLocale(guardian, locale);
  return redirect(back, {
    headers: { "Set-Cookie": `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax` },
  });
}

export async function loader() {
  return redirect("/");
}
