import { composeMail, type Recipient } from "./compose.server";

export function resetPasswordMail(to: Recipient, link: string) {
  return composeMail(to, (t) => ({
    subject: t("accounts.mail.resetPassword.subject"),
    blocks: [
      { paragraph: t("accounts.mail.resetPassword.body") },
      { button: { label: t("accounts.mail.resetPassword.button"), url: link } },
      { note: t("accounts.mail.resetPassword.note") },
    ],
  }));
}
