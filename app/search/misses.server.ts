import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { fold } from "./dutch/analysis.server";

// Searches that found nothing, for organisers: what is the circle looking for that the forum
// does not have (yet), or calls by another name (a synonym group to add)? Stored is only the
// normalised query text and the day, never who searched or from where; a day's repeats add to
// one count. Kept 90 days.

export const MISS_RETENTION_DAYS = 90;
const PURGE_EVERY_MS = 60 * 60_000;
let lastPurge = 0;

/** Lowercase, accents off, one space between words: "Vrijwilligers  Café" → "vrijwilligers cafe". */
export function normaliseMissQuery(q: string): string {
  return fold(q).replace(/\s+/g, " ").trim().slice(0, 200);
}

export async function recordSearchMiss(q: string, now = new Date()): Promise<void> {
  const query = normaliseMissQuery(q);
  if (!query) return;
  const day = now.toISOString().slice(0, 10);
  await db.$executeRaw`
    INSERT INTO "SearchMiss" (query, day, count) VALUES (${query}, ${day}::date, 1)
    ON CONFLICT (query, day) DO UPDATE SET count = "SearchMiss".count + 1`;
  if (Date.now() - lastPurge > PURGE_EVERY_MS) await purgeSearchMisses(now);
}

/** Forget misses older than the retention period. */
export async function purgeSearchMisses(now = new Date()): Promise<number> {
  lastPurge = Date.now();
  return db.$executeRaw`
    DELETE FROM "SearchMiss" WHERE day < (${now.toISOString().slice(0, 10)}::date - ${MISS_RETENTION_DAYS}::int)`;
}

export type SearchMissRow = { query: string; count: number; days: number; lastDay: Date };

/** The last 90 days' misses, most frequent first (staff only). */
export async function listSearchMisses(guardian: Guardian, limit = 200): Promise<SearchMissRow[]> {
  guardian.ensureCanSeeSearchMisses();
  await purgeSearchMisses();
  return db.$queryRaw<SearchMissRow[]>`
    SELECT query, sum(count)::int AS count, count(*)::int AS days, max(day) AS "lastDay"
    FROM "SearchMiss"
    WHERE day >= current_date - ${MISS_RETENTION_DAYS}::int
    GROUP BY query
    ORDER BY 2 DESC, 4 DESC, 1
    LIMIT ${limit}`;
}
