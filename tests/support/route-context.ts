// Calling a route's loader or action in an integration test, as the server would after the
// viewer middleware ran: a context holding the viewer and its Guardian.
import { RouterContextProvider } from "react-router";
import { Guardian } from "~/guardian/guardian.server";
import type { Viewer } from "~/guardian/viewer";
import { requestInfoContext, viewerContext } from "~/web/context.server";

export function routeContext(viewer: Viewer): RouterContextProvider {
  const context = new RouterContextProvider();
  context.set(viewerContext, { viewer, guardian: new Guardian(viewer), sessionId: null, locale: "nl", readLive: false });
  context.set(requestInfoContext, { nonce: "test", requestId: "test", clientIp: "192.0.2.1", secureCookies: false });
  return context;
}

/** A POST with form fields; a field given as an array is sent once per value (checkboxes). */
export function formPost(path: string, fields: Record<string, string | string[]>): Request {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of [value].flat()) body.append(name, v);
  }
  return new Request(`http://localhost${path}`, { method: "POST", body });
}

export type Outcome = { status: number; location: string | null; data: unknown };

/**
 * What a loader or action answered, thrown or returned: a Response (redirects), `data(…, {status})`
 * (form errors, 403/404 pages), or plain data (200).
 */
export async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
    if (!(thrown instanceof Response) && !isDataWithInit(thrown)) throw thrown;
  }
  if (value instanceof Response) {
    return { status: value.status, location: value.headers.get("Location"), data: null };
  }
  if (isDataWithInit(value)) return { status: value.init?.status ?? 200, location: null, data: value.data };
  return { status: 200, location: null, data: value };
}

type DataWithInit = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };
function isDataWithInit(v: unknown): v is DataWithInit {
  return typeof v === "object" && v !== null && (v as { type?: unknown }).type === "DataWithResponseInit";
}
