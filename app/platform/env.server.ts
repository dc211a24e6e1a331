import { z } from "zod";
import { parseTrustProxy } from "./trust-proxy.server";

// Every setting comes from the environment; README.md lists them in a table. Parsed once so a
// typo in a value fails at start-up with a clear message instead of somewhere later.
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().optional(),
  // Connections each server process keeps to Postgres (decision 018; docs/scaling.md).
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Behind a reverse proxy (TLS terminated elsewhere): how many proxies of ours stand in front
  // (1 for one nginx), or their addresses/networks ("127.0.0.1,10.0.0.0/8"), so the client IP
  // for rate limits, the host and https come from X-Forwarded-* sent by them only (decision 022).
  TRUST_PROXY: z
    .string()
    .default("0")
    .refine((v) => parseTrustProxy(v) !== null, {
      error: "TRUST_PROXY must be 0, a hop count (1 for one proxy), or proxy addresses/networks, e.g. 127.0.0.1,10.0.0.0/8",
    }),
  // Per-member posting and editing budgets (decision 022). "off" only for load tests and the
  // bench, whose writers post far faster than any person.
  POSTING_LIMITS: z.enum(["on", "off"]).default("on"),
  // Pages ask for their scripts only after their first paint (decision 051); "0" gives React
  // Router's own <Scripts> back (the scripts asked for while the page is read).
  SCRIPTS_AFTER_FIRST_PAINT: z.enum(["0", "1"]).default("1"),
  // Demo content on an empty database. Set SEED_DEMO=0 for a real circle's first start.
  SEED_DEMO: z.enum(["0", "1"]).default("1"),
  // Server processes sharing the port: a number, or "auto" for one per CPU core (production).
  WEB_CONCURRENCY: z.union([z.literal("auto"), z.coerce.number().int().min(1).max(64)]).default(1),
  // A search that matches more posts than this counts a sample and shows estimates (decision
  // 011). 5 000 posts are read, ranked and counted in ≈ 20 ms on 2 cores; a faster server can
  // afford more.
  // Live thread streams (decision 029) one server process keeps open at most; past it a page
  // works as without JavaScript until a stream closes. Each is one idle socket, no database
  // connection (one listening connection per process serves them all).
  LIVE_MAX_STREAMS: z.coerce.number().int().min(0).max(100_000).default(1000),
  SEARCH_EXACT_POSTS: z.coerce.number().int().min(0).default(5000),
  // Backups (decision 019): where `npm run db:backup` and the schedule write them (default
  // KK_DATA_DIR/backups), every how many hours the server makes one (0: never), how many to keep.
  BACKUP_DIR: z.string().optional(),
  BACKUP_INTERVAL_HOURS: z.coerce.number().min(0).max(24 * 31).default(0),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  // Read-only pages may read from this streaming replica of DATABASE_URL (decision 020).
  DATABASE_REPLICA_URL: z.string().optional(),
  // Where people reach the site: links in mail and calendar files are built on it. Unset:
  // http://localhost:PORT, right for trying it on one's own machine only.
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "PUBLIC_URL must be an http(s) URL, e.g. https://kenniskring.example.nl" })
    .optional(),
  // Outgoing mail (decision 015): smtp(s)://user:password@host:port. Unset: every message is
  // kept in the database and admins read it at /circle/mail.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
    .optional(),
  // The sender of every message: an address, or a name and an address ("Kenniskring
  // <kring@example.nl>"). Unset: "Kenniskring" at PUBLIC_URL's host.
  MAIL_FROM: z.string().min(3).optional(),
  // Reply by e-mail (decision 028): the port of the app's own inbound SMTP listener. Unset:
  // off, and notification mails carry no Reply-To address.
  MAIL_INBOUND_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // The address it listens on: 127.0.0.1 behind a mail server of your own that relays to it;
  // 0.0.0.0 to take mail from the internet directly (then the MX record points here).
  MAIL_INBOUND_HOST: z.string().min(1).default("127.0.0.1"),
  // The domain of the reply addresses (antwoord-…@DOMAIN); its MX must lead to the listener.
  // Unset: PUBLIC_URL's host.
  MAIL_INBOUND_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, "MAIL_INBOUND_DOMAIN must be a domain, e.g. kenniskring.example.nl")
    .optional(),
  // The largest message taken, in bytes: a reply is text; larger mail is refused at once.
  MAIL_INBOUND_MAX_BYTES: z.coerce.number().int().min(10_000).max(50_000_000).default(1_000_000),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid environment: ${problems.join("; ")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

export const isProduction = () => env().NODE_ENV === "production";

/** The site's public origin, no trailing slash: PUBLIC_URL, else http://localhost:PORT. */
export function publicOrigin(): string {
  const settings = env();
  const base = settings.PUBLIC_URL ?? `http://localhost:${settings.PORT}`;
  return base.replace(/\/+$/, "");
}

/**
 * An absolute URL for a path of this site, for places that leave the browser: mail, calendar
 * files, the console. PUBLIC_URL may carry a path prefix (https://example.nl/kring), kept.
 */
export function absoluteUrl(path: string): string {
  return `${publicOrigin()}${path.startsWith("/") ? path : `/${path}`}`;
}

/** For tests that change the environment between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
