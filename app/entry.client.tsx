import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { formatterWarmUps } from "~/components/format";
import { createI18n, defaultLocale, isLocale, loadCatalogue } from "~/platform/i18n";

// The server chose the language and wrote it into <html lang>, and the address of that
// language's catalogue into data-catalogue (decision 046): fetch that one, then hydrate with
// it. Until then the page is the server's HTML, which works without JavaScript; if the
// catalogue cannot be had, it stays that. This module runs after the page's first paint
// (components/ScriptsAfterFirstPaint.tsx, decision 051).
const root = document.documentElement;
const locale = isLocale(root.lang) ? root.lang : defaultLocale;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The date formatters made while the catalogue is on its way, each in a task of its own (051). */
async function warmFormatters(): Promise<void> {
  for (const warmUp of formatterWarmUps(locale)) {
    await nextTask();
    warmUp();
  }
}

Promise.all([loadCatalogue(locale, root.dataset.catalogue), warmFormatters()]).then(
  () => {
    const i18n = createI18n(locale);
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <I18nextProvider i18n={i18n}>
            <HydratedRouter />
          </I18nextProvider>
        </StrictMode>,
      );
    });
  },
  (error: unknown) => console.warn("Kenniskring: the page works without its scripts now:", error),
);
