import type { ComponentPropsWithoutRef, FormEvent, MouseEvent } from "react";
import { useNavigate, useSubmit } from "react-router";

// Links and forms for the parts of a page that repeat dozens of times (a thread's replies, a
// list's dilemmas). They are plain <a> and <form> elements; one pair of listeners around
// every page's content (useRoutedEvents, in root.tsx) hands their clicks and submits to the
// router, as React Router's <Link> and <Form> each do for themselves. Those resolve their path
// and set up several hooks while the server renders: with 50 replies, ≈3 of them per reply
// were ≈9 % of a thread page's server time (decision 012). Without JavaScript they are the
// same links and forms.
//
// A form here has no action attribute: the browser posts it to the page's own URL, and so
// does the router.

// The attributes the listeners look for (written out in the JSX below).
const ROUTED = "data-routed";
const KEEP_SCROLL = "data-keep-scroll";

type RoutedLinkProps = Omit<ComponentPropsWithoutRef<"a">, "href"> & {
  href: string;
  /** Stay where the page is scrolled to (as <Link preventScrollReset>). */
  preventScrollReset?: boolean;
};

export function RoutedLink({ preventScrollReset, ...props }: RoutedLinkProps) {
  return <a {...props} data-routed="" data-keep-scroll={preventScrollReset ? "" : undefined} />;
}

type RoutedFormProps = Omit<ComponentPropsWithoutRef<"form">, "method" | "action"> & { preventScrollReset?: boolean };

export function RoutedForm({ preventScrollReset, ...props }: RoutedFormProps) {
  return <form method="post" {...props} data-routed="" data-keep-scroll={preventScrollReset ? "" : undefined} />;
}

/** onClick and onSubmit for an element that contains RoutedLinks and RoutedForms. */
export function useRoutedEvents() {
  const navigate = useNavigate();
  const submit = useSubmit();
  return {
    onClick(event: MouseEvent<HTMLElement>) {
      // What a browser does itself: another tab or window, a download, another button.
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>(`a[${ROUTED}]`) : null;
      if (!anchor || anchor.target || anchor.origin !== window.location.origin) return;
      event.preventDefault();
      const to = anchor.pathname + anchor.search + anchor.hash;
      const here = window.location.pathname + window.location.search + window.location.hash;
      void navigate(to, { preventScrollReset: anchor.hasAttribute(KEEP_SCROLL), replace: to === here });
    },
    onSubmit(event: FormEvent<HTMLElement>) {
      const form = event.target;
      if (event.defaultPrevented || !(form instanceof HTMLFormElement) || !form.hasAttribute(ROUTED)) return;
      event.preventDefault();
      const submitter = (event.nativeEvent as SubmitEvent).submitter;
      void submit(submitter instanceof HTMLButtonElement ? submitter : form, {
        method: "post",
        // Explicit: useSubmit's own default is the URL of the route it is called in, the root.
        action: form.getAttribute("action") ?? window.location.pathname + window.location.search,
        preventScrollReset: form.hasAttribute(KEEP_SCROLL),
      });
    },
  };
}
