// Searches read from a streaming replica when DATABASE_REPLICA_URL is set (decision 020), but a
// member's own write never hides from them: for a few seconds after it their pages read the
// primary. A real replica on this machine: a stock PostgreSQL primary, pg_basebackup, a hot
// standby streaming from it. Pausing the standby's replay makes "which one answered" visible.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstThreadPath, writerSession } from "../../scripts/lib/write-load";
import { type ServerProcess, startServer } from "../support/server-process";
import {
  skipWithoutStockPostgres,
  type StockPostgres,
  startStockPostgres,
  startStreamingReplica,
} from "../support/stock-postgres";

describe.skipIf(skipWithoutStockPostgres("the read replica test"))("a read replica", () => {
  let primary: StockPostgres;
  let replica: StockPostgres | undefined;
  let server: ServerProcess;

  beforeAll(async () => {
    primary = await startStockPostgres();
    await primary.query("CREATE DATABASE kenniskring");
    replica = await startStreamingReplica(primary);
    server = await startServer({
      DATABASE_URL: primary.url("kenniskring"),
      DATABASE_REPLICA_URL: replica.url("kenniskring"),
      SEED_DEMO: "1",
    });
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await replica?.stop();
    await primary?.stop();
  });

  const hits = async (q: string, cookie?: string) => {
    const res = await fetch(`${server.url}/search?q=${encodeURIComponent(q)}`, { headers: cookie ? { Cookie: cookie } : {} });
    expect(res.status).toBe(200);
    // The reply's own words, not the query (the search box shows that back).
    return (await res.text()).includes("werkt in de wijk");
  };

  it("answers searches from the replica, and a member's own new post from the primary", async () => {
    // Caught up: the standby has the demo content the server seeded on the primary.
    await expect.poll(async () => (await replica!.query(`SELECT count(*)::int AS n FROM "Dilemma"`, "kenniskring"))[0]!.n, { timeout: 30_000 }).toBeGreaterThan(0);
    await replica!.query("SELECT pg_wal_replay_pause()");

    const member = await writerSession(server.url, { DATABASE_URL: primary.url("kenniskring") }, "Replica Lezer");
    const thread = await firstThreadPath(server.url);
    const posted = await fetch(`${server.url}${thread}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, Cookie: member },
      body: new URLSearchParams({ intent: "reply", body: "Het zonnebloemveldproef werkt in de wijk.", submissionId: "replica-proef-1" }).toString(),
    });
    expect(posted.status).toBe(302);
    const ownWrite = posted.headers.getSetCookie().find((c) => c.startsWith("kk_own_write="))!.split(";")[0]!;

    // Everyone else reads the paused replica: not there yet.
    expect(await hits("zonnebloemveldproef")).toBe(false);
    // The member, just after writing, reads the primary: there.
    expect(await hits("zonnebloemveldproef", `${member}; ${ownWrite}`)).toBe(true);

    await replica!.query("SELECT pg_wal_replay_resume()");
    await expect.poll(() => hits("zonnebloemveldproef"), { timeout: 15_000 }).toBe(true);
  }, 60_000);

  it("reads the primary when the replica is gone", async () => {
    await replica!.stop();
    replica = undefined;
    const statuses: number[] = [];
    let found = false;
    for (let i = 0; i < 10 && !found; i++) {
      const res = await fetch(`${server.url}/search?q=zonnebloemveldproef`);
      statuses.push(res.status);
      found = res.status === 200 && (await res.text()).includes("werkt in de wijk");
    }
    expect(found).toBe(true);
    // At most the search that found it gone fails, with 503; never a 500.
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(statuses.filter((s) => s === 503).length).toBeLessThanOrEqual(1);
  }, 60_000);
});
