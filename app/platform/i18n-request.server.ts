import { defaultLocale, isLocale, type Locale } from "./i18n";

// Which language a request gets: an explicit choice (cookie, set by the language form) wins,
// then the member's saved locale, then the browser's Accept-Language, then Dutch.
export const LOCALE_COOKIE = "kk_lang";

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("Cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== name) continue;
    // A cookie is whatever the browser (or anyone) sends: bad percent-encoding must not make
    // every page of this browser a 500 until the cookie is cleared. Unreadable is absent.
    try {
      return decodeURIComponent(v.join("="));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function localeFromAcceptLanguage(header: string | null): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { lang: (tag ?? "").toLowerCase().split("-")[0], q: q ? Number(q.split("=")[1]) : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.lang).find(isLocale);
}

export function resolveLocale(request: Request, memberLocale?: string | null): Locale {
  const chosen = readCookie(request, LOCALE_COOKIE);
  if (isLocale(chosen)) return chosen;
  if (isLocale(memberLocale)) return memberLocale;
  return localeFromAcceptLanguage(request.headers.get("Accept-Language")) ?? defaultLocale;
}
