import { useEffect } from "react";

// Once React has hydrated the page, <html data-hydrated> says so: from then on its links, forms
// and buttons are the scripts' (client-side navigation, live previews, drafts), not only the
// browser's. The page's scripts start after its first paint (decision 051), so a member (or a
// browser walk) can act on a page well before it comes alive; the walks wait for this mark
// before they test what JavaScript does (tests/e2e/fixtures.ts, waitForHydration). Used in the
// root layout: a parent's effects run after all of its children's, once the first render of
// the whole page is committed.
export function useHydrationMark(): void {
  useEffect(() => document.documentElement.setAttribute("data-hydrated", ""), []);
}
