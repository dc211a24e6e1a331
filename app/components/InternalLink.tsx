import { useEffect, type ComponentProps } from "react";
import { useNavigate } from "react-router";

// A link to a page of this site. It renders a plain <a>, and one listener on the document
// (<ClientNavigation />, in the root layout) turns a click on it into a client-side navigation,
// as React Router's <Link> does per link. Why not <Link>: every <Link> resolves its path and
// subscribes to the router while the server renders it, ≈5 KB of garbage and several hooks
// each, and a list or thread page has about a hundred links (decision 010). Without
// JavaScript, or with a modifier key, the browser simply follows the href.

export type InternalLinkProps = Omit<ComponentProps<"a">, "href"> & {
  /** A path of this site ("/dilemmas/12/titel"), or a query or fragment of this page ("?question=…#raise"). */
  to: string;
  /** Keep the scroll position after the navigation (as <Link preventScrollReset>). */
  preventScrollReset?: boolean;
};

export function InternalLink({ to, preventScrollReset, ...rest }: InternalLinkProps) {
  // No data-discover: the browser gets the whole route manifest up front (react-router.config.ts).
  return <a {...rest} href={to} data-client-nav={preventScrollReset ? KEEP_SCROLL : ""} />;
}

const KEEP_SCROLL = "keep-scroll";

export type LinkClick = Pick<MouseEvent, "button" | "metaKey" | "altKey" | "ctrlKey" | "shiftKey" | "defaultPrevented">;
export type ClickedLink = {
  /** The resolved, absolute URL (HTMLAnchorElement.href). */
  href: string;
  target: string;
  download: boolean;
  keepScroll: boolean;
};
export type ClientNavigationStep = { to: string; replace: boolean; preventScrollReset: boolean };

/**
 * What a click on an internal link should do in the browser: a client-side navigation, or
 * null to leave it to the browser (another button or a modifier key: new tab or window; a
 * target or download; another origin; or a handler that already took the click). Like
 * <Link>, following a link to the very page shown replaces its history entry.
 */
export function clientNavigationStep(click: LinkClick, link: ClickedLink, here: { href: string }): ClientNavigationStep | null {
  if (click.defaultPrevented || click.button !== 0) return null;
  if (click.metaKey || click.altKey || click.ctrlKey || click.shiftKey) return null;
  if ((link.target && link.target !== "_self") || link.download) return null;
  const url = new URL(link.href);
  const current = new URL(here.href);
  if (url.origin !== current.origin) return null;
  const to = url.pathname + url.search + url.hash;
  return { to, replace: to === current.pathname + current.search + current.hash, preventScrollReset: link.keepScroll };
}

/** The document's one listener for internal links (rendered once, in the root layout). */
export function ClientNavigation() {
  const navigate = useNavigate();
  useEffect(() => {
    function onClick(event: MouseEvent) {
      const anchor = event.target instanceof Element ? event.target.closest("a[data-client-nav]") : null;
      if (!(anchor instanceof HTMLAnchorElement)) return;
      const step = clientNavigationStep(
        event,
        {
          href: anchor.href,
          target: anchor.target,
          download: anchor.hasAttribute("download"),
          keepScroll: anchor.dataset.clientNav === KEEP_SCROLL,
        },
        window.location,
      );
      if (!step) return;
      event.preventDefault();
      void navigate(step.to, { replace: step.replace, preventScrollReset: step.preventScrollReset });
    }
    // React's own listeners sit on the document too, registered earlier: a component's
    // onClick on the link runs first and can still take the click (defaultPrevented).
    document.addEventListener("click", onClick);
    // Says that links now navigate in place (end-to-end tests wait for it).
    document.documentElement.dataset.clientNavigation = "on";
    return () => {
      document.removeEventListener("click", onClick);
      delete document.documentElement.dataset.clientNavigation;
    };
  }, [navigate]);
  return null;
}
