// The login cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site
// POSTs), Secure in production. Named with the __Host- prefix when Secure, which also pins it
// to this host and Path=/.
import { readCookie } from "~/platform/i18n-request.server";

const PLAIN_NAME = "kk_session";
const SECURE_NAME = "__Host-kk_session";

export function readSessionToken(request: Request): string | undefined {
  return readCookie(request, SECURE_NAME) ?? readCookie(request, PLAIN_NAME);
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const name = secure ? SECURE_NAME : PLAIN_NAME;
  const parts = [`${name}=${token}`, "HttpOnly", "SameSite=Lax", "Path=/", `Expires=${expiresAt.toUTCString()}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearSessionCookie(secure: boolean): string {
  const name = secure ? SECURE_NAME : PLAIN_NAME;
  return [`${name}=`, "HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=0", ...(secure ? ["Secure"] : [])].join("; ");
}

// The known-browser cookie (decision 022): lets this browser's member log in while strangers'
// wrong passwords have paused their account for unknown browsers. Same flags as the session's;
// it outlives logging out, as it names the browser, not a session.
const DEVICE_PLAIN = "kk_device";
const DEVICE_SECURE = "__Host-kk_device";

export function readDeviceToken(request: Request): string | undefined {
  return readCookie(request, DEVICE_SECURE) ?? readCookie(request, DEVICE_PLAIN);
}

export function deviceCookie(token: string, expiresAt: Date, secure: boolean): string {
  const parts = [`${secure ? DEVICE_SECURE : DEVICE_PLAIN}=${token}`, "HttpOnly", "SameSite=Lax", "Path=/", `Expires=${expiresAt.toUTCString()}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}
