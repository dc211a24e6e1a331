import type { Role } from "~/generated/prisma/enums";
import { absoluteUrl } from "~/platform/env.server";
import { composeMail, type Recipient } from "./compose.server";

/** To a member whose role an admin changed: the new role and what it lets them do. */
export function roleChangedMail(to: Recipient, role: Role) {
  return composeMail(to, (t) => ({
    subject: t("circle.mail.roleChanged.subject"),
    blocks: [
      { paragraph: t("circle.mail.roleChanged.body", { role: t(`account.roles.${role}`) }) },
      { paragraph: t(`circle.mail.roleChanged.${role}`) },
      { button: { label: t("circle.mail.roleChanged.button"), url: absoluteUrl("/account") } },
    ],
  }));
}
