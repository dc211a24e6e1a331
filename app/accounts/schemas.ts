import { z } from "zod";
import { isEmailAddress, normaliseEmail } from "./email-address";
import { cleanLine, cleanText } from "~/platform/clean-text";
import { sameSitePath } from "~/platform/same-site-path";

// Shared by the server and the browser (Conform validates with the same schema on both sides).
// Messages are i18n keys; the form translates them where it shows them. Text is cleaned
// before it is checked (NFC, no control or invisible characters, single spaces), so what is
// stored is what was meant; passwords are taken exactly as typed.

// The one text hygiene for every form (decision 007, 022): app/platform/clean-text.ts.
export { cleanLine, cleanText };

export const fieldMaxLength: Record<string, number> = {
  displayName: 60,
  organisation: 100,
  motivation: 1000,
  message: 2000,
  reason: 1000,
};

const line = (max: number) => z.string().transform(cleanLine).pipe(z.string().max(max, "errors.tooLong"));
const text = (max: number) => z.string().transform(cleanText).pipe(z.string().max(max, "errors.tooLong"));

export const emailField = z
  .string({ error: "errors.required" })
  .transform(normaliseEmail)
  .pipe(
    z
      .string()
      .min(1, "errors.required")
      .refine((v) => isEmailAddress(v), "errors.emailInvalid"),
  );

const displayName = z
  .string({ error: "errors.required" })
  .transform(cleanLine)
  .pipe(z.string().min(2, "errors.displayNameTooShort").max(fieldMaxLength.displayName!, "errors.tooLong"));

/** A new password: its strength is judged on the server (password-strength.server.ts). */
export const newPassword = z
  .string({ error: "errors.required" })
  .min(10, "errors.passwordTooShort")
  .max(200, "errors.passwordTooLong");

const currentPassword = z.string({ error: "errors.required" }).min(1, "errors.required").max(200, "errors.passwordTooLong");

// The form sends a hidden "off" before the checkbox (as Rails does), so an unticked box is
// still a submitted field and its message shows; ticked, the value is ["off", "on"].
const consent = z.preprocess(
  (v) => (Array.isArray(v) ? (v.includes("on") ? "on" : "off") : v),
  z.literal("on", { error: "errors.consentRequired" }),
);

/** A page of this site to come back to after signing up or logging in. */
const redirectTo = z
  .string()
  .optional()
  .transform((v) => sameSitePath(v));

export const SignUpSchema = z.object({
  displayName,
  email: emailField,
  password: newPassword,
  organisation: line(fieldMaxLength.organisation!).optional(),
  motivation: text(fieldMaxLength.motivation!).optional(),
  consent,
  redirectTo,
});
export type SignUpInput = z.infer<typeof SignUpSchema>;

export const LogInSchema = z.object({
  email: emailField,
  password: currentPassword,
  redirectTo,
});
export type LogInInput = z.infer<typeof LogInSchema>;

export const ForgotPasswordSchema = z.object({ email: emailField });

export const ResetPasswordSchema = z.object({ password: newPassword });

export const ChangePasswordSchema = z.object({ currentPassword, newPassword });
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>;

export const ChangeEmailSchema = z.object({ email: emailField, password: currentPassword });
export type ChangeEmailInput = z.infer<typeof ChangeEmailSchema>;

/** A new account whose address is known already (an invitation's, or the set-up's own field). */
export const NewMemberSchema = z.object({
  displayName,
  password: newPassword,
  organisation: line(fieldMaxLength.organisation!).optional(),
  consent,
});
export type NewMemberInput = z.infer<typeof NewMemberSchema>;

export const SetUpAdminSchema = NewMemberSchema.extend({ email: emailField });
export type SetUpAdminInput = z.infer<typeof SetUpAdminSchema>;

export const JoinModeSchema = z.object({
  joinMode: z.enum(["open", "approval", "invitation"], { error: "circle.errors.unknownJoinMode" }),
});

/** How many first posts of a new member wait for approval (decision 037): 0 (none) to 20. */
export const MAX_HELD_FIRST_POSTS = 20;
export const PostHoldsSchema = z.object({
  holdFirstPosts: z
    .string({ error: "holds.errors.number" })
    .trim()
    .regex(/^\d{1,2}$/, { error: "holds.errors.number" })
    .transform(Number)
    .pipe(z.number().max(MAX_HELD_FIRST_POSTS, { error: "holds.errors.number" })),
});

export const DeclineSchema = z.object({
  userId: z.coerce.number().int().positive(),
  reason: text(fieldMaxLength.reason!).optional(),
});

export const InviteSchema = z.object({
  addresses: z.string({ error: "circle.errors.noAddresses" }).max(100_000, "errors.tooLong"),
  message: text(fieldMaxLength.message!).optional(),
});
