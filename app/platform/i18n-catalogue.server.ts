// The catalogue a browser fetches for its page's language (decision 046): JSON, made once per
// process, with a version (a hash of its content) in the address the page names, so a browser
// keeps it until a new release changes it.
import { createHash } from "node:crypto";
import { catalogueOf, type Locale } from "./i18n";

const served = new Map<Locale, { json: string; version: string }>();

export function servedCatalogue(locale: Locale): { json: string; version: string } {
  let entry = served.get(locale);
  if (!entry) {
    const json = JSON.stringify(catalogueOf(locale));
    entry = { json, version: createHash("sha256").update(json).digest("hex").slice(0, 12) };
    served.set(locale, entry);
  }
  return entry;
}

/** The address a page of this language names for its catalogue. */
export function catalogueHref(locale: Locale): string {
  return `/i18n/${locale}.json?v=${servedCatalogue(locale).version}`;
}
