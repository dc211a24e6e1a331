// Changing a composer's text from a script (a quote, the Markdown toolbar) as typing would:
// at the cursor, undoable where the browser allows, and followed by an input event, so the
// form's own listeners (validation, the live preview, the kept draft) hear of it.

/** Replaces the selection (or inserts at the cursor) with `text`; the cursor ends up after it, or `select` is selected. */
export function replaceSelection(textarea: HTMLTextAreaElement, text: string, select?: { start: number; end: number }): void {
  const start = textarea.selectionStart;
  const end = textarea.selectionEnd;
  textarea.focus();
  // execCommand keeps the browser's undo history; where it is gone or refused, setRangeText.
  const done = typeof document.execCommand === "function" && document.execCommand("insertText", false, text);
  if (!done || textarea.value.slice(start, start + text.length) !== text) {
    textarea.setRangeText(text, start, end, "end");
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }
  if (select) textarea.setSelectionRange(start + select.start, start + select.end);
}

/** Adds a block (a quote) where the cursor is, on lines of its own; at the end when the field was never used. */
export function insertBlock(textarea: HTMLTextAreaElement, block: string): void {
  if (document.activeElement !== textarea) textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  const before = textarea.value.slice(0, textarea.selectionStart);
  const gap = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
  replaceSelection(textarea, `${gap}${block}`);
}

/** The composer's text field on this page (the reply form, wherever it is open). */
export function composerField(formId: string): HTMLTextAreaElement | null {
  return document.querySelector<HTMLTextAreaElement>(`#${CSS.escape(formId)} textarea[name="body"]`);
}
