import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import en from "~/locales/en";
import nl from "~/locales/nl";

// Shared by server and browser: both catalogues are small, so they ship in the bundle and the
// browser never waits for a translation file. The server picks the language per request
// (i18n-request.server.ts) and the browser hydrates with the same one.
export const locales = ["nl", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "nl";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export const resources = { nl: { translation: nl }, en: { translation: en } } as const;

// One instance per language, made on first use: the catalogues are static and nothing ever
// changes an instance's language, so requests can share them (a new instance per request was
// measurable in the bench).
const instances = new Map<Locale, i18n>();

export function createI18n(locale: Locale): i18n {
  const cached = instances.get(locale);
  if (cached) return cached;
  const instance = i18next.createInstance();
  instances.set(locale, instance);
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: defaultLocale,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return instance;
}
