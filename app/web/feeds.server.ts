import type { RouterContextProvider } from "react-router";
import type { Guardian } from "~/guardian/guardian.server";
import { feedReader } from "~/notifications/feeds.server";
import { atomXml, type AtomFeed } from "~/platform/atom.server";
import { absoluteUrl } from "~/platform/env.server";
import { viewerInfo } from "./context.server";

// Serving an Atom feed (decision 028): the reader is whoever the URL's key names, or, without
// a key, the signed-in member (the pages' <link rel="alternate"> point here, and a browser
// sends its session). An unknown key, an inactive member, nobody: a plain 404 that says
// nothing about why, so keys cannot be probed.

type Build = (guardian: Guardian, locale: string) => Promise<AtomFeed | null>;

export async function feedResponse(request: Request, context: Readonly<RouterContextProvider>, build: Build): Promise<Response> {
  const url = new URL(request.url);
  const key = url.searchParams.get("key");
  let reader: { guardian: Guardian; locale: string } | null = null;
  if (key !== null) reader = await feedReader(key);
  else {
    const { viewer, guardian, locale } = viewerInfo(context);
    if (viewer.kind === "member" && !viewer.pending) reader = { guardian, locale };
  }
  const feed = reader ? await build(reader.guardian, reader.locale) : null;
  if (!feed) return notFound();
  // rel="self" is the URL the reader uses, key and all; the id stays the same across keys.
  const self = absoluteUrl(`${url.pathname}${key !== null ? `?key=${encodeURIComponent(key)}` : ""}`);
  return new Response(atomXml({ ...feed, self }), {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      // Personal: no shared cache keeps it; and the key must not leak through a Referer.
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "no-referrer",
      "X-Robots-Tag": "noindex",
    },
  });
}

function notFound(): Response {
  return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
