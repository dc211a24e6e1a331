import type { i18n as I18n, TFunction } from "i18next";
import { useContext } from "react";
import { I18nContext } from "react-i18next";

// Our useTranslation. react-i18next's builds a new wrapper around `t` on every call (and
// subscribes to language events): a list of 20 dilemmas calls it about a hundred times, and
// the bench's profile put that at 13 % of the server's time per page. Our i18next instances
// never change language (one per locale, app/platform/i18n.ts; choosing another language
// loads the page again) and their catalogues never change, so each instance gets one `t`,
// shared by every call, that remembers what it answered: a thread page asks for the same
// dozen labels for each of its replies, and i18next's lookup (key parsing, fallbacks,
// interpolation) cost 0.8 ms of a page's 7 ms (bench profile).

export type Translation = { t: TFunction; i18n: I18n };

const bound = new WeakMap<I18n, Translation>();

/** Answers with options (counts, names, dates) are remembered too, up to this many. */
const MAX_WITH_OPTIONS = 5_000;

/** i18n.t that remembers its answers (exported for its test). */
export function rememberingT(i18n: I18n): TFunction {
  const t = i18n.t.bind(i18n) as (key: unknown, options?: unknown) => unknown;
  const plain = new Map<string, unknown>();
  const withOptions = new Map<string, unknown>();
  return ((key: unknown, options?: unknown) => {
    if (typeof key !== "string") return t(key, options);
    if (options === undefined) {
      let value = plain.get(key);
      if (value === undefined) plain.set(key, (value = t(key)));
      return value;
    }
    if (typeof options !== "object" || options === null) return t(key, options);
    let id: string;
    try {
      id = `${key}\u0000${JSON.stringify(options)}`;
    } catch {
      return t(key, options); // not serialisable (a cycle, a BigInt): not remembered
    }
    const known = withOptions.get(id);
    if (known !== undefined) return known;
    const value = t(key, options);
    if (withOptions.size >= MAX_WITH_OPTIONS) withOptions.clear();
    withOptions.set(id, value);
    return value;
  }) as TFunction;
}

export function useTranslation(): Translation {
  const { i18n } = useContext(I18nContext);
  let translation = bound.get(i18n);
  if (!translation) {
    translation = { t: rememberingT(i18n), i18n };
    bound.set(i18n, translation);
  }
  return translation;
}
