import { data, type MiddlewareFunction } from "react-router";
import { validateSessionToken } from "~/accounts/sessions.server";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer, type Viewer } from "~/guardian/viewer";
import { databaseAnswered, type DatabaseTrouble, RETRY_AFTER_SECONDS } from "~/platform/database-trouble.server";
import { pingDb, withReadRouting } from "~/platform/db.server";
import { resolveLocale } from "~/platform/i18n-request.server";
import { requestInfo, viewerContext } from "./context.server";
import { isWrite, ownWriteCookie, readsLive } from "./own-writes.server";
import { reportRequestError, trackDatabaseTrouble } from "./request-trouble.server";
import { readSessionToken, sessionCookie } from "./session-cookie.server";

// Runs before every loader and action: who is asking (one session lookup per request), which
// language they get, the Guardian built from them, and whether they must read live because
// they just wrote something (own-writes.server.ts). Also the one place that turns "the
// database is gone, or too busy to answer in time" into a 503 with Retry-After instead of a
// 500: the server keeps running and recovers (decision 018).
export const viewerMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const { secureCookies } = requestInfo(context);
  const token = readSessionToken(request);
  let viewer: Viewer = anonymousViewer;
  let sessionId: string | null = null;
  let refreshCookie: string | null = null;
  let mayHaveUnread = false;
  if (token) {
    const session = await validateSessionToken(token).catch((error: unknown) => {
      throw unavailable(reportRequestError(error, "session lookup", context) ?? "unavailable");
    });
    if (session) {
      viewer = { kind: "member", ...session.member };
      sessionId = session.sessionId;
      mayHaveUnread = session.anyUnread;
      if (session.extended) refreshCookie = sessionCookie(token, session.expiresAt, secureCookies);
    }
  }
  const locale = resolveLocale(request, viewer.kind === "member" ? viewer.locale : null);
  context.set(viewerContext, { viewer, guardian: new Guardian(viewer), sessionId, locale, readLive: readsLive(request), mayHaveUnread });

  // Reads that may use a replica (decision 020) do so only where the viewer cannot miss a
  // write of their own: not in a write, not just after one.
  const tracked = trackDatabaseTrouble(context, () => withReadRouting(!readsLive(request), () => next()));
  const response = await tracked.result;
  if (response.status === 500) {
    const trouble = tracked.trouble() ?? ((await pingDb()) ? null : "unavailable");
    if (trouble) throw unavailable(trouble);
  } else {
    databaseAnswered();
  }
  if (refreshCookie) response.headers.append("Set-Cookie", refreshCookie);
  // A signed-in page is this member's: no shared cache keeps it, and the browser does not
  // either, so the next person at a library computer cannot page back into it (decision 022).
  if (viewer.kind === "member" && !/\bprivate\b/.test(response.headers.get("Cache-Control") ?? "")) {
    response.headers.set("Cache-Control", "private, no-store");
  }
  // Refused writes (4xx) changed nothing; any other may have.
  if (isWrite(request) && response.status < 400) response.headers.append("Set-Cookie", ownWriteCookie(secureCookies));
  return response;
};

function unavailable(trouble: DatabaseTrouble) {
  return data({ unavailable: true }, { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS[trouble]) } });
}
