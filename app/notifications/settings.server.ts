import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Tx } from "~/platform/events/event";
import { db } from "~/platform/db.server";
import { type Guardian, memberIdOf } from "~/guardian/guardian.server";
import { DEFAULT_DELIVERY, DELIVERIES, MAIL_GROUPS, type Delivery, type MailGroup } from "./kinds";

// A member's mail choices (one row, made on first save or first unsubscribe link; without it
// the defaults apply) and the one-click unsubscribe links that change them without logging in.

export type Deliveries = Record<MailGroup, Delivery>;

const pick = (row: Partial<Deliveries> | null | undefined): Deliveries =>
  Object.fromEntries(MAIL_GROUPS.map((g) => [g, (row?.[g] as Delivery | undefined) ?? DEFAULT_DELIVERY[g]])) as Deliveries;

/** Each member's choices (defaults for those who never changed them). */
export async function deliveriesOf(tx: Tx, userIds: number[]): Promise<Map<number, Deliveries>> {
  const rows = userIds.length ? await tx.notificationSettings.findMany({ where: { userId: { in: userIds } } }) : [];
  const byId = new Map(rows.map((r) => [r.userId, r]));
  return new Map(userIds.map((id) => [id, pick(byId.get(id))]));
}

export async function getDeliveries(guardian: Guardian): Promise<Deliveries> {
  const userId = ownId(guardian);
  return (await deliveriesOf(db, [userId])).get(userId)!;
}

export async function saveDeliveries(guardian: Guardian, choices: Deliveries): Promise<void> {
  const userId = ownId(guardian);
  await db.notificationSettings.upsert({
    where: { userId },
    create: { userId, mailKey: newKey(), ...choices },
    update: choices,
  });
}

function ownId(guardian: Guardian): number {
  guardian.ensureCanManageOwnAccount();
  return memberIdOf(guardian);
}

// ── One-click unsubscribe (RFC 8058) ─────────────────────────────────────────────────────
// A link names the member and what to stop ("replies", …, or "daily"/"weekly": everything
// that comes in that digest) and is signed with the member's own key (HMAC-SHA256): no login,
// nothing to guess, and a new key (a future "reset my links") voids every old one.

export type UnsubscribeScope = MailGroup | "daily" | "weekly";
const SCOPES: readonly string[] = [...MAIL_GROUPS, "daily", "weekly"];

const newKey = () => randomBytes(32).toString("base64url");

async function keyOf(tx: Tx, userId: number): Promise<string> {
  const row = await tx.notificationSettings.upsert({
    where: { userId },
    create: { userId, mailKey: newKey() },
    update: {},
    select: { mailKey: true },
  });
  return row.mailKey;
}

const sign = (key: string, userId: number, scope: string) =>
  createHmac("sha256", key).update(`unsubscribe:${userId}:${scope}`).digest("base64url").slice(0, 32);

export async function unsubscribeToken(tx: Tx, userId: number, scope: UnsubscribeScope): Promise<string> {
  return signedUnsubscribeToken(await keyOf(tx, userId), userId, scope);
}

/** The token for a member whose key the caller has read already (a digest of many members). */
export function signedUnsubscribeToken(mailKey: string, userId: number, scope: UnsubscribeScope): string {
  return `${userId}.${scope}.${sign(mailKey, userId, scope)}`;
}

/**
 * Gives members without a settings row one (defaults, a new key) and locks every one of the
 * rows, in id order, until the transaction ends: two digests of the same member (a retry, a
 * second run) wait for each other instead of both sending. Returns the rows.
 */
export async function lockSettingsRows(tx: Tx, userIds: number[]) {
  if (!userIds.length) return [];
  await tx.notificationSettings.createMany({ data: userIds.map((userId) => ({ userId, mailKey: newKey() })), skipDuplicates: true });
  await tx.$queryRaw`SELECT 1 FROM "NotificationSettings" WHERE "userId" = ANY(${userIds}::int[]) ORDER BY "userId" FOR UPDATE`;
  return tx.notificationSettings.findMany({ where: { userId: { in: userIds } } });
}

/** Each member's choices from rows already read (defaults where a member has none). */
export function deliveriesFrom(row: Partial<Deliveries> | null | undefined): Deliveries {
  return pick(row);
}

export type UnsubscribeLink = { userId: number; scope: UnsubscribeScope };

/** The link's member and scope if its signature holds; null for anything else. */
export async function readUnsubscribeToken(token: string): Promise<UnsubscribeLink | null> {
  const match = /^(\d{1,10})\.([a-zA-Z]+)\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const userId = Number(match[1]);
  const scope = match[2]!;
  if (!SCOPES.includes(scope) || userId > 2_147_483_647) return null;
  const row = await db.notificationSettings.findUnique({ where: { userId }, select: { mailKey: true } });
  if (!row) return null;
  const expected = Buffer.from(sign(row.mailKey, userId, scope));
  const given = Buffer.from(match[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { userId, scope: scope as UnsubscribeScope };
}

/** Stops what the link names; returns the groups now off. */
export async function unsubscribe(link: UnsubscribeLink): Promise<MailGroup[]> {
  const current = (await deliveriesOf(db, [link.userId])).get(link.userId)!;
  const groups =
    link.scope === "daily" || link.scope === "weekly"
      ? MAIL_GROUPS.filter((g) => current[g] === link.scope)
      : [link.scope];
  const off = Object.fromEntries(groups.map((g) => [g, "off"]));
  await db.notificationSettings.update({ where: { userId: link.userId }, data: off });
  return groups;
}

export const isDelivery = (value: unknown): value is Delivery => DELIVERIES.includes(value as Delivery);
