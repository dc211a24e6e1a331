import { data } from "react-router";
import { parseId } from "~/platform/ids";

// Route parameters and a button's hidden id, read with the one id parser (app/platform/ids.ts).
// Form fields a member fills in use its idField in their schema instead, for a message beside
// the field.

/** The id in a page's address (/dilemmas/:id): a 404 when it is not one. */
export function idOr404(value: string | null | undefined): number {
  const id = parseId(value);
  if (id === null) throw data(null, { status: 404 });
  return id;
}

/** The id a button's form carries (which reply, which agenda item): a 400 when it is not one. */
export function idOr400(value: FormDataEntryValue | null): number {
  const id = parseId(value);
  if (id === null) throw data(null, { status: 400 });
  return id;
}
