import { useRef, useState, type KeyboardEvent, type RefObject } from "react";
import { useTranslation } from "~/components/use-translation";
import type { HandleSuggestion } from "~/members/handle-suggestions.server";

// "@an…" in a post's text offers the members it may name (decision 029), as the WAI-ARIA
// autocomplete pattern has it for a text field: the textarea keeps its role (a multi-line
// field), says it completes from a list (aria-autocomplete, aria-controls) and which option is
// active (aria-activedescendant); arrows move, Enter or Tab choose, Escape closes; a tap on an
// option chooses it without taking the focus from the text. A status line says how many were
// found. Without JavaScript "@handle" typed in full works the same (linked and notified).

const LOOKUP_DELAY_MS = 150;
const TYPED_MENTION = /(?:^|[\s([{"'])@([\p{L}\p{N}-]{1,40})$/u;

type Open = { start: number; items: HandleSuggestion[]; active: number };

export function useMentionAutocomplete(textarea: RefObject<HTMLTextAreaElement | null>, id: string) {
  const [open, setOpen] = useState<Open | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const asked = useRef(0);
  const listId = `${id}-mentions`;
  const shown = open && open.items.length ? open : null;

  const close = () => {
    clearTimeout(timer.current);
    asked.current++;
    setOpen(null);
  };

  /** After each input: is the caret right after "@something"? Then look it up. */
  const onInput = (field: HTMLTextAreaElement) => {
    const caret = field.selectionStart ?? field.value.length;
    const typed = TYPED_MENTION.exec(field.value.slice(0, caret));
    if (!typed) return close();
    const start = caret - typed[1]!.length - 1;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const mine = ++asked.current;
      void fetch(`/api/members/handles?q=${encodeURIComponent(typed[1]!)}`, { headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? (response.json() as Promise<HandleSuggestion[]>) : []))
        .then((items) => {
          if (mine === asked.current) setOpen({ start, items, active: 0 });
        })
        .catch(() => {});
    }, LOOKUP_DELAY_MS);
  };

  const choose = (item: HandleSuggestion) => {
    const field = textarea.current;
    if (!field || !open) return;
    const end = field.selectionStart ?? field.value.length;
    field.setRangeText(`@${item.handle} `, open.start, end, "end");
    close();
    // As if typed: the form's own listeners (validation, preview) see the new text.
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!shown) return;
    const count = shown.items.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : count - 1;
      setOpen({ ...shown, active: (shown.active + step) % count });
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      choose(shown.items[shown.active]!);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  };

  const fieldProps = {
    "aria-autocomplete": "list" as const,
    "aria-controls": shown ? listId : undefined,
    "aria-activedescendant": shown ? `${listId}-${shown.active}` : undefined,
    onKeyDown,
    onBlur: close,
  };
  return { fieldProps, onInput, list: <MentionList id={listId} open={open} onChoose={choose} /> };
}

function MentionList({ id, open, onChoose }: { id: string; open: Open | null; onChoose: (item: HandleSuggestion) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="visually-hidden" role="status">
        {open ? (open.items.length ? t("live.mention.count", { count: open.items.length }) : t("live.mention.none")) : ""}
      </p>
      {open && open.items.length ? (
        <ul className="mention-list" role="listbox" id={id} aria-label={t("live.mention.label")}>
          {open.items.map((item, i) => (
            <li
              key={item.handle}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === open.active}
              className={i === open.active ? "mention-list__option mention-list__option--active" : "mention-list__option"}
              // Keep the focus in the text while the option is pressed (mouse or finger).
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onChoose(item)}
            >
              {item.displayName} <span className="mention-list__handle">@{item.handle}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
