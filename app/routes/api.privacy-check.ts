import { createI18n } from "~/platform/i18n";
import { Forbidden, RateLimited } from "~/platform/errors.server";
import { PRIVACY_TEXT_MAX } from "~/privacy/kinds";
import { checkPrivacyAs } from "~/privacy/privacy.server";
import { privacyCheckRequest } from "~/privacy/schemas";
import { guardianOf, viewerInfo } from "~/web/context.server";
import type { Route } from "./+types/api.privacy-check";

// POST /api/privacy-check, JSON {"text": "…"} → {"warn": true, "marks": [{start, end, kind,
// replacement}]}: what in the text looks like someone else's personal data (decision 021).
// Offsets are UTF-16 indices into the text as sent. For signed-in members, rate-limited.
// Every refusal is JSON with a message in the member's language: 400, 401, 405, 413, 415, 429.

/** The body's limit: the longest text, every character escaped as \uXXXX, and some room. */
const MAX_BODY_BYTES = PRIVACY_TEXT_MAX * 6 + 1024;
const NO_STORE = { "Cache-Control": "private, no-store" };

export async function action({ request, context }: Route.ActionArgs) {
  const { t } = createI18n(viewerInfo(context).locale);
  const refuse = (status: number, message: string, headers: Record<string, string> = {}) =>
    Response.json({ error: message }, { status, headers: { ...NO_STORE, ...headers } });

  if (request.method !== "POST") return refuse(405, t("privacyGuard.api.postOnly"), { Allow: "POST" });
  const guardian = guardianOf(context);
  if (!guardian.canCheckPrivacy()) return refuse(401, t("privacyGuard.api.signIn"));
  if (!/^application\/json\b/i.test(request.headers.get("Content-Type") ?? "")) return refuse(415, t("privacyGuard.api.notJson"));
  // Refused unread: the connection closes after the answer, so no client reuses it mid-upload.
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_BODY_BYTES) return refuse(413, t("privacyGuard.api.tooBig"), { Connection: "close" });

  const raw = await request.text();
  if (raw.length > MAX_BODY_BYTES) return refuse(413, t("privacyGuard.api.tooBig"));
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return refuse(400, t("privacyGuard.api.badJson"));
  }
  const parsed = privacyCheckRequest.safeParse(body);
  if (!parsed.success) {
    const tooLong = parsed.error.issues.some((i) => i.code === "too_big");
    return tooLong ? refuse(413, t("privacyGuard.api.tooLong", { max: PRIVACY_TEXT_MAX })) : refuse(400, t("privacyGuard.api.noText"));
  }
  try {
    return Response.json(await checkPrivacyAs(guardian, parsed.data.text), { headers: NO_STORE });
  } catch (error) {
    if (error instanceof RateLimited) {
      return refuse(429, t("privacyGuard.api.rateLimited", { seconds: error.retryAfterSeconds }), { "Retry-After": String(error.retryAfterSeconds) });
    }
    if (error instanceof Forbidden) return refuse(401, t("privacyGuard.api.signIn"));
    throw error;
  }
}

export function loader({ context }: Route.LoaderArgs) {
  const { t } = createI18n(viewerInfo(context).locale);
  return Response.json({ error: t("privacyGuard.api.postOnly") }, { status: 405, headers: { ...NO_STORE, Allow: "POST" } });
}
