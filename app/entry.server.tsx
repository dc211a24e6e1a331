import { Writable } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { type EntryContext, type RouterContextProvider, ServerRouter } from "react-router";
import { NonceProvider } from "~/components/nonce";
import { createI18n, defaultLocale } from "~/platform/i18n";
import { logger } from "~/platform/logger.server";
import { compressDocument } from "~/web/compression.server";
import { requestInfoContext, viewerContext } from "~/web/context.server";

export const streamTimeout = 5_000;

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
  const i18n = createI18n(locale);

  // The whole document, then one response body. No page suspends (loaders return everything
  // before rendering starts), so streaming would only cut the same HTML into many small writes:
  // compressing and writing it in one piece cost a fifth less server time per page (bench).
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const timer: { id?: ReturnType<typeof setTimeout> } = {};
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
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
          const collect = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
            final(done) {
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              clearTimeout(timer.id);
              const body = compressDocument(Buffer.concat(chunks), request, responseHeaders);
              resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
              done();
            },
          });
          pipe(collect);
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

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  logger.error({ err: error, url: new URL(request.url).pathname }, "unhandled error in a loader or action");
}
