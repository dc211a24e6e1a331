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
