import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";

// Shared by server and browser. The server holds both catalogues from the start; the browser
// gets only its page's language (decision 046): as JSON from /i18n/<locale>.json, fetched by
// entry.client.tsx before it hydrates, so the page never shows a key or the other language, and
// a Dutch page's scripts carry no English (and the reverse). The server picks the language per
// request (i18n-request.server.ts) and writes it into <html lang>; the browser reads it there.
export const locales = ["nl", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "nl";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export type Catalogue = Record<string, unknown>;
const catalogues = new Map<Locale, Catalogue>();

export function hasCatalogue(locale: Locale): boolean {
  return catalogues.has(locale);
}

/** The catalogue of a language, when this process has it. */
export function catalogueOf(locale: Locale): Catalogue | undefined {
  return catalogues.get(locale);
}

/** The browser: a catalogue it fetched (entry.client.tsx, useLoadedLocale). */
export function registerCatalogue(locale: Locale, catalogue: Catalogue): void {
  catalogues.set(locale, catalogue);
}

/** Loads a language's catalogue once: the server from its module, the browser from /i18n/<locale>.json. */
export async function loadCatalogue(locale: Locale, href = `/i18n/${locale}.json`): Promise<void> {
  if (catalogues.has(locale)) return;
  if (typeof document === "undefined") {
    const module = locale === "en" ? await import("~/locales/en") : await import("~/locales/nl");
    catalogues.set(locale, module.default as Catalogue);
    return;
  }
  const response = await fetch(href);
  if (!response.ok) throw new Error(`${href} answered ${response.status}`);
  catalogues.set(locale, (await response.json()) as Catalogue);
}

// The server (and every script and test, which run without a document) has both, before any
// module that imports this one runs.
if (typeof document === "undefined") await Promise.all(locales.map((locale) => loadCatalogue(locale)));

// One instance per language, made on first use: the catalogues are static and nothing ever
// changes an instance's language, so requests can share them (a new instance per request was
// measurable in the bench).
const instances = new Map<Locale, i18n>();

export function createI18n(locale: Locale): i18n {
  const cached = instances.get(locale);
  if (cached) return cached;
  if (!catalogues.has(locale)) throw new Error(`the ${locale} catalogue is not loaded: loadCatalogue("${locale}") first`);
  const instance = i18next.createInstance();
  instances.set(locale, instance);
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: defaultLocale,
    resources: Object.fromEntries([...catalogues].map(([lng, translation]) => [lng, { translation }])),
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    // Said out loud, so i18next does not test every key for looking like a sentence (a
    // hydrating page looks up a few hundred keys, decision 048); no key of ours has a namespace.
    keySeparator: ".",
    nsSeparator: false,
  });
  instance.services.formatter?.add("number", formatNumber);
  return instance;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * `{{count, number}}`. A small whole number is written the same in both languages, without
 * Intl: the browser's first Intl.NumberFormat loads locale data, tens of milliseconds of a
 * hydrating page's main thread (decision 048), for "3 reacties". Larger ones ("1.000",
 * "1,000") go through Intl, one formatter per language.
 */
export function formatNumber(value: unknown, lng: string | undefined): string {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value < 1000) return String(value);
  const tag = lng ?? defaultLocale;
  let format = numberFormats.get(tag);
  if (!format) numberFormats.set(tag, (format = new Intl.NumberFormat(tag)));
  return format.format(value as number);
}
