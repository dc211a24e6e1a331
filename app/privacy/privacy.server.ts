import type { Guardian } from "~/guardian/guardian.server";
import { memberIdOf } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { rateLimit } from "~/platform/rate-limit.server";
import { checkPrivacy } from "./check.server";
import type { PrivacyCheck } from "./kinds";

// The privacy guard for a signed-in member: their own name, handle and organisation are theirs
// to write; the replacements follow their language. Forms call it while the member types
// (debounced), so the budget allows a long text typed in one go, not a script.
export const PRIVACY_CHECKS_PER_MINUTE = 120;
const perMember = rateLimit("privacy-check", PRIVACY_CHECKS_PER_MINUTE, 60);

export async function checkPrivacyAs(guardian: Guardian, text: string): Promise<PrivacyCheck> {
  guardian.ensureCanCheckPrivacy();
  const id = memberIdOf(guardian);
  await perMember.consume(String(id));
  const writer = await db.user.findUnique({ where: { id }, select: { displayName: true, handle: true, organisation: true, locale: true } });
  return checkPrivacy(text, { ...writer, locale: writer?.locale === "en" ? "en" : "nl" });
}
