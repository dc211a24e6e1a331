import type { Guardian } from "~/guardian/guardian.server";
import { memberIdOf } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { rateLimit } from "~/platform/rate-limit.server";
import { checkPrivacy } from "./check.server";
import type { PrivacyCheck, PrivacyContext, PrivacyKind, ShownMark } from "./kinds";

// The privacy guard for a signed-in member: their own name, handle and organisation are theirs
// to write; the replacements follow their language. Forms call it while the member types
// (debounced), so the budget allows a long text typed in one go, not a script.
export const PRIVACY_CHECKS_PER_MINUTE = 120;
const perMember = rateLimit("privacy-check", PRIVACY_CHECKS_PER_MINUTE, 60);

export async function checkPrivacyAs(guardian: Guardian, text: string): Promise<PrivacyCheck> {
  guardian.ensureCanCheckPrivacy();
  const id = memberIdOf(guardian);
  await perMember.consume(String(id));
  return checkPrivacy(text, await writerContext(id));
}

async function writerContext(id: number): Promise<PrivacyContext> {
  const writer = await db.user.findUnique({ where: { id }, select: { displayName: true, handle: true, organisation: true, locale: true } });
  return { ...writer, locale: writer?.locale === "en" ? "en" : "nl" };
}

/** What the guard found in a form's texts before publishing, per field. */
export type PublishCheck = { warn: boolean; fields: Record<string, ShownMark[]>; kinds: PrivacyKind[] };

/**
 * The check on submit (every publishing form, with or without JavaScript): each text as the
 * member sent it, their own name, handle and organisation left alone. Not rate-limited apart
 * from the write it belongs to: it runs once per submission, not per keystroke.
 */
export async function checkBeforePublishing(guardian: Guardian, texts: Record<string, string>): Promise<PublishCheck> {
  guardian.ensureCanCheckPrivacy();
  const context = await writerContext(memberIdOf(guardian));
  const fields: Record<string, ShownMark[]> = {};
  const kinds = new Set<PrivacyKind>();
  for (const [field, text] of Object.entries(texts)) {
    const { marks } = checkPrivacy(text, context);
    if (marks.length === 0) continue;
    fields[field] = marks.map((m) => ({ ...m, text: text.slice(m.start, m.end) }));
    for (const m of marks) kinds.add(m.kind);
  }
  return { warn: kinds.size > 0, fields, kinds: [...kinds].sort() };
}
