import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { Forbidden, NotFound } from "~/platform/errors.server";
import { presentNotifications, type NotificationView } from "./present.server";

// A member's notifications in the forum: the bell's count, the page, reading them.

export const INBOX_PAGE_SIZE = 30;

function memberId(guardian: Guardian): number {
  const id = guardian.userId;
  if (id === null) throw new Forbidden("not signed in");
  return id;
}

/** The bell's number. Counts rows, not what the Guardian would show: a withdrawn post's rows are deleted. */
export async function countUnread(guardian: Guardian): Promise<number> {
  const userId = guardian.userId;
  if (userId === null) return 0;
  return db.notification.count({ where: { userId, readAt: null } });
}

export type Inbox = { items: NotificationView[]; unread: number; olderThan: number | null };

/** Newest first, a page at a time (`before`: the last id of the page before). */
export async function listNotifications(guardian: Guardian, before: number | null): Promise<Inbox> {
  const userId = memberId(guardian);
  const rows = await db.notification.findMany({
    where: { userId, ...(before ? { id: { lt: before } } : {}) },
    orderBy: { id: "desc" },
    take: INBOX_PAGE_SIZE + 1,
  });
  const more = rows.length > INBOX_PAGE_SIZE;
  const page = rows.slice(0, INBOX_PAGE_SIZE);
  const [items, unread] = await Promise.all([presentNotifications(db, guardian, page), countUnread(guardian)]);
  return { items, unread, olderThan: more ? page[page.length - 1]!.id : null };
}

/** Marks one read and says where it leads (404 for another's or one the member may not see). */
export async function openNotification(guardian: Guardian, id: number): Promise<string> {
  const userId = memberId(guardian);
  const row = await db.notification.findFirst({ where: { id, userId } });
  if (!row) throw new NotFound("notification");
  if (!row.readAt) await db.notification.update({ where: { id }, data: { readAt: new Date() } });
  const [view] = await presentNotifications(db, guardian, [row]);
  if (!view) throw new NotFound("notification");
  return view.href;
}

export async function markRead(guardian: Guardian, id: number): Promise<void> {
  await db.notification.updateMany({ where: { id, userId: memberId(guardian), readAt: null }, data: { readAt: new Date() } });
}

export async function markAllRead(guardian: Guardian): Promise<void> {
  await db.notification.updateMany({ where: { userId: memberId(guardian), readAt: null }, data: { readAt: new Date() } });
}
