import { absoluteUrl } from "~/platform/env.server";
import { composeMail, type Recipient } from "./compose.server";

export const JOIN_REQUESTS_PATH = "/circle/requests";

/** To organisers and admins: someone confirmed their address and waits for approval. */
export function joinRequestMail(to: Recipient, applicantName: string) {
  return composeMail(to, (t) => ({
    subject: t("circle.mail.joinRequest.subject"),
    blocks: [
      { paragraph: t("circle.mail.joinRequest.body", { name: applicantName }) },
      { button: { label: t("circle.mail.joinRequest.button"), url: absoluteUrl(JOIN_REQUESTS_PATH) } },
      { note: t("circle.mail.joinRequest.note") },
    ],
  }));
}

/** To the applicant: they are in. */
export function joinApprovedMail(to: Recipient, returnTo = "/") {
  return composeMail(to, (t) => ({
    subject: t("circle.mail.approved.subject"),
    blocks: [
      { paragraph: t("circle.mail.approved.body") },
      { button: { label: t("circle.mail.approved.button"), url: absoluteUrl(returnTo) } },
    ],
  }));
}

/** To the applicant: not admitted, their account is gone; the organiser's reason if they gave one. */
export function joinDeclinedMail(to: Recipient, reason: string | undefined) {
  return composeMail(to, (t) => ({
    subject: t("circle.mail.declined.subject"),
    blocks: [
      { paragraph: t("circle.mail.declined.body") },
      ...(reason ? [{ quote: reason, by: t("circle.mail.declined.reason") }] : []),
      { note: t("circle.mail.declined.note") },
    ],
  }));
}
