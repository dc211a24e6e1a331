import type { Role } from "~/generated/prisma/enums";
import { db } from "~/platform/db.server";
import { recordEvents } from "~/platform/events/outbox.server";
import { queueMail } from "~/platform/mail.server";
import type { AccountEvent } from "./events";
import { roleChangedMail } from "./mail/role-changed.server";

/**
 * Gives a member a new role and tells them by mail, in one transaction, announcing it
 * ("account.role_changed": the audit trail). The caller has asked the Guardian (changeRole);
 * members/profiles.server.ts is the one caller. The role before is read under the row's lock,
 * so two admins changing it at once record what each really changed.
 */
export async function applyRoleChange(userId: number, role: Role, actorId: number | null): Promise<void> {
  await db.$transaction(async (tx) => {
    const [was] = await tx.$queryRaw<{ role: Role }[]>`SELECT role FROM "User" WHERE id = ${userId} FOR UPDATE`;
    if (!was || was.role === role) return;
    const user = await tx.user.update({ where: { id: userId }, data: { role }, select: { email: true, displayName: true, locale: true } });
    await recordEvents(tx, [{ type: "account.role_changed", subjectId: userId, actorId, payload: { before: was.role, after: role } } satisfies AccountEvent]);
    if (!user.email) return;
    const mail = roleChangedMail({ name: user.displayName, locale: user.locale }, role);
    await queueMail({ to: user.email, toUserId: userId, kind: "account.role-changed", ...mail }, { tx });
  });
}
