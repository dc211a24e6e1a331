import type { Guardian } from "~/guardian/guardian.server";
import type { PrivacyKind, PrivacyWarning } from "~/privacy/kinds";
import { checkBeforePublishing } from "~/privacy/privacy.server";
import { PUBLISH_ANYWAY_PARAM, PUBLISH_ANYWAY_VALUE } from "~/privacy/published-anyway";

// The privacy guard on a publishing form's submit (issue 21, decision 024). The form's texts
// are checked as sent; with marks, the form comes back with them listed beside their fields
// and a "Toch plaatsen" button, which posts the same form to `?privacy=anyway`. Then the
// writer records the kinds published anyway (`privacy.warning_overridden`).

export type GuardedSubmit = { warning: PrivacyWarning; overridden?: never } | { warning?: never; overridden: PrivacyKind[] };

/** `anyway`: the member pressed "Toch plaatsen" (wantsPublishAnyway). */
export async function guardSubmit(guardian: Guardian, texts: Record<string, string>, anyway: boolean): Promise<GuardedSubmit> {
  const check = await checkBeforePublishing(guardian, texts);
  if (!check.warn) return { overridden: [] };
  return anyway ? { overridden: check.kinds } : { warning: { fields: check.fields } };
}

export function wantsPublishAnyway(request: Request): boolean {
  return new URL(request.url).searchParams.get(PUBLISH_ANYWAY_PARAM) === PUBLISH_ANYWAY_VALUE;
}

/** A report's texts as the guard reads them: the takeaways as typed, one per line. */
export function reportTexts(values: { title: string; summary: string }, formData: FormData): Record<string, string> {
  return { title: values.title, summary: values.summary, takeaways: String(formData.get("takeaways") ?? "") };
}
