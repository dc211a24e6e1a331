import type { Role } from "~/generated/prisma/enums";
import { db } from "~/platform/db.server";
import { queueMail } from "~/platform/mail.server";
import { roleChangedMail } from "./mail/role-changed.server";

/**
 * Gives a member a new role and tells them by mail, in one transaction. The caller has asked
 * the Guardian (changeRole); members/profiles.server.ts is the one caller.
 */
export async function applyRoleChange(userId: number, role: Role): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: userId }, data: { role }, select: { email: true, displayName: true, locale: true } });
    if (!user.email) return;
    const mail = roleChangedMail({ name: user.displayName, locale: user.locale }, role);
    await queueMail({ to: user.email, toUserId: userId, kind: "account.role-changed", ...mail }, { tx });
  });
}
