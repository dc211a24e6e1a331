import { composeMail, type Recipient } from "./compose.server";

/** After sign-up: the link that confirms the address (and finishes the sign-up). */
export function confirmSignupMail(to: Recipient, link: string) {
  return composeMail(to, (t) => ({
    subject: t("accounts.mail.confirmSignup.subject"),
    blocks: [
      { paragraph: t("accounts.mail.confirmSignup.body") },
      { button: { label: t("accounts.mail.confirmSignup.button"), url: link } },
      { note: t("accounts.mail.confirmSignup.note") },
    ],
  }));
}
