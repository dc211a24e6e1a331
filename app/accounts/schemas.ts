import { z } from "zod";

// Shared by the server and the browser (Conform validates with the same schema on both sides).
// Messages are i18n keys; the form translates them where it shows them.

const email = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(254, "errors.emailInvalid")
  .pipe(z.email({ error: "errors.emailInvalid" }));

export const SignUpSchema = z.object({
  displayName: z
    .string({ error: "errors.required" })
    .trim()
    .min(2, "errors.displayNameTooShort")
    .max(60, "errors.tooLong"),
  email,
  password: z
    .string({ error: "errors.required" })
    .min(10, "errors.passwordTooShort")
    .max(200, "errors.passwordTooLong"),
  organisation: z.string().trim().max(100, "errors.tooLong").optional(),
  // The form sends a hidden "off" before the checkbox (as Rails does), so an unticked box is
  // still a submitted field and its message shows; ticked, the value is ["off", "on"].
  consent: z.preprocess(
    (v) => (Array.isArray(v) ? (v.includes("on") ? "on" : "off") : v),
    z.literal("on", { error: "errors.consentRequired" }),
  ),
});
export type SignUpInput = z.infer<typeof SignUpSchema>;

export const LogInSchema = z.object({
  email,
  password: z.string({ error: "errors.required" }).min(1, "errors.required").max(200, "errors.passwordTooLong"),
  redirectTo: z.string().optional(),
});
export type LogInInput = z.infer<typeof LogInSchema>;

/** Where a message key needs a number (tooLong), the form looks it up here. */
export const fieldMaxLength: Record<string, number> = { displayName: 60, organisation: 100 };
