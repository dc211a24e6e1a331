import { absoluteUrl } from "~/platform/env.server";
import { composeMail, type Recipient } from "./compose.server";

/** After a reset or a change: so a member notices a change they did not make. */
export function passwordChangedMail(to: Recipient) {
  return composeMail(to, (t) => ({
    subject: t("accounts.mail.passwordChanged.subject"),
    blocks: [
      { paragraph: t("accounts.mail.passwordChanged.body") },
      { note: t("accounts.mail.passwordChanged.note", { url: absoluteUrl("/password/forgot") }) },
    ],
  }));
}
