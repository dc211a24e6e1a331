// A write load as members make it: members (made by the console command) posting replies to a thread over HTTP,
// each reply with its own marker in the text and the form's submissionId. A writer that gets
// no "done" (a redirect) sends the same form again, as a person pressing the button again
// would, until it gets one: an acknowledged reply is one the member saw succeed. Used by the
// fault script (npm run faults) and the backup round-trip tests; loopback only, bounded.
import { spawn } from "node:child_process";
import crypto from "node:crypto";

export type WriteLoad = {
  /** Replies acknowledged so far: marker → when. */
  acked: Map<string, number>;
  /** How many answers of each status were seen ("network" for no answer at all). */
  statuses: Map<string, number>;
  /** When the first reply sent after `t` was acknowledged (ms epoch), if one was yet. */
  firstAckSentAfter(t: number): number | undefined;
  /**
   * After a fault at `t`: when the site served writes again, i.e. the first reply sent after
   * the first failure since `t` was acknowledged (with no failure at all, the first sent after t).
   */
  servingAgainAfter(t: number): number | undefined;
  /** Stop sending; waits for requests in flight. */
  stop(): Promise<void>;
};

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

/**
 * A member made by the console command (`npm run user:create`, with the server's own database
 * settings in `env`), logged in over HTTP; returns the session cookie. Not by signing up: a
 * sign-up now waits for a mailed confirmation and, by default, an organiser's approval.
 */
export async function writerSession(base: string, env: Record<string, string>, name: string): Promise<string> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]/g, "")}-${crypto.randomBytes(3).toString("hex")}@voorbeeld.nl`;
  const password = `schrijver-${crypto.randomBytes(12).toString("hex")}`;
  const created = await runUserCreate(["--email", email, "--role", "member", "--name", name, "--password", password], env);
  if (created.code !== 0) throw new Error(`creating ${name} failed: ${created.output}`);
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { ...FORM, Origin: base },
    body: new URLSearchParams({ email, password }).toString(),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("kk_session="));
  if (!cookie) throw new Error(`logging in ${name} failed: ${res.status}`);
  return cookie.split(";")[0]!;
}

function runUserCreate(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/user-create.ts", ...args], {
    env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

/** The first thread the list shows, e.g. "/dilemmas/3/een-titel". */
export async function firstThreadPath(base: string): Promise<string> {
  const html = await (await fetch(`${base}/dilemmas`)).text();
  const path = /href="(\/dilemmas\/\d+\/[^"?#]+)"/.exec(html)?.[1];
  if (!path) throw new Error("no thread on /dilemmas to write to");
  return path;
}

export const MARKER_PREFIX = "Belastingproef";

export function startWriteLoad(opts: {
  base: () => string;
  cookies: string[];
  threadPath: string;
  /** Pause between one writer's replies. */
  pauseMs?: number;
  /** Ends by itself after this long at the latest. */
  maxMs?: number;
}): WriteLoad {
  const acked = new Map<string, number>();
  const acks: { sentAt: number; ackedAt: number }[] = [];
  const failures: number[] = [];
  const statuses = new Map<string, number>();
  const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
  const run = crypto.randomBytes(3).toString("hex");
  const until = Date.now() + (opts.maxMs ?? 120_000);
  let stopping = false;
  let stoppedAt = 0;
  // A reply not yet acknowledged when the load stops gets a last 15 s to be.
  const deadline = () => (stopping ? Math.min(until, stoppedAt + 15_000) : until);

  const writer = async (cookie: string, w: number) => {
    for (let n = 0; !stopping && Date.now() < until; n++) {
      const marker = `${MARKER_PREFIX}-${run}-${w}-${n}`;
      const form = new URLSearchParams({ intent: "reply", body: `${marker} tijdens de proef.`, submissionId: `${run}${w}x${n}` }).toString();
      // Until acknowledged: the same form, as a member would press the button again.
      while (Date.now() < deadline()) {
        const base = opts.base();
        const sentAt = Date.now();
        try {
          const res = await fetch(`${base}${opts.threadPath}`, {
            method: "POST",
            redirect: "manual",
            headers: { ...FORM, Origin: base, Cookie: cookie },
            body: form,
            signal: AbortSignal.timeout(20_000),
          });
          await res.arrayBuffer();
          count(String(res.status));
          if (res.status !== 302 && res.status !== 303) failures.push(sentAt);
          if (res.status === 302 || res.status === 303) {
            acked.set(marker, Date.now());
            acks.push({ sentAt, ackedAt: Date.now() });
            break;
          }
        } catch {
          count("network");
          failures.push(sentAt);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, opts.pauseMs ?? 20));
    }
  };

  const writers = opts.cookies.map((cookie, w) => writer(cookie, w));
  return {
    acked,
    statuses,
    firstAckSentAfter(t) {
      let first: number | undefined;
      for (const a of acks) if (a.sentAt > t && (first === undefined || a.ackedAt < first)) first = a.ackedAt;
      return first;
    },
    servingAgainAfter(t) {
      const firstFailure = failures.filter((f) => f >= t).sort((a, b) => a - b)[0];
      return this.firstAckSentAfter(firstFailure ?? t);
    },
    async stop() {
      stopping = true;
      stoppedAt = Date.now();
      await Promise.all(writers);
    },
  };
}
