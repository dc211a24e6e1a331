// Before a process says it is ready, it renders a few pages for itself: the first requests
// after a start otherwise pay for loading and compiling the app's code, the first statements'
// plans and the search's first query (measured: the first page 1.8 s, the first search 3.8 s
// on this 2-core machine, against 25 ms and 60 ms after). The pages are asked in-process, not
// over the port: with several processes on one port another process could answer them.
import { createRequestHandler, RouterContextProvider, type ServerBuild } from "react-router";
import { logger } from "~/platform/logger.server";
import { requestInfoContext } from "~/web/context.server";

const PAGES = ["/", "/dilemmas", "/search?q=bewoners", "/meetings", "/competences"];
const LIMIT_MS = 30_000;

export async function warmUp(build: ServerBuild): Promise<void> {
  const started = Date.now();
  const handle = createRequestHandler(build, "production");
  const get = async (pathname: string) => {
    const context = new RouterContextProvider();
    context.set(requestInfoContext, { nonce: "warm-up", requestId: "warm-up", clientIp: "127.0.0.1", secureCookies: false });
    const response = await handle(new Request(`http://localhost${pathname}`, { headers: { "Accept-Language": "nl" } }), context);
    return { status: response.status, html: await response.text() };
  };
  const pages = [...PAGES];
  for (let i = 0; i < pages.length && Date.now() - started < LIMIT_MS; i++) {
    try {
      const { html } = await get(pages[i]!);
      // A thread too: the most common page, and the list names one.
      const thread = i === 1 ? /href="(\/dilemmas\/\d+\/[^"?#]*)"/.exec(html)?.[1] : undefined;
      if (thread) pages.push(thread);
    } catch (error) {
      // A page that fails now fails for a visitor later, where it is logged; warm-up goes on.
      logger.debug({ err: error, path: pages[i] }, "warm-up page failed");
    }
  }
  logger.debug({ ms: Date.now() - started, pages: pages.length }, "warmed up");
}
