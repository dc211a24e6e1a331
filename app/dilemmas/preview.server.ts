import type { Guardian } from "~/guardian/guardian.server";
import { renderMarkdown } from "~/platform/markdown.server";
import { DILEMMA_LIMITS } from "./schemas";

/**
 * A dilemma's text as it will look: the same renderMarkdown (and sanitiser) that saving runs.
 * For members who may ask; nobody else needs our Markdown renderer. A text far beyond the
 * limit is cut: the preview is for reading, the limit's message comes when saving.
 */
export function previewDilemmaBody(guardian: Guardian, markdown: string): string {
  guardian.ensureCanAskDilemma();
  return renderMarkdown(markdown.slice(0, DILEMMA_LIMITS.bodyMax * 2));
}
