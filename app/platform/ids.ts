import { z } from "zod";

// The one reading of an id, from a URL (/dilemmas/:id) or a form (a reply's parent, a picked
// dilemma): digits only, no sign, no leading zero, no spaces, exponent or hex, and within
// Postgres' integer range. Anything else is no id: a page answers 404, a form a message beside
// its field, never a 500 from a query Postgres cannot run. Plain module: forms' schemas use it
// in the browser too.

/** The largest id a row can have (Postgres `integer`, which every id column is). */
export const MAX_ID = 2_147_483_647;

/** The id, or null when the value is not one. */
export function parseId(value: unknown): number | null {
  if (typeof value === "number") return Number.isInteger(value) && value >= 1 && value <= MAX_ID ? value : null;
  if (typeof value !== "string" || !/^[1-9][0-9]{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id <= MAX_ID ? id : null;
}

/** A form's id field; `message` (an i18n key) when the value is not an id. */
export const idField = (message: string) =>
  z.union([z.string(), z.number()], { error: message }).transform((value, ctx) => {
    const id = parseId(value);
    if (id === null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return id;
  });
