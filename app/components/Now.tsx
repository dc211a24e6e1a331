import { createContext, startTransition, use, useEffect, useState } from "react";

// "Now" for relative times ("3 dagen geleden", decision 038). The server renders against the
// moment of its request, which the root loader hands to the page; the browser hydrates against
// that same moment (so the HTML matches, no hydration warning), then switches to its own clock
// and moves on each minute, so a page left open keeps saying the truth.

const NowContext = createContext<Date | null>(null);

const MINUTE = 60_000;

export function NowProvider({ serverNow, children }: { serverNow: string | null | undefined; children: React.ReactNode }) {
  const [now, setNow] = useState(() => (serverNow ? new Date(serverNow) : null));
  useEffect(() => {
    // In a transition: every relative time on the page renders again, and a transition lets
    // React do that in short slices instead of one long task just after hydration (048).
    const tick = () => startTransition(() => setNow(new Date()));
    tick();
    const timer = window.setInterval(tick, MINUTE);
    return () => window.clearInterval(timer);
  }, []);
  return <NowContext value={now}>{children}</NowContext>;
}

/** The moment relative times count from; null outside a page (a mail, a test): the date is shown. */
export function useNow(): Date | null {
  return use(NowContext);
}
