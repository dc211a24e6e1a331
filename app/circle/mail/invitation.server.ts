import { composeMail, type Recipient } from "~/accounts/mail/compose.server";

/** An invitation: who invites (when known), their personal message, and the link. */
export function invitationMail(to: Recipient, invite: { inviterName: string | null; message: string | null; link: string }) {
  return composeMail(to, (t) => ({
    subject: invite.inviterName
      ? t("circle.mail.invitation.subject", { name: invite.inviterName })
      : t("circle.mail.invitation.subjectAnonymous"),
    blocks: [
      { paragraph: t("circle.mail.invitation.body") },
      ...(invite.message
        ? [{ quote: invite.message, by: t("circle.mail.invitation.messageBy", { name: invite.inviterName ?? "" }) }]
        : []),
      { button: { label: t("circle.mail.invitation.button"), url: invite.link } },
      { note: t("circle.mail.invitation.note") },
    ],
  }));
}
