import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import type { Tx } from "~/platform/events/event";
import { Forbidden, NotFound } from "~/platform/errors.server";
import { presentNotifications, type NotificationView } from "./present.server";

// A member's notifications in the forum: the bell's count, the page, reading them.

export const INBOX_PAGE_SIZE = 30;

function memberId(guardian: Guardian): number {
  const id = guardian.userId;
  if (id === null) throw new Forbidden("not signed in");
  return id;
}

/** Unread rows looked at per query, and at most, for the bell (the badge says "99+" past 99). */
const BELL_BATCH = 200;
const BELL_MOST = 1_000;

/**
 * The bell's number: exactly the unread notifications /notifications shows, so read through the
 * member's Guardian like the page (decision 029). Rows of a post hidden a moment ago (before the
 * subscriber withdrew them), of a hidden dilemma or of a draft the member may not see are not
 * counted. No unread rows (the usual case): one indexed query, as a plain count was.
 */
export async function countUnread(guardian: Guardian): Promise<number> {
  const userId = guardian.userId;
  if (userId === null) return 0;
  return countVisibleUnread(db, guardian, userId);
}

async function countVisibleUnread(tx: Tx, guardian: Guardian, userId: number): Promise<number> {
  let visible = 0;
  let before: number | undefined;
  for (let looked = 0; looked < BELL_MOST; looked += BELL_BATCH) {
    const rows = await tx.notification.findMany({
      where: { userId, readAt: null, ...(before ? { id: { lt: before } } : {}) },
      orderBy: { id: "desc" },
      take: BELL_BATCH,
    });
    if (rows.length) visible += (await presentNotifications(tx, guardian, rows)).length;
    if (rows.length < BELL_BATCH) break;
    before = rows[rows.length - 1]!.id;
  }
  return visible;
}

export type Inbox = { items: NotificationView[]; unread: number; olderThan: number | null };

/**
 * Newest first, a page at a time (`before`: the last id of the page before). The page and its
 * unread count are read in one snapshot (repeatable read): a notification the relay writes
 * between the two reads would otherwise be counted beside a list without it ("3 ongelezen"
 * beside two items). The header's bell on this page shows this same count (NotificationBell).
 */
export async function listNotifications(guardian: Guardian, before: number | null): Promise<Inbox> {
  const userId = memberId(guardian);
  return db.$transaction(
    async (tx) => {
      const rows = await tx.notification.findMany({
        where: { userId, ...(before ? { id: { lt: before } } : {}) },
        orderBy: { id: "desc" },
        take: INBOX_PAGE_SIZE + 1,
      });
      const more = rows.length > INBOX_PAGE_SIZE;
      const page = rows.slice(0, INBOX_PAGE_SIZE);
      const items = await presentNotifications(tx, guardian, page);
      const unread = await countVisibleUnread(tx, guardian, userId);
      return { items, unread, olderThan: more ? page[page.length - 1]!.id : null };
    },
    { isolationLevel: "RepeatableRead" },
  );
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
