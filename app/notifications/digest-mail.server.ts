import { composeMail } from "~/accounts/mail/compose.server";
import { dilemmaPath } from "~/dilemmas/paths";
import { meetingPath } from "~/meetings/paths";
import { absoluteUrl } from "~/platform/env.server";
import type { MailBlock } from "~/platform/mail-layout.server";
import type { CircleNews, Period } from "./digest-news.server";
import { describe, footerBlocks } from "./mail.server";
import type { NotificationView } from "./present.server";

// One member's digest mail, in their language, from what their digest found.

export type DigestContent = {
  notifications: NotificationView[];
  newDilemmas: { id: number; title: string }[];
  unanswered: { id: number; title: string }[];
  meeting: CircleNews["meeting"];
};

export function digestMail(member: { displayName: string; locale: string }, period: Period, content: DigestContent, unsubscribeUrl: string) {
  const { notifications, newDilemmas, unanswered, meeting } = content;
  return composeMail({ name: member.displayName, locale: member.locale }, (t, locale) => {
    const blocks: MailBlock[] = [];
    const links = (heading: string, items: { id: number; title: string }[]) => ({
      links: { heading, items: items.map((d) => ({ label: d.title, url: absoluteUrl(dilemmaPath(d)) })) },
    });
    if (notifications.length) {
      blocks.push({
        links: {
          heading: t("notifications.mail.digest.notifications"),
          items: notifications.map((n) => ({ label: describe(t, n), url: absoluteUrl(n.href), detail: n.excerpt ?? undefined })),
        },
      });
    }
    if (newDilemmas.length) blocks.push(links(t("notifications.mail.digest.newDilemmas"), newDilemmas));
    if (unanswered.length) blocks.push(links(t("notifications.mail.digest.unanswered"), unanswered));
    if (meeting) {
      const date = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "nl-NL", { dateStyle: "long", timeZone: "UTC" }).format(meeting.heldOn);
      blocks.push({ paragraph: t("notifications.mail.digest.nextMeeting", { title: meeting.title, date }) });
      blocks.push(
        meeting.dilemmas.length
          ? links(t("notifications.mail.digest.agenda"), meeting.dilemmas.map((i) => i.dilemma))
          : { paragraph: t("notifications.mail.digest.noAgenda") },
      );
      blocks.push({ button: { label: t("notifications.mail.open"), url: absoluteUrl(meetingPath(meeting)) } });
    }
    return {
      subject: t(`notifications.mail.digest.${period}Subject`),
      blocks: [...blocks, ...footerBlocks(t, t("notifications.mail.digest.why"), unsubscribeUrl)],
    };
  });
}
