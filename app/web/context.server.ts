import { createContext, type RouterContextProvider } from "react-router";
import type { Guardian } from "~/guardian/guardian.server";
import type { Viewer } from "~/guardian/viewer";
import type { Locale } from "~/platform/i18n";

// Per-request values shared between the Express server (server/), the middleware and the
// routes. The contexts are registered on globalThis because the server's copy of this module
// and the built app's copy are two module instances, and a context is matched by identity.

export type RequestInfo = { nonce: string; requestId: string; clientIp: string; secureCookies: boolean };
export type ViewerInfo = {
  viewer: Viewer;
  guardian: Guardian;
  sessionId: string | null;
  locale: Locale;
  /** Just wrote something: skip the shared in-memory page data (decision 010). */
  readLive: boolean;
  /** false: the session lookup found no unread notification, so the bell shows none (decision 058). */
  mayHaveUnread?: boolean;
};

function shared<T>(name: string) {
  const key = Symbol.for(`kenniskring.context.${name}`);
  const store = globalThis as unknown as Record<symbol, ReturnType<typeof createContext<T>>>;
  return (store[key] ??= createContext<T>());
}

export const requestInfoContext = shared<RequestInfo>("requestInfo");
export const viewerContext = shared<ViewerInfo>("viewer");

type Ctx = Readonly<RouterContextProvider>;
export const requestInfo = (context: Ctx) => context.get(requestInfoContext);
export const viewerInfo = (context: Ctx) => context.get(viewerContext);
export const guardianOf = (context: Ctx) => context.get(viewerContext).guardian;
/** What a domain read that may use shared page data needs to know of this request. */
export const sharedReadsOf = (context: Ctx) => ({ readLive: context.get(viewerContext).readLive });
