import { useCallback, useEffect, useRef, useState } from "react";
import { useFetcher } from "react-router";

// What the ask and edit forms do while someone types, when JavaScript runs: the rendered
// preview of the text and the dilemmas that look like the title, each fetched a moment after
// the typing pauses. Without JavaScript the forms' "Voorbeeld bekijken" button does both.

const PAUSE_MS = 400;

export type SimilarItem = { id: number; title: string; path: string; status: "open" | "answered"; replyCount: number };

/** True once React runs in the browser: enhancements that need JavaScript show from then on. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

function useDebounced<A extends unknown[]>(run: (...args: A) => void): (...args: A) => void {
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback((...args: A) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(...args), PAUSE_MS);
  }, []);
}

/** The preview of a Markdown text, rendered by the server exactly as saving will. */
export function useLivePreview(initialHtml: string | null) {
  const fetcher = useFetcher<{ html: string }>({ key: "dilemma-preview" });
  const update = useDebounced((body: string) => {
    // The preview changes nothing on the server: no page data needs reloading afterwards.
    void fetcher.submit({ body }, { method: "post", action: "/dilemmas/preview", defaultShouldRevalidate: false });
  });
  return { html: fetcher.data?.html ?? initialHtml, pending: fetcher.state !== "idle", update };
}

/** Existing dilemmas whose title or text look like the title being typed. */
export function useSimilarDilemmas(initial: SimilarItem[] | null) {
  const fetcher = useFetcher<{ items: SimilarItem[] }>({ key: "dilemma-similar" });
  const update = useDebounced((title: string) => {
    void fetcher.load(`/dilemmas/similar?${new URLSearchParams({ title })}`);
  });
  return { items: fetcher.data?.items ?? initial, update };
}
