import { z } from "zod";
import { cleanText } from "~/platform/clean-text";

// The erasure form an admin fills in for a member who asked (decision 026): for the browser
// (Conform) and the server. Text is cleaned first, then checked; messages are i18n keys.

export const ERASE_REASON_MAX = 500;

export const AdminEraseSchema = z.object({
  // Conform reads an empty field (also after cleaning) as absent: both are "no reason".
  reason: z
    .string()
    .optional()
    .transform((v) => cleanText(v ?? ""))
    .pipe(z.string({ error: "avg.erase.errors.reasonRequired" }).min(1, "avg.erase.errors.reasonRequired").max(ERASE_REASON_MAX, `errors.tooLong?max=${ERASE_REASON_MAX}`)),
  posts: z.enum(["keep", "remove"], { error: "avg.adminErase.errors.posts" }),
  confirm: z.literal("yes", { error: "avg.adminErase.errors.confirm" }),
});
export type AdminEraseInput = z.input<typeof AdminEraseSchema>;
