import { data } from "react-router";

// The one reader of a submitted form. A browser always sends a form as
// application/x-www-form-urlencoded or multipart/form-data; anything else (JSON, plain text,
// no type, a multipart body cut off before its last boundary) is not a form of ours, and the
// platform's parser throws a TypeError for it, which would reach the visitor as a 500. It is
// the sender's mistake, so it is answered as one: 400 on the "Dat lukte niet" page.
export const UNREADABLE_FORM = "This request's body is not a form.";

export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw data(UNREADABLE_FORM, { status: 400 });
  }
}
