import type { TFunction } from "i18next";
import { absoluteUrl } from "~/platform/env.server";
import { createI18n, defaultLocale, isLocale, type Locale } from "~/platform/i18n";
import { layoutMail, type MailBlock, type MailContent } from "~/platform/mail-layout.server";

// What every message kind shares: the member's language (Dutch when unknown), the greeting,
// and the footer naming the site. A kind's module only says what it has to say:
//
//   export function resetPasswordMail(to: { name: string; locale: string }, link: string) {
//     return composeMail(to, (t) => ({ subject: t("…subject"), blocks: [{ paragraph: t("…body") }, …] }));
//   }

export type Recipient = { name?: string | null; locale?: string | null };
export type Composed = { subject: string; blocks: MailBlock[] };

export function composeMail(to: Recipient, build: (t: TFunction, locale: Locale) => Composed): MailContent & { locale: Locale } {
  const locale: Locale = isLocale(to.locale) ? to.locale : defaultLocale;
  const t = createI18n(locale).t;
  const { subject, blocks } = build(t, locale);
  return {
    locale,
    ...layoutMail({
      locale,
      subject,
      greeting: to.name ? t("accounts.mail.greeting", { name: to.name }) : undefined,
      blocks,
      footer: t("accounts.mail.footer", { url: absoluteUrl("/") }),
    }),
  };
}
