import { isLocale } from "~/platform/i18n";
import { servedCatalogue } from "~/platform/i18n-catalogue.server";
import type { Route } from "./+types/i18n";

// /i18n/nl.json?v=…: the page's language for the browser (decision 046). With the current
// version it may be kept a year (a new release names a new one); without, it is checked each time.
export function loader({ params, request }: Route.LoaderArgs) {
  const locale = /^([a-z]{2})\.json$/.exec(params.file)?.[1];
  if (!isLocale(locale)) throw new Response("Not Found", { status: 404 });
  const { json, version } = servedCatalogue(locale);
  const current = new URL(request.url).searchParams.get("v") === version;
  return new Response(json, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
}
