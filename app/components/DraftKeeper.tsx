import { useEffect, useState } from "react";
import { useLocation, useRouteLoaderData } from "react-router";
import { useTranslation } from "~/components/use-translation";
import { draftKey, draftsPosted, forgetDraft, markDraftPosting, readDraft, saveDraft, unmarkDraftPosting } from "./drafts";
import { saysPosted, statusOf } from "./status-message";

const SAVE_DELAY_MS = 400;

type Field = HTMLInputElement | HTMLTextAreaElement;

/**
 * Keeps what a member types into a composer (decision 038) in their browser, and puts it back
 * after a reload, with a note and "Verwijder concept". Inside the form it keeps; renders
 * nothing until there is something to say. Without JavaScript nothing is kept (the form is
 * plain); for visitors neither (they cannot post).
 */
export function DraftKeeper({
  formId,
  place,
  fields,
  postIntent,
  original,
  postedHere = false,
}: {
  formId: string;
  place: string;
  fields: string[];
  postIntent: string;
  /**
   * An edit form (issue 22): the saved text the form opens with. A draft is what differs from
   * it, and it is put back only while the form still shows exactly this text.
   */
  original?: Record<string, string>;
  /**
   * The page shows the post this form just made. Its draft is done even when the form was sent
   * before the page's scripts ran (a tap before hydration), so no submit handler marked it.
   */
  postedHere?: boolean;
}) {
  const { t } = useTranslation();
  const root = useRouteLoaderData("root") as { viewer?: { handle: string } | null } | undefined;
  const owner = root?.viewer?.handle ?? null;
  const [restored, setRestored] = useState(false);
  const names = fields.join(" ");
  const originalText = original ? JSON.stringify(original) : null;
  const posted = saysPosted(statusOf(useLocation().search));

  useEffect(() => {
    const form = document.getElementById(formId);
    if (!owner || !(form instanceof HTMLFormElement)) return;
    const key = draftKey(owner, place);
    const list = names.split(" ");
    const field = (name: string) => form.elements.namedItem(name) as Field | null;
    const values = () => Object.fromEntries(list.map((name) => [name, field(name)?.value ?? ""]));

    const saved = originalText === null ? null : (JSON.parse(originalText) as Record<string, string>);
    // Line breaks as a textarea gives them, so the saved text compares equal to the form's.
    const same = (a: Record<string, string>, b: Record<string, string>) =>
      list.every((name) => (a[name] ?? "").replace(/\r\n?/g, "\n").trim() === (b[name] ?? "").replace(/\r\n?/g, "\n").trim());
    const untouched = () => (saved === null ? Object.values(values()).every((value) => value.trim() === "") : same(values(), saved));
    // An edit form's draft is only what differs from the saved text; the same text is no draft.
    const keep = () => (saved !== null && same(values(), saved) ? forgetDraft(key) : saveDraft(key, values()));

    // The page says the post is in: its draft is done before this (fresh) form could take it
    // back. StatusMessage says so too, but its effect runs after this one (a parent's effects
    // run after its children's), and a reply form mounts anew after each post.
    if (posted) draftsPosted();
    if (postedHere) forgetDraft(key);
    // Put a draft back only into a form as it opened (empty, or the saved text): text the
    // server handed back is newer.
    const draft = readDraft(key);
    if (draft && untouched() && !(saved !== null && same(draft.fields, saved))) {
      for (const name of list) {
        const element = field(name);
        if (!element || (saved === null && !draft.fields[name])) continue;
        element.value = draft.fields[name] ?? "";
        element.dispatchEvent(new Event("input", { bubbles: true })); // the form's validation and preview hear it
      }
      setRestored(true);
    } else {
      setRestored(false);
    }

    let timer: ReturnType<typeof setTimeout> | undefined;
    const onInput = (event: Event) => {
      if (!list.includes((event.target as Field).name)) return;
      unmarkDraftPosting(key);
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        keep();
      }, SAVE_DELAY_MS);
    };
    // Leaving (a reload, a closed tab) within the delay: save what was typed last.
    const flush = () => {
      if (timer === undefined) return;
      clearTimeout(timer);
      timer = undefined;
      keep();
    };
    const onSubmit = (event: SubmitEvent) => {
      clearTimeout(timer);
      timer = undefined;
      keep();
      const submitter = event.submitter as HTMLButtonElement | null;
      if (submitter?.value === postIntent) markDraftPosting(key);
    };
    form.addEventListener("input", onInput);
    form.addEventListener("submit", onSubmit);
    window.addEventListener("pagehide", flush);
    return () => {
      flush(); // the form goes (another page in the app): keep what it had
      window.removeEventListener("pagehide", flush);
      form.removeEventListener("input", onInput);
      form.removeEventListener("submit", onSubmit);
    };
  }, [formId, owner, place, names, postIntent, originalText, posted, postedHere]);

  if (!restored || !owner) return null;
  const discard = () => {
    const form = document.getElementById(formId) as HTMLFormElement | null;
    forgetDraft(draftKey(owner, place));
    for (const name of fields) {
      const element = form?.elements.namedItem(name) as Field | null;
      if (!element) continue;
      // An edit form goes back to the saved text, a new post's form to empty.
      element.value = original?.[name] ?? "";
      element.dispatchEvent(new Event("input", { bubbles: true }));
    }
    setRestored(false);
    (form?.elements.namedItem(fields[fields.length - 1]!) as Field | null)?.focus();
  };
  return (
    <div className="draft-note alert alert--info" role="status">
      <p>{t("forum.draft.restored")}</p>
      <button type="button" className="button button--small button--secondary" onClick={discard}>
        {t("forum.draft.discard")}
      </button>
    </div>
  );
}
