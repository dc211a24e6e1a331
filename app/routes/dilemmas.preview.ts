import { data } from "react-router";
import { previewDilemmaBody } from "~/dilemmas/preview.server";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/dilemmas.preview";

// POST /dilemmas/preview (body=Markdown) → { html }: the live preview of the ask and edit
// forms. POST, not GET: a text of 20 000 characters does not fit in a URL.
export async function action({ request, context }: Route.ActionArgs) {
  const body = (await readForm(request)).get("body");
  if (typeof body !== "string") throw data(null, { status: 400 });
  try {
    return { html: previewDilemmaBody(guardianOf(context), body) };
  } catch (error) {
    return rethrowAsHttp(error);
  }
}

export function loader() {
  throw data(null, { status: 405, headers: { Allow: "POST" } });
}
