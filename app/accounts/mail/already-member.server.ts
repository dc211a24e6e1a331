import { absoluteUrl } from "~/platform/env.server";
import { composeMail, type Recipient } from "./compose.server";

/**
 * Someone signed up with an address that has an account: its owner hears it (the form gave the
 * same answer as for a new address, so nobody learns which addresses have accounts).
 */
export function alreadyMemberMail(to: Recipient) {
  return composeMail(to, (t) => ({
    subject: t("accounts.mail.alreadyMember.subject"),
    blocks: [
      { paragraph: t("accounts.mail.alreadyMember.body") },
      { button: { label: t("accounts.mail.alreadyMember.button"), url: absoluteUrl("/login") } },
      { paragraph: t("accounts.mail.alreadyMember.forgot", { url: absoluteUrl("/password/forgot") }) },
      { note: t("accounts.mail.alreadyMember.note") },
    ],
  }));
}
