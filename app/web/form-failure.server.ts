import type { SubmissionResult } from "@conform-to/react";
import { data } from "react-router";
import { sameSitePath } from "~/platform/same-site-path";
import { Forbidden, Invalid, NotFound, RateLimited } from "~/platform/errors.server";

// Turns what the domain threw into the form's answer: field messages with a 400, "too many
// attempts" with a 429 and Retry-After, refusals as 403/404. What the member typed comes
// back with the answer (except the fields in hideFields, e.g. passwords).
type Replyable = {
  reply(options?: {
    formErrors?: string[];
    fieldErrors?: Record<string, string[]>;
    hideFields?: string[];
  }): SubmissionResult<string[]>;
};

export function formFailure(submission: Replyable, error: unknown, hideFields: string[] = []) {
  if (error instanceof Invalid) {
    const { "": formErrors, ...fieldErrors } = error.fieldErrors;
    return data({ result: submission.reply({ formErrors, fieldErrors, hideFields }) }, { status: 400 });
  }
  if (error instanceof RateLimited) {
    const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
    return data(
      {
        result: submission.reply({
          formErrors: [error.messageKey ? `${error.messageKey}?count=${minutes}` : `errors.rateLimited?minutes=${minutes}`],
          hideFields,
        }),
      },
      { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } },
    );
  }
  if (error instanceof Forbidden) throw data(null, { status: 403 });
  if (error instanceof NotFound) throw data(null, { status: 404 });
  throw error;
}

/** An invalid submission: the schema's messages beside the fields, status 400. */
export function invalidForm(submission: Replyable, hideFields: string[] = []) {
  return data({ result: submission.reply({ hideFields }) }, { status: 400 });
}

/** Only same-site paths, safe in a Location header (the one parser: platform/same-site-path.ts). */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  return sameSitePath(to) ?? fallback;
}

/**
 * React Router sends an action's headers with the page only when the route says so: routes
 * whose actions may answer 429 export `headers = actionHeaders` to keep Retry-After.
 */
export function actionHeaders({ actionHeaders: fromAction }: { actionHeaders: Headers }): Headers {
  const headers = new Headers();
  const retryAfter = fromAction.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
}
