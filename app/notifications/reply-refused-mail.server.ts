import { composeMail } from "~/accounts/mail/compose.server";
import { absoluteUrl } from "~/platform/env.server";
import type { MailBlock } from "~/platform/mail-layout.server";
import { REPLY_BODY_MAX } from "~/replies/schemas";
import { REPLY_ADDRESS_DAYS } from "./reply-address.server";

// The answer to a reply by mail that was not posted (decision 028): why, in the member's
// language, a button to the place on the website where they can post it, and their own text
// so nothing typed is lost. It goes to the member's own address only, never to the mail's
// sender (which anyone can forge), and is marked as automatic (RFC 3834) so no auto-reply
// answers it.

export const REFUSALS = ["expired", "inactive", "suspended", "consent", "otherSender", "locked", "gone", "empty", "tooLong", "tooFast", "privacy", "invalid"] as const;
export type Refusal = (typeof REFUSALS)[number];

export function replyRefusedMail(
  to: { displayName: string; locale: string },
  refusal: { why: Refusal; title: string | null; webPath: string | null; text: string; privacyKinds?: string[] },
) {
  const content = composeMail({ name: to.displayName, locale: to.locale }, (t) => {
    const kinds = (refusal.privacyKinds ?? []).map((k) => t(`privacyGuard.kind.${k}`)).join(", ");
    const blocks: MailBlock[] = [
      { paragraph: t("inbound.refused.intro") },
      { paragraph: t(`inbound.refused.why.${refusal.why}`, { days: REPLY_ADDRESS_DAYS, max: REPLY_BODY_MAX, kinds }) },
    ];
    if (refusal.webPath) blocks.push({ button: { label: t("inbound.refused.button"), url: absoluteUrl(refusal.webPath) } });
    if (refusal.text.trim()) blocks.push({ paragraph: t("inbound.refused.yourText") }, { quote: refusal.text });
    return {
      subject: refusal.title ? t("inbound.refused.subjectAbout", { title: refusal.title }) : t("inbound.refused.subject"),
      blocks,
    };
  });
  return { ...content, headers: { "Auto-Submitted": "auto-replied" } };
}
