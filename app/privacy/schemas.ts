import { z } from "zod";
import { PRIVACY_TEXT_MAX } from "./kinds";

// What POST /api/privacy-check accepts: `{ "text": "…" }`. The text is checked as given (no
// normalising), because the marks' offsets must point into exactly what the browser sent.
export const privacyCheckRequest = z.object({
  text: z.string().max(PRIVACY_TEXT_MAX, `errors.tooLong?max=${PRIVACY_TEXT_MAX}`),
});

export type PrivacyCheckRequest = z.infer<typeof privacyCheckRequest>;
