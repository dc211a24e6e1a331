import type { z } from "zod";
import { Invalid } from "~/platform/errors.server";

/**
 * The domain's own check of its input with the form's schema: a caller that skips the route
 * (a script, another domain function, a hand-made POST) gets the same rules. Refusals come
 * back as Invalid with the schema's message keys per top-level field, as the form shows them.
 */
export function parseOrInvalid<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : "";
    const messages = (fieldErrors[field] ??= []);
    if (!messages.includes(issue.message)) messages.push(issue.message);
  }
  throw new Invalid(fieldErrors);
}
