import { z } from "zod";

// The profile forms' schemas, shared by the server and the browser. Messages are i18n keys.

export const profileFieldMax = { displayName: 60, organisation: 100, expertise: 10 } as const;

/** Checkboxes send nothing, one value or several; the schema always sees a list. */
const asList = (v: string | string[] | undefined) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);

/** A checkbox value as a competence id; anything else as -1, which the check below refuses. */
const toId = (v: string) => (/^\d{1,9}$/.test(v) ? Number(v) : -1);

export const ProfileSchema = z.object({
  // The same rules as at sign-up (app/accounts/schemas.ts): other members see this name.
  displayName: z
    .string({ error: "errors.required" })
    .trim()
    .min(2, "errors.displayNameTooShort")
    .max(profileFieldMax.displayName, "errors.tooLong"),
  organisation: z.string().trim().max(profileFieldMax.organisation, "errors.tooLong").optional(),
  // Checked on the whole list, so a message lands beside the checkboxes (a message on
  // expertise[3] would have no place on the page).
  expertise: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => asList(v).map(toId))
    .superRefine((ids, ctx) => {
      if (ids.some((id) => !Number.isSafeInteger(id) || id < 1)) {
        ctx.addIssue({ code: "custom", message: "members.errors.unknownCompetence" });
      }
      if (ids.length > profileFieldMax.expertise) {
        ctx.addIssue({ code: "custom", message: `members.errors.tooManyExpertise?max=${profileFieldMax.expertise}` });
      }
    })
    .transform((ids) => [...new Set(ids)]),
  locale: z.enum(["nl", "en"], { error: "members.errors.unknownLocale" }),
});
export type ProfileInput = z.infer<typeof ProfileSchema>;

export const RoleChangeSchema = z.object({
  role: z.enum(["member", "organiser", "admin"], { error: "members.errors.unknownRole" }),
});
export type RoleChangeInput = z.infer<typeof RoleChangeSchema>;

/**
 * A member's photo: what the upload form accepts (the server checks the bytes themselves, see
 * app/platform/images.server.ts) and what is kept: a square of `side` pixels, shown at most
 * 96 px wide (192 on a sharp screen), so one size serves lists, threads and the profile.
 */
export const PHOTO_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  /** A decompression bomb is a small file that claims huge dimensions: refused before decoding. */
  maxPixels: 50_000_000,
  minSide: 64,
  side: 256,
  accept: "image/jpeg,image/png,image/webp",
} as const;

/** The photo form's field name. */
export const PHOTO_FIELD = "photo";
