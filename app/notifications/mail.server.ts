import type { TFunction } from "i18next";
import { composeMail } from "~/accounts/mail/compose.server";
import { absoluteUrl } from "~/platform/env.server";
import type { Tx } from "~/platform/events/event";
import type { MailBlock } from "~/platform/mail-layout.server";
import type { MailGroup } from "./kinds";
import { NOTIFICATION_SETTINGS_PATH, unsubscribePath } from "./paths";
import type { NotificationView } from "./present.server";
import { replyAddress, replyByMailEnabled, type ReplyTarget } from "./reply-address.server";
import { unsubscribeToken, type UnsubscribeScope } from "./settings.server";

// The mails of notifications, in the member's language, plain text and HTML from the same
// blocks (decision 015). Every one ends with why it came, a link to the settings and a
// one-click unsubscribe link, also as RFC 8058 headers (List-Unsubscribe, -Post).

type Member = { id: number; displayName: string; locale: string };

/** One line saying what happened ("Anna reageerde op je dilemma …"). */
export function describe(t: TFunction, view: NotificationView): string {
  return t(`notifications.kind.${view.kind}`, { actor: view.actor ?? t("notifications.someone"), title: view.title });
}

export function notificationBlocks(t: TFunction, views: NotificationView[]): MailBlock[] {
  const blocks: MailBlock[] = [];
  for (const view of views) {
    blocks.push({ paragraph: describe(t, view) });
    if (view.excerpt) blocks.push({ quote: view.excerpt });
    blocks.push({ button: { label: t("notifications.mail.open"), url: absoluteUrl(view.href) } });
  }
  return blocks;
}

export async function unsubscribeHeaders(tx: Tx, userId: number, scope: UnsubscribeScope) {
  return unsubscribeLink(await unsubscribeToken(tx, userId, scope));
}

/** The one-click link of a signed token, as a URL for the body and as RFC 8058 headers. */
export function unsubscribeLink(token: string) {
  const url = absoluteUrl(unsubscribePath(token));
  return { url, headers: { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } };
}

export function footerBlocks(t: TFunction, why: string, unsubscribeUrl: string): MailBlock[] {
  return [
    { note: why },
    { note: t("notifications.mail.settings", { url: absoluteUrl(NOTIFICATION_SETTINGS_PATH) }) },
    { note: t("notifications.mail.unsubscribe", { url: unsubscribeUrl }) },
  ];
}

/** Kinds whose mail can be answered by mail: the answer joins that dilemma's thread. */
const ANSWERABLE = new Set(["reply", "mention", "new_dilemma"]);

/**
 * Where an answer to this mail goes (decision 028), or null when it cannot be answered: one
 * reply or dilemma, answered there; several in one thread, the thread itself.
 */
export function replyTargetOf(memberId: number, views: NotificationView[]): ReplyTarget | null {
  if (!replyByMailEnabled()) return null;
  const answerable = views.filter((v) => ANSWERABLE.has(v.kind) && v.dilemmaId !== null);
  const dilemmaId = answerable[0]?.dilemmaId;
  if (!dilemmaId || answerable.some((v) => v.dilemmaId !== dilemmaId)) return null;
  return { memberId, dilemmaId, parentId: answerable.length === 1 ? answerable[0]!.replyId : null };
}

/** At once: what happened in one thread since the last mail about it. */
export async function notificationMail(tx: Tx, member: Member, views: NotificationView[], group: MailGroup) {
  const { url, headers } = await unsubscribeHeaders(tx, member.id, group);
  const target = replyTargetOf(member.id, views);
  const content = composeMail({ name: member.displayName, locale: member.locale }, (t) => ({
    subject:
      views.length === 1 ? describe(t, views[0]!) : t("notifications.mail.manySubject", { count: views.length, title: views[0]!.title }),
    blocks: [
      ...notificationBlocks(t, views),
      ...(target ? [{ note: t("inbound.mail.replyHint") }] : []),
      ...footerBlocks(t, t(`notifications.mail.why.${group}`), url),
    ],
  }));
  return { ...content, headers: target ? { ...headers, "Reply-To": await replyAddress(target) } : headers };
}
