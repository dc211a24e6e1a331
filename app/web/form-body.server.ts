import { data } from "react-router";

// The one reader of a submitted form. A browser always sends a form as
// application/x-www-form-urlencoded or multipart/form-data; anything else (JSON, plain text,
// no type, a multipart body cut off before its last boundary) is not a form of ours, and the
// platform's parser throws a TypeError for it, which would reach the visitor as a 500. It is
// the sender's mistake, so it is answered as one: 400 on the "Dat lukte niet" page.
export const UNREADABLE_FORM = "This request's body is not a form.";

export async function readForm(request: Request): Promise<FormData> {
  try {
    return withNewlines(await request.formData());
  } catch {
    throw data(UNREADABLE_FORM, { status: 400 });
  }
}

/**
 * A textarea's line breaks arrive as CRLF from a form posted by the browser itself (without
 * JavaScript, and always as multipart) and as LF from a script's FormData: one text, two
 * spellings, which a revision's diff then shows as changed lines. Every text field leaves
 * here with LF, whichever way it came.
 */
export function withNewlines(form: FormData): FormData {
  for (const [name, value] of [...form.entries()]) {
    if (typeof value === "string" && value.includes("\r")) {
      const values = form.getAll(name).map((v) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n") : v));
      form.delete(name);
      for (const v of values) form.append(name, v);
    }
  }
  return form;
}
