import { z } from "zod";
import { DELIVERIES } from "./kinds";

// The mail settings form (shared by server and browser, Conform). Messages are i18n keys.
const delivery = z.enum(DELIVERIES, { error: "notifications.settings.invalid" });

export const MailSettingsSchema = z.object({
  replies: delivery,
  mentions: delivery,
  answers: delivery,
  newDilemmas: delivery,
  meetings: delivery,
  digest: z.enum(["daily", "weekly", "off"], { error: "notifications.settings.invalid" }),
});
