import type { i18n as I18n, TFunction } from "i18next";
import { useContext } from "react";
import { I18nContext } from "react-i18next";

// Our useTranslation. react-i18next's builds a new wrapper around `t` on every call (and
// subscribes to language events): a list of 20 dilemmas calls it about a hundred times, and
// the bench's profile put that at 13 % of the server's time per page. Our i18next instances
// never change language (one per locale, app/platform/i18n.ts; choosing another language
// loads the page again), so each instance's `t` is bound once and shared by every call.

export type Translation = { t: TFunction; i18n: I18n };

const bound = new WeakMap<I18n, Translation>();

export function useTranslation(): Translation {
  const { i18n } = useContext(I18nContext);
  let translation = bound.get(i18n);
  if (!translation) {
    translation = { t: i18n.t.bind(i18n) as TFunction, i18n };
    bound.set(i18n, translation);
  }
  return translation;
}
