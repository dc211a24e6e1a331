import { useEffect, useReducer } from "react";
import { hasCatalogue, type Locale, loadCatalogue } from "~/platform/i18n";

/**
 * The language to render in: `locale` once its catalogue is here. The browser holds only its
 * page's language (decision 046); when a client-side login or logout brings another (a
 * member's saved choice), the page stays in the one it has until the other has come, a moment
 * later. If it cannot come, the page is loaded again and the server renders it.
 */
export function useLoadedLocale(locale: Locale): Locale {
  const [, rendered] = useReducer((n: number) => n + 1, 0);
  const ready = hasCatalogue(locale);
  useEffect(() => {
    if (!ready) loadCatalogue(locale).then(rendered, () => window.location.reload());
  }, [locale, ready]);
  if (ready) return locale;
  return locale === "nl" ? "en" : "nl";
}
