import { Writable } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { type EntryContext, type RouterContextProvider, ServerRouter } from "react-router";
import { NonceProvider } from "~/components/nonce";
import { createI18n, defaultLocale } from "~/platform/i18n";
import { logger } from "~/platform/logger.server";
import { compressDocument } from "~/web/compression.server";
import { requestInfoContext, viewerContext } from "~/web/context.server";
import { ensureRetryAfter, reportRequestError } from "~/web/request-trouble.server";
// The domain's events reach their subscribers (the search index) from this module on.
import "~/subscribers.server";

// How long a loader's data may take to arrive in the page (React Router aborts what is
// still pending after this).
export const streamTimeout = 5_000;

// A page is rendered whole and answered as one (compressed) body. No page suspends: loaders
// return everything before rendering starts, so streaming would only cut the same HTML into
// many small writes, each compressed on its own (decision 009). React's stream renderer waits
// for React Router's <StreamTransfer> (the data the browser takes the page over with) through
// public means, onAllReady; the string renderer of decision 012 needed that data put into
// React Router's private cache first, which decision 014 gave up (bench figures there).
export default function handleRequest(
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
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const timer: { id?: ReturnType<typeof setTimeout> } = {};
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={createI18n(locale)}>
          <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          const chunks: Buffer[] = [];
          const whole = new Writable({
            // React writes many small pieces: taken as they come, joined once at the end.
            writev(pieces, done) {
              for (const { chunk } of pieces) chunks.push(chunk as Buffer);
              done();
            },
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
            final(done) {
              clearTimeout(timer.id);
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              ensureRetryAfter(responseStatusCode, responseHeaders, loadContext);
              const body = compressDocument(Buffer.concat(chunks), request, responseHeaders);
              // Its length said: Node then sends headers and body in one write and ends there,
              // where an unknown length means chunked encoding and a second write (a syscall and
              // a TCP segment) for its closing chunk, per page (decision 055).
              if (request.method !== "HEAD") responseHeaders.set("Content-Length", String(body.length));
              resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
              done();
            },
          });
          pipe(whole);
        },
        onShellError(error: unknown) {
          clearTimeout(timer.id);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell are reported by onShellError; later ones are logged here.
          if (shellRendered) logger.error({ err: error }, "render error");
        },
      },
    );
    timer.id = setTimeout(abort, streamTimeout + 1000);
  });
}

export function handleDataRequest(response: Response, { context }: { context: Readonly<RouterContextProvider> }): Response {
  ensureRetryAfter(response.status, response.headers, context);
  return response;
}

export function handleError(error: unknown, { request, context }: { request: Request; context: Readonly<RouterContextProvider> }) {
  if (request.signal.aborted) return;
  reportRequestError(error, new URL(request.url).pathname, context);
}
