import net from "node:net";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/database";
import { assertBuilt, freePort, spawnServer } from "../support/server-process";

// Liveness and readiness told apart (decision 018): a process answers /livez as soon as it
// listens, but /readyz only once it has warmed up; until then readiness says "starting", with
// Retry-After, so a load balancer sends it no visitors yet.
const database = useTestDatabase();

describe("health", () => {
  it("is live before it is ready, and ready only after warm-up", async () => {
    assertBuilt();
    const port = await freePort();
    const { child, output, exited } = spawnServer({ DATABASE_URL: database.url, PORT: String(port), LOG_LEVEL: "info" });
    const url = `http://127.0.0.1:${port}`;
    const seen: string[] = [];
    try {
      const deadline = Date.now() + 150_000;
      let ready = false;
      while (!ready && Date.now() < deadline) {
        const [live, readiness] = await Promise.all([
          fetch(`${url}/livez`).catch(() => null),
          fetch(`${url}/readyz`).catch(() => null),
        ]);
        if (live && readiness) {
          expect(live.status).toBe(200);
          const body = (await readiness.json()) as { status: string };
          seen.push(`${readiness.status} ${body.status}`);
          if (readiness.status === 503) {
            expect(body).toEqual({ status: "starting" });
            expect(Number(readiness.headers.get("retry-after"))).toBeGreaterThan(0);
            // Ready is said in the log once warm-up is done, not before.
            expect(output()).not.toContain("Kenniskring listens on");
          }
          ready = readiness.status === 200;
        }
        if (!ready) await new Promise((r) => setTimeout(r, 20));
      }
      expect(seen).toContain("503 starting");
      expect(seen.at(-1)).toBe("200 ok");
      await expect.poll(output).toContain("Kenniskring listens on");
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      child.kill("SIGTERM");
      await exited;
    }
  }, 180_000);

  it("says in one line that its port is in use, without saying it listens first", async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, "0.0.0.0", () => resolve((blocker.address() as net.AddressInfo).port)),
    );
    try {
      const { output, exited } = spawnServer({ DATABASE_URL: database.url, PORT: String(port), LOG_LEVEL: "info" });
      expect(await exited).toBe(1);
      expect(output()).not.toContain("listens on");
      expect(output().trim().split("\n").at(-1)).toBe(`Kenniskring kon niet starten: poort ${port} is al in gebruik; kies met PORT een andere poort`);
    } finally {
      blocker.close();
    }
  }, 120_000);
});
