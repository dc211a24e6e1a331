import { composeMail, type Recipient } from "./compose.server";

/** To the new address: the link that makes it the member's address. */
export function changeEmailMail(to: Recipient, link: string) {
  return composeMail(to, (t) => ({
    subject: t("accounts.mail.changeEmail.subject"),
    blocks: [
      { paragraph: t("accounts.mail.changeEmail.body") },
      { button: { label: t("accounts.mail.changeEmail.button"), url: link } },
      { note: t("accounts.mail.changeEmail.note") },
    ],
  }));
}

/** To the new address when it has an account already (the form's answer was the same). */
export function changeEmailTakenMail(to: Recipient) {
  return composeMail(to, (t) => ({
    subject: t("accounts.mail.changeEmailTaken.subject"),
    blocks: [{ paragraph: t("accounts.mail.changeEmailTaken.body") }, { note: t("accounts.mail.changeEmailTaken.note") }],
  }));
}

/** To the old address once the change is made. */
export function emailChangedMail(to: Recipient, newEmail: string) {
  return composeMail(to, (t) => ({
    subject: t("accounts.mail.emailChanged.subject"),
    blocks: [{ paragraph: t("accounts.mail.emailChanged.body", { email: newEmail }) }, { note: t("accounts.mail.emailChanged.note") }],
  }));
}
