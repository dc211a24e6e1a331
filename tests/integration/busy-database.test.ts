import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Guardian } from "~/guardian/guardian.server";
import { convertToReport } from "~/meetings/agenda.server";
import { createUpcomingMeeting } from "~/meetings/reports.server";
import { db } from "~/platform/db.server";
import { useTestDatabase } from "../support/database";
import { type ServerProcess, startServer } from "../support/server-process";

// A busy database makes requests wait, and sheds them with 503 and Retry-After when the wait
// grows too long; it never answers 500 (decision 018). The load is made real: another
// connection holds a lock that the requests' statements need, so they hold the pool's few
// connections and the requests after them queue for one.
const database = useTestDatabase();
let server: ServerProcess;

beforeAll(async () => {
  server = await startServer({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: "2" });
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

/** Holds table locks in a transaction of its own until release(). */
async function holdLock(table: string) {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query("BEGIN");
  await client.query(`LOCK TABLE "${table}" IN ACCESS EXCLUSIVE MODE`);
  return {
    async release() {
      await client.query("ROLLBACK");
      await client.end();
    },
  };
}

describe("a busy database", () => {
  it("makes searches wait for a connection instead of failing them", async () => {
    const lock = await holdLock("SearchDocument");
    const searches = Array.from({ length: 6 }, (_, i) => fetch(`${server.url}/search?q=bewoners${i}`));
    // Longer than Prisma's default 2 s wait to start a transaction, shorter than ours.
    await new Promise((r) => setTimeout(r, 4_000));
    await lock.release();
    const statuses = (await Promise.all(searches)).map((r) => r.status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
  }, 60_000);

  it("sheds what waited too long with 503 and Retry-After, never 500", async () => {
    const lock = await holdLock("SearchDocument");
    // Past the 10 s a request may wait for a connection.
    const released = new Promise((r) => setTimeout(r, 13_000)).then(() => lock.release());
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => fetch(`${server.url}/search?q=buurt${i}`)));
    await released;
    // Two held the pool's connections and waited for the lock; the rest gave up waiting.
    const shed = answers.filter((r) => r.status === 503);
    expect(shed.length).toBeGreaterThanOrEqual(3);
    for (const r of shed) expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(answers.filter((r) => r.status === 500)).toEqual([]);
    expect(await shed[0]!.text()).toContain("even niet bereikbaar");
    // And the site is itself again at once.
    expect((await fetch(`${server.url}/search?q=buurt`)).status).toBe(200);
  }, 60_000);

  it("lets turning a meeting into its report take longer than 5 s on a slow machine", async () => {
    const organiser = await db.user.create({ data: { handle: "traag", displayName: "Trage Organisator", role: "organiser" } });
    const guardian = new Guardian({ kind: "member", id: organiser.id, handle: organiser.handle, displayName: organiser.displayName, role: "organiser", locale: "nl" });
    const meeting = await createUpcomingMeeting(guardian, { title: "Bijeenkomst", heldOn: "2026-11-12", startTime: "19:30", endTime: "21:00" });
    const lock = await holdLock("SearchDocument");
    const converting = convertToReport(guardian, meeting.id);
    await new Promise((r) => setTimeout(r, 6_000));
    await lock.release();
    await converting;
    expect((await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).status).toBe("draft");
  }, 60_000);
});
