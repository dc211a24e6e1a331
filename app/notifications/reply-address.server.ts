import { createHmac, timingSafeEqual } from "node:crypto";
import { appSecret } from "~/platform/app-secret.server";
import { env, publicOrigin } from "~/platform/env.server";

// The Reply-To address of a notification mail (decision 028): who may answer, in which
// thread, under which post, until when, signed with the application's key so nobody can make
// one up or change a digit. It has to fit an address's local part (at most 64 characters) and
// survive mail servers that change its case, so it is lowercase letters, digits and dashes:
//
//   antwoord-<member>-<dilemma>-<parent or 0>-<expiry day>-<signature>@<domain>
//
// numbers in base 36, the expiry as days since 1970, the signature 80 bits of HMAC-SHA256 in
// base 32. An answer that arrives after the expiry is not posted (a mail from last season is
// not a safe place to post from); the member is told, with a link to the thread.

export const REPLY_ADDRESS_DAYS = 30;
const PREFIX = "antwoord";
const DAY_MS = 24 * 60 * 60 * 1000;
const SIGNATURE_CHARS = 16;
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

export type ReplyTarget = { memberId: number; dilemmaId: number; parentId: number | null };
export type ReadAddress =
  | { ok: true; target: ReplyTarget }
  | { ok: false; problem: "forged" }
  | { ok: false; problem: "expired"; target: ReplyTarget };

/** Whether notification mails carry a reply address: the listener is switched on. */
export const replyByMailEnabled = () => env().MAIL_INBOUND_PORT !== undefined;

export function replyDomain(): string {
  return (env().MAIL_INBOUND_DOMAIN ?? new URL(publicOrigin()).hostname).toLowerCase();
}

const keyOf = () => appSecret("reply-address");

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

const sign = (key: Buffer, body: string) => base32(createHmac("sha256", key).update(`reply:${body}`).digest()).slice(0, SIGNATURE_CHARS);

/** The full address to put in Reply-To. */
export async function replyAddress(target: ReplyTarget, now = new Date()): Promise<string> {
  return signedAddress(await keyOf(), target, now);
}

/** The address signed with `key` (replyAddress with the app's key). */
export function signedAddress(key: Buffer, target: ReplyTarget, now: Date): string {
  const expiry = Math.floor(now.getTime() / DAY_MS) + REPLY_ADDRESS_DAYS;
  const body = [target.memberId, target.dilemmaId, target.parentId ?? 0, expiry].map((n) => n.toString(36)).join("-");
  return `${PREFIX}-${body}-${sign(key, body)}@${replyDomain()}`;
}

const SHAPE = new RegExp(`^${PREFIX}-([0-9a-z]{1,7})-([0-9a-z]{1,7})-([0-9a-z]{1,7})-([0-9a-z]{1,5})-([a-z2-7]{${SIGNATURE_CHARS}})$`);

/** Whether an address could be one of ours at all (before any key is read). */
export function looksLikeReplyAddress(address: string): boolean {
  const [local, domain] = splitAddress(address);
  return domain === replyDomain() && SHAPE.test(local);
}

function splitAddress(address: string): [string, string] {
  const at = address.lastIndexOf("@");
  return at < 0 ? [address.toLowerCase(), ""] : [address.slice(0, at).toLowerCase(), address.slice(at + 1).toLowerCase()];
}

/** What an address names if its signature holds; "forged" for anything else. */
export async function readReplyAddress(address: string, now = new Date()): Promise<ReadAddress> {
  return readSignedAddress(await keyOf(), address, now);
}

/** readReplyAddress with this key. */
export function readSignedAddress(key: Buffer, address: string, now: Date): ReadAddress {
  const [local, domain] = splitAddress(address);
  const match = SHAPE.exec(local);
  if (!match || domain !== replyDomain()) return { ok: false, problem: "forged" };
  const body = match.slice(1, 5).join("-");
  const expected = Buffer.from(sign(key, body));
  const given = Buffer.from(match[5]!);
  if (!timingSafeEqual(expected, given)) return { ok: false, problem: "forged" };
  const [memberId, dilemmaId, parentId, expiry] = match.slice(1, 5).map((s) => parseInt(s, 36)) as [number, number, number, number];
  const target: ReplyTarget = { memberId, dilemmaId, parentId: parentId === 0 ? null : parentId };
  if (Math.floor(now.getTime() / DAY_MS) > expiry) return { ok: false, problem: "expired", target };
  return { ok: true, target };
}
