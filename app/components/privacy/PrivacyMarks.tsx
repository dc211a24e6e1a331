import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "~/components/use-translation";
import type { ShownMark } from "~/privacy/kinds";

// The privacy guard beside a text field (issue 21, decision 024). Without JavaScript it lists
// what the server marked when the form was sent. With JavaScript (`live`) it asks
// /api/privacy-check a moment after the typing pauses and lists the marks then, each with a
// button that puts the replacement in its place. A polite live region says how many there
// are when that number changes; the list itself is plain buttons, so a keyboard reaches all.

const PAUSE_MS = 700;

type Props = {
  /** The id of the textarea or input the marks are about. */
  fieldId: string;
  /** What the server marked on submit (the no-JavaScript path, and the first state with it). */
  marks: ShownMark[] | undefined;
  /** Check while typing and offer one-click replacements (JavaScript runs, a textarea). */
  live?: boolean;
};

export function PrivacyMarks({ fieldId, marks: fromServer, live = false }: Props) {
  const { t } = useTranslation();
  const [marks, setMarks] = useState<ShownMark[]>(fromServer ?? []);
  const [said, setSaid] = useState("");
  const listRef = useRef<HTMLUListElement>(null);
  const check = useLiveCheck(fieldId, live, setMarks);

  // The server's answer to a submit: listed, and said, since the page did not move.
  useEffect(() => {
    setMarks(fromServer ?? []);
    if (fromServer?.length) setSaid(t("privacyGuard.summary", { count: fromServer.length }));
  }, [fromServer, t]);

  // Say the count when it changes, not on every check.
  const count = marks.length;
  const lastCount = useRef(count);
  useEffect(() => {
    if (lastCount.current === count) return;
    lastCount.current = count;
    setSaid(count === 0 ? t("avg.guard.none") : t("privacyGuard.summary", { count }));
  }, [count, t]);

  const replace = useCallback(
    (index: number) => {
      const field = document.getElementById(fieldId) as HTMLTextAreaElement | HTMLInputElement | null;
      const mark = marks[index];
      if (!field || !mark) return;
      const start = field.value.slice(mark.start, mark.end) === mark.text ? mark.start : field.value.indexOf(mark.text);
      if (start < 0) return check.now();
      setFieldValue(field, field.value.slice(0, start) + mark.replacement + field.value.slice(start + mark.text.length));
      const shift = mark.replacement.length - mark.text.length;
      const rest = marks.filter((_, i) => i !== index).map((m) => (m.start > start ? { ...m, start: m.start + shift, end: m.end + shift } : m));
      setMarks(rest);
      setSaid(t("avg.guard.replaced", { text: mark.text, replacement: mark.replacement }));
      // Keyboard users go on with the next mark; after the last, back to the text.
      requestAnimationFrame(() => {
        const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>("button");
        const next = buttons?.[Math.min(index, (buttons?.length ?? 1) - 1)];
        if (next) next.focus();
        else field.focus();
      });
      check.later();
    },
    [check, fieldId, marks, t],
  );

  const summaryId = `${fieldId}-privacy`;
  return (
    <div className="privacy-marks" id={summaryId}>
      <p role="status" aria-live="polite" className="visually-hidden">
        {said}
      </p>
      {count > 0 ? (
        <div className="privacy-marks__panel">
          <p className="privacy-marks__summary">
            <strong>{t("privacyGuard.summary", { count })}</strong> {t("avg.guard.intro")}
          </p>
          <ul className="privacy-marks__list" ref={listRef}>
            {marks.map((mark, i) => (
              <li key={`${mark.start}-${mark.kind}-${mark.text}`} className="privacy-marks__item">
                <span>
                  <mark>{mark.text}</mark> — {t(`privacyGuard.kind.${mark.kind}`)}. {t(`privacyGuard.why.${mark.kind}`)}
                </span>{" "}
                {live ? (
                  <button type="button" className="button button--small button--secondary" onClick={() => replace(i)}>
                    {t("privacyGuard.replace", { replacement: mark.replacement })}
                  </button>
                ) : (
                  <span className="privacy-marks__advice">{t("avg.guard.advice", { replacement: mark.replacement })}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** Sets a field's value as typing would, so the form's own listeners (Conform) see it. */
function setFieldValue(field: HTMLTextAreaElement | HTMLInputElement, value: string) {
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, "value")?.set?.call(field, value);
  field.dispatchEvent(new Event("input", { bubbles: true }));
}

/** Checks the field's text after a pause in the typing; the newest answer wins. */
function useLiveCheck(fieldId: string, live: boolean, setMarks: (marks: ShownMark[]) => void) {
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const inFlight = useRef<AbortController>(undefined);

  const now = useCallback(async () => {
    const field = document.getElementById(fieldId) as HTMLTextAreaElement | HTMLInputElement | null;
    if (!field) return;
    const text = field.value;
    inFlight.current?.abort();
    const controller = (inFlight.current = new AbortController());
    try {
      const response = await fetch("/api/privacy-check", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text }),
        signal: controller.signal,
      });
      // Too many checks, or signed out meanwhile: keep what is listed; the submit checks again.
      if (!response.ok) return;
      const answer = (await response.json()) as { marks: Omit<ShownMark, "text">[] };
      if (field.value !== text) return;
      setMarks(answer.marks.map((m) => ({ ...m, text: text.slice(m.start, m.end) })));
    } catch {
      // Aborted by a newer check, or offline: the submit checks again.
    }
  }, [fieldId, setMarks]);

  const later = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void now(), PAUSE_MS);
  }, [now]);

  useEffect(() => {
    if (!live) return;
    const field = document.getElementById(fieldId);
    if (!field) return;
    const onInput = () => later();
    field.addEventListener("input", onInput);
    // Text typed before the page came alive (a slow phone) or a restored draft: check it too.
    if ((field as HTMLTextAreaElement).value.trim()) later();
    return () => {
      field.removeEventListener("input", onInput);
      clearTimeout(timer.current);
      inFlight.current?.abort();
    };
  }, [fieldId, live, later]);

  return { now: () => void now(), later };
}
