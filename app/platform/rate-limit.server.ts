import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { RateLimited } from "./errors.server";

// Rate limits live in Postgres (table rate_limit, created by a migration) so every server
// process behind a load balancer counts the same attempts.

let pool: pg.Pool | undefined;
let poolUrl: string | undefined;

function sharedPool(): pg.Pool {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  if (!pool || poolUrl !== url) {
    void pool?.end();
    pool = new pg.Pool({ connectionString: url, max: 3 });
    pool.on("error", () => {}); // a dropped idle connection is replaced on next use
    poolUrl = url;
  }
  return pool;
}

export async function closeRateLimitPool(): Promise<void> {
  await pool?.end();
  pool = undefined;
}

export type RateLimit = {
  /** Count one attempt; throws RateLimited when the budget is spent. */
  consume(key: string): Promise<void>;
  /** Throws RateLimited if the key is already over its budget, without counting. */
  check(key: string): Promise<void>;
  /** Forget the key's attempts (e.g. after a successful login). */
  reset(key: string): Promise<void>;
};

export function rateLimit(name: string, points: number, durationSeconds: number): RateLimit {
  let limiter: RateLimiterPostgres | undefined;
  const get = () =>
    (limiter ??= new RateLimiterPostgres({
      storeClient: sharedPool(),
      storeType: "pool",
      tableName: "rate_limit",
      tableCreated: true,
      keyPrefix: name,
      points,
      duration: durationSeconds,
    }));
  const refuse = (res: RateLimiterRes): never => {
    throw new RateLimited(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
  };
  return {
    async consume(key) {
      try {
        await get().consume(key);
      } catch (e) {
        if (e instanceof RateLimiterRes) refuse(e);
        throw e;
      }
    },
    async check(key) {
      const res = await get().get(key);
      if (res && res.consumedPoints >= points) refuse(res);
    },
    async reset(key) {
      await get().delete(key);
    },
  };
}
