import { data } from "react-router";
import { Forbidden, NotFound, RateLimited } from "~/platform/errors.server";

// The one place where a loader's domain refusal becomes an HTTP answer (actions with forms
// use formFailure in form-failure.server.ts, which also keeps the typed input). The route's
// ErrorBoundary then shows the page in the reader's language.

/** `await getThing(guardian, …).catch(rethrowAsHttp)`: 404 / 403 pages; anything else stays a 500. */
export function rethrowAsHttp(error: unknown): never {
  if (error instanceof NotFound) throw data(null, { status: 404 });
  if (error instanceof Forbidden) throw data(null, { status: 403 });
  if (error instanceof RateLimited) throw data(null, { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } });
  throw error;
}
