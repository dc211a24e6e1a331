import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { createI18n, defaultLocale, isLocale, loadCatalogue } from "~/platform/i18n";

// The server chose the language and wrote it into <html lang>, and the address of that
// language's catalogue into data-catalogue (decision 046): fetch that one, then hydrate with
// it. Until then the page is the server's HTML, which works without JavaScript; if the
// catalogue cannot be had, it stays that. This module runs after the page's first paint
// (components/ScriptsAfterFirstPaint.tsx, decision 051).
const root = document.documentElement;
const locale = isLocale(root.lang) ? root.lang : defaultLocale;

// (The date formatters were made here first, one task each (051); dates are now written without
// Intl, components/format.ts, decision 056.)
loadCatalogue(locale, root.dataset.catalogue).then(
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
