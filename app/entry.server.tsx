import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { type EntryContext, type RouterContextProvider, ServerRouter } from "react-router";
import { NonceProvider } from "~/components/nonce";
import { createI18n, defaultLocale } from "~/platform/i18n";
import { compressDocument } from "~/web/compression.server";
import { requestInfoContext, viewerContext } from "~/web/context.server";
import { ensureRetryAfter, reportRequestError } from "~/web/request-trouble.server";
import { handOffWhole } from "~/web/router-handoff.server";
// The domain's events reach their subscribers (the search index) from this module on.
import "~/subscribers.server";

// How long a loader's data may take to arrive in the page (React Router aborts what is
// still pending after this).
export const streamTimeout = 5_000;

// A page is rendered whole, as one string, and answered as one (compressed) body. No page
// suspends: loaders return everything before rendering starts, and the data the browser
// needs to take over the page is read whole first (handOffWhole). React's string renderer
// then does in one synchronous pass what its stream renderer did in several turns of the
// event loop, turning each of thousands of small pieces of HTML into bytes on the way
// (decision 012).
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  const { nonce } = loadContext.get(requestInfoContext);
  let locale = defaultLocale;
  try {
    locale = loadContext.get(viewerContext).locale;
  } catch {
    // The middleware did not run (it failed before setting the viewer): Dutch it is.
  }
  await handOffWhole(routerContext);
  // React's string renderer writes no doctype of its own.
  const html =
    "<!DOCTYPE html>" +
    renderToString(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={createI18n(locale)}>
          <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
    );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  ensureRetryAfter(responseStatusCode, responseHeaders);
  const body = compressDocument(Buffer.from(html, "utf8"), request, responseHeaders);
  return new Response(body, { headers: responseHeaders, status: responseStatusCode });
}

export function handleDataRequest(response: Response): Response {
  ensureRetryAfter(response.status, response.headers);
  return response;
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  reportRequestError(error, new URL(request.url).pathname);
}
