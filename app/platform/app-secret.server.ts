import { randomBytes } from "node:crypto";
import { db } from "./db.server";

// Keys the application makes for itself (decision 028), so that running it needs no secret in
// the environment: the first process that needs one writes it, every later one (and every
// other process on the same database) reads the same. Kept in memory once read.

const cache = new Map<string, Promise<Buffer>>();

/** The application's secret of this name: 32 random bytes, the same in every process. */
export function appSecret(name: string): Promise<Buffer> {
  let secret = cache.get(name);
  if (!secret) {
    secret = load(name);
    cache.set(name, secret);
    secret.catch(() => cache.delete(name)); // a database hiccup: try again next time
  }
  return secret;
}

async function load(name: string): Promise<Buffer> {
  const value = randomBytes(32).toString("base64url");
  // Two processes at once: one insert wins, both read the winner.
  await db.$executeRaw`INSERT INTO "AppSecret" (name, value) VALUES (${name}, ${value}) ON CONFLICT (name) DO NOTHING`;
  const row = await db.appSecret.findUniqueOrThrow({ where: { name }, select: { value: true } });
  return Buffer.from(row.value, "base64url");
}
