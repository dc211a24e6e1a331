import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/platform/db.server";

// A handle is the member's name in URLs (/members/:handle): derived from the display name,
// ASCII, made unique with a number. Members never have to invent one.
export function handleBase(displayName: string): string {
  const base = displayName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 30)
    .replace(/-+$/g, "");
  return base.length >= 2 ? base : "lid";
}

export async function uniqueHandle(displayName: string, client: Prisma.TransactionClient = db): Promise<string> {
  const base = handleBase(displayName);
  const taken = await client.user.findMany({
    where: { handle: { startsWith: base } },
    select: { handle: true },
  });
  const used = new Set(taken.map((u) => u.handle.toLowerCase()));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
