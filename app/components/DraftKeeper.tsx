import { useEffect, useState } from "react";
import { useRouteLoaderData } from "react-router";
import { useTranslation } from "~/components/use-translation";
import { draftKey, forgetDraft, markDraftPosting, readDraft, saveDraft, unmarkDraftPosting } from "./drafts";

const SAVE_DELAY_MS = 400;

type Field = HTMLInputElement | HTMLTextAreaElement;

/**
 * Keeps what a member types into a composer (decision 038) in their browser, and puts it back
 * after a reload, with a note and "Verwijder concept". Inside the form it keeps; renders
 * nothing until there is something to say. Without JavaScript nothing is kept (the form is
 * plain); for visitors neither (they cannot post).
 */
export function DraftKeeper({ formId, place, fields, postIntent }: { formId: string; place: string; fields: string[]; postIntent: string }) {
  const { t } = useTranslation();
  const root = useRouteLoaderData("root") as { viewer?: { handle: string } | null } | undefined;
  const owner = root?.viewer?.handle ?? null;
  const [restored, setRestored] = useState(false);
  const names = fields.join(" ");

  useEffect(() => {
    const form = document.getElementById(formId);
    if (!owner || !(form instanceof HTMLFormElement)) return;
    const key = draftKey(owner, place);
    const list = names.split(" ");
    const field = (name: string) => form.elements.namedItem(name) as Field | null;
    const values = () => Object.fromEntries(list.map((name) => [name, field(name)?.value ?? ""]));

    // Put a draft back only into an empty form: text the server handed back is newer.
    const draft = readDraft(key);
    if (draft && Object.values(values()).every((value) => value.trim() === "")) {
      for (const name of list) {
        const element = field(name);
        if (!element || !draft.fields[name]) continue;
        element.value = draft.fields[name];
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
        saveDraft(key, values());
      }, SAVE_DELAY_MS);
    };
    // Leaving (a reload, a closed tab) within the delay: save what was typed last.
    const flush = () => {
      if (timer === undefined) return;
      clearTimeout(timer);
      timer = undefined;
      saveDraft(key, values());
    };
    const onSubmit = (event: SubmitEvent) => {
      clearTimeout(timer);
      timer = undefined;
      saveDraft(key, values());
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
  }, [formId, owner, place, names, postIntent]);

  if (!restored || !owner) return null;
  const discard = () => {
    const form = document.getElementById(formId) as HTMLFormElement | null;
    forgetDraft(draftKey(owner, place));
    for (const name of fields) {
      const element = form?.elements.namedItem(name) as Field | null;
      if (!element) continue;
      element.value = "";
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
