import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "~/components/use-translation";
import { Link, useFetcher } from "react-router";
import type { ApiResponse } from "~/search/api.server";
import { SEARCH_API_PATH } from "~/search/params";

// Search as you type: an enhancement of a plain GET search form. After a short pause in typing
// it asks /api/search (the last word may be unfinished) and lists the first few results under
// the field as ordinary links, with a polite status line for screen readers. Without
// JavaScript none of this runs and the form submits as usual. Escape closes the list.

const DEBOUNCE_MS = 250;
const MIN_LENGTH = 2;
const LIMIT = 5;

export function useLiveResults(query: string, extraParams: string) {
  const fetcher = useFetcher<ApiResponse>();
  const { load } = fetcher;
  const q = query.trim();
  useEffect(() => {
    if (q.length < MIN_LENGTH) return;
    const timer = setTimeout(() => {
      const params = new URLSearchParams(extraParams);
      params.set("q", query);
      params.set("prefix", "1");
      params.set("limit", String(LIMIT));
      params.delete("page");
      void load(`${SEARCH_API_PATH}?${params.toString()}`);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q, query, extraParams, load]);
  const data = q.length >= MIN_LENGTH && fetcher.data && fetcher.data.query === query.replace(/\s+/g, " ").trim() ? fetcher.data : null;
  return data;
}

/** The input of a search form, with the live list beneath it when JavaScript runs. */
export function LiveSearchInput({
  id,
  name = "q",
  defaultValue,
  label,
  hint,
  labelHidden = false,
  placeholder,
  extraParams = "",
  allHref,
  className,
}: {
  id: string;
  name?: string;
  defaultValue: string;
  label: string;
  hint?: string;
  labelHidden?: boolean;
  /** Only where the label is hidden: says what the box is for to those who see it. */
  placeholder?: string;
  /** Filters to keep (a query string without q). */
  extraParams?: string;
  allHref: (q: string) => string;
  className?: string;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState(defaultValue);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const hintId = `${id}-hint`;
  const root = useRef<HTMLDivElement>(null);
  const data = useLiveResults(open ? query : "", extraParams);
  useEffect(() => setQuery(defaultValue), [defaultValue]);
  return (
    <div
      className={`live-search ${className ?? ""}`}
      ref={root}
      onKeyDown={(e) => {
        // Escape closes the list first (a search field would otherwise also clear the words).
        if (e.key === "Escape" && open && data) {
          e.preventDefault();
          setOpen(false);
        }
      }}
      onBlur={(e) => {
        if (!root.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <label htmlFor={id} className={labelHidden ? "visually-hidden" : undefined}>
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        type="search"
        name={name}
        defaultValue={defaultValue}
        maxLength={200}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        aria-describedby={hint ? hintId : undefined}
        aria-controls={data ? panelId : undefined}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setOpen(true);
        }}
      />
      {open && data ? (
        <div id={panelId} className="live-search__panel">
          <p className="live-search__status" role="status">
            {/* The count is the search page's for the words as typed (the link below leads
                there); the list may already show words the last one starts. */}
            {data.total === 0
              ? t(data.results.length > 0 ? "search.live.typeOn" : "search.live.none")
              : data.estimated.total
                ? t("search.live.countAbout", { count: data.total })
                : t("search.live.count", { count: data.total })}
          </p>
          {data.results.length > 0 ? (
            <ul className="live-search__list" aria-label={t("search.live.heading")}>
              {data.results.map((r) => (
                <li key={r.url}>
                  <Link to={r.url} onClick={() => setOpen(false)}>
                    {r.kind === "reply" ? t("search.results.replyOn", { title: r.title }) : r.title}
                  </Link>
                  <span className="live-search__kind"> · {t(`search.results.kind.${r.kind}`)}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <p className="live-search__all">
            <Link to={allHref(query)} onClick={() => setOpen(false)}>
              {t("search.live.all")}
            </Link>
          </p>
        </div>
      ) : null}
    </div>
  );
}
