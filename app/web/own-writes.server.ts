// Read-your-own-writes across server processes (decision 010). Pages share data kept in each
// process's memory until a change notification arrives, about a millisecond after a commit.
// The writer's own next page must not depend on that race: after a write, their browser
// carries this cookie for a few seconds, and their pages are read live while it lasts.
import { readCookie } from "~/platform/i18n-request.server";

export const OWN_WRITE_COOKIE = "kk_own_write";
/** Far longer than a notification takes, short enough to be harmless. */
export const OWN_WRITE_SECONDS = 10;

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function isWrite(request: Request): boolean {
  return WRITE_METHODS.has(request.method);
}

/** A write request, or a page within a few seconds after this browser's own write. */
export function readsLive(request: Request): boolean {
  return isWrite(request) || readCookie(request, OWN_WRITE_COOKIE) !== undefined;
}

export function ownWriteCookie(secure: boolean): string {
  const parts = [`${OWN_WRITE_COOKIE}=1`, "HttpOnly", "SameSite=Lax", "Path=/", `Max-Age=${OWN_WRITE_SECONDS}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}
