import { useTranslation } from "~/components/use-translation";
import { useHydrated } from "~/components/dilemmas/live";
import { replaceSelection } from "./composer-text";

// Buttons over a composer that write the Markdown for what they say (decision 038): bold,
// italic, a link, a list, a quote. Only with JavaScript (without, the textarea is plain and the
// hint says how to write Markdown). Each button works on the selection, or puts in an example
// word to type over, and gives the focus back to the text.

type Action = "bold" | "italic" | "link" | "list" | "quote";
const ACTIONS: Action[] = ["bold", "italic", "link", "list", "quote"];

/** The Markdown for `action` around `selected`, and what of it to select afterwards. */
export function markdownFor(action: Action, selected: string, example: string): { text: string; select: { start: number; end: number } } {
  const word = selected || example;
  switch (action) {
    case "bold":
      return { text: `**${word}**`, select: { start: 2, end: 2 + word.length } };
    case "italic":
      return { text: `_${word}_`, select: { start: 1, end: 1 + word.length } };
    case "link": {
      const text = `[${word}](https://)`;
      return { text, select: { start: word.length + 3, end: text.length - 1 } };
    }
    case "list":
    case "quote": {
      const mark = action === "list" ? "- " : "> ";
      const text = word
        .split("\n")
        .map((line) => `${mark}${line}`)
        .join("\n");
      return { text, select: selected ? { start: 0, end: text.length } : { start: mark.length, end: text.length } };
    }
  }
}

export function MarkdownToolbar({ fieldId }: { fieldId: string }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  if (!hydrated) return null;
  const apply = (action: Action) => {
    const field = document.getElementById(fieldId);
    if (!(field instanceof HTMLTextAreaElement)) return;
    if (action === "list" || action === "quote") {
      // Whole lines: from the start of the selection's first line.
      const lineStart = field.value.lastIndexOf("\n", field.selectionStart - 1) + 1;
      field.setSelectionRange(lineStart, field.selectionEnd);
    }
    const selected = field.value.slice(field.selectionStart, field.selectionEnd);
    const { text, select } = markdownFor(action, selected, t(`forum.toolbar.example.${action}`));
    replaceSelection(field, text, select);
  };
  return (
    <div className="markdown-toolbar" role="toolbar" aria-label={t("forum.toolbar.label")} aria-controls={fieldId}>
      {ACTIONS.map((action) => (
        <button
          key={action}
          type="button"
          className={`markdown-toolbar__button markdown-toolbar__button--${action}`}
          onClick={() => apply(action)}
        >
          {t(`forum.toolbar.${action}`)}
        </button>
      ))}
    </div>
  );
}
