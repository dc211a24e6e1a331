// Liveness and readiness, told apart (decision 018).
//   /livez   200 while this process answers at all; it never touches the database. A process
//            that stops answering it is stuck and should be restarted.
//   /readyz  200 once this process has warmed up (server/warm-up.ts) and while the database
//            answers; 503 with Retry-After while starting or while the database is gone.
//   /healthz the same as /readyz (what load balancers and our tests asked before).
// The database is asked over a connection of its own, not the app's pool: a pool full of slow
// requests means "busy", and busy is not "unreachable". A ping that merely takes long says
// "slow" and stays ready: every process shares the database, so taking one out of a load
// balancer for it would not help.
import type express from "express";
import pg from "pg";
import { RETRY_AFTER_SECONDS } from "~/platform/database-trouble.server";

type Ping = "ok" | "slow" | "unreachable";

export type Health = {
  /** Warm-up is done: requests from now on take their usual time. */
  markReady(): void;
  routes(app: express.Express): void;
  close(): Promise<void>;
};

const PING_TIMEOUT_MS = 3_000;

export function createHealth(databaseUrl: string): Health {
  let ready = false;
  let client: pg.Client | null = null;
  let pending: Promise<Ping> | null = null;

  const connection = async () => {
    if (client) return client;
    const fresh = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: PING_TIMEOUT_MS });
    fresh.on("error", () => {
      if (client === fresh) client = null;
    });
    fresh.on("end", () => {
      if (client === fresh) client = null;
    });
    await fresh.connect();
    client = fresh;
    return fresh;
  };

  const ping = (): Promise<Ping> => {
    pending ??= (async (): Promise<Ping> => {
      let timer: NodeJS.Timeout | undefined;
      const slow = new Promise<Ping>((resolve) => (timer = setTimeout(() => resolve("slow"), PING_TIMEOUT_MS)));
      const asked = (async (): Promise<Ping> => {
        const c = await connection();
        await c.query("SELECT 1");
        return "ok";
      })().catch((): Ping => {
        const broken = client;
        client = null;
        void broken?.end().catch(() => {});
        return "unreachable";
      });
      try {
        return await Promise.race([asked, slow]);
      } finally {
        clearTimeout(timer);
        pending = null;
      }
    })();
    return pending;
  };

  const readiness = async (_req: express.Request, res: express.Response) => {
    res.setHeader("Cache-Control", "no-store");
    if (!ready) {
      res.setHeader("Retry-After", "2");
      res.status(503).json({ status: "starting" });
      return;
    }
    const database = await ping();
    if (database === "unreachable") {
      res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS.unavailable));
      res.status(503).json({ status: "database unreachable" });
      return;
    }
    res.status(200).json(database === "ok" ? { status: "ok" } : { status: "ok", database: "slow" });
  };

  return {
    markReady() {
      ready = true;
    },
    routes(app) {
      app.get("/livez", (_req, res) => {
        res.setHeader("Cache-Control", "no-store");
        res.status(200).json({ status: "live" });
      });
      app.get("/readyz", readiness);
      app.get("/healthz", readiness);
    },
    async close() {
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}

export const HEALTH_PATHS = new Set(["/livez", "/readyz", "/healthz"]);
