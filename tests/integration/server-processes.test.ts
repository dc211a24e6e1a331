import { spawnSync } from "node:child_process";
import http from "node:http";
import net from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createMemberFromConsole } from "~/accounts/accounts.server";
import { purgeAccounts, UNCONFIRMED_DAYS } from "~/accounts/purge.server";
import { db } from "~/platform/db.server";
import { useTestDatabase } from "../support/database";
import { cookieFrom, postForm, type ServerProcess, spawnServer, startServer } from "../support/server-process";

// Two server processes on one database behave as one site: a login made on one is valid on
// the other, and the rate limits count attempts made on both.
const database = useTestDatabase();
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  [a, b] = await Promise.all([
    startServer({ DATABASE_URL: database.url }),
    startServer({ DATABASE_URL: database.url }),
  ]);
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

const email = `twee-${Date.now()}@voorbeeld.nl`;
const password = "twee servers een sessie";

/** An active member (as `npm run user:create` makes one), logged in through `server`'s form. */
async function loggedIn(server: ServerProcess, account: { displayName: string; email: string; password: string }) {
  await createMemberFromConsole({ ...account, role: "member" });
  return postForm(server.url, "/login", { email: account.email, password: account.password });
}

describe("two processes, one database", () => {
  it("share a login session", async () => {
    const login = await loggedIn(a, { displayName: "Twee Servers", email, password });
    expect(login.status).toBe(302);
    const setCookie = login.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    const cookie = cookieFrom(login);

    const onB = await fetch(`${b.url}/account`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain("Twee Servers");

    const logout = await postForm(b.url, "/logout", {}, cookie);
    expect(logout.status).toBe(302);
    const onA = await fetch(`${a.url}/account`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(onA.status).toBe(302);
    expect(onA.headers.get("location")).toMatch(/^\/login/);
  });

  it("share the login limits", async () => {
    // 8 failures for one account, alternating between the processes…
    for (let i = 0; i < 8; i++) {
      const server = i % 2 ? a : b;
      const res = await postForm(server.url, "/login", { email, password: `fout ${i}` });
      expect(res.status).toBe(400);
    }
    // …pause it on both, even for the right password from this browser, with a time to retry.
    for (const server of [a, b]) {
      const res = await postForm(server.url, "/login", { email, password });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await res.text()).toContain("te vaak een verkeerd wachtwoord");
    }
  });

  it("refuse writes from another origin", async () => {
    const res = await fetch(`${a.url}/login`, {
      method: "POST",
      headers: { Origin: "https://kwaadwillend.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=a%40b.nl&password=x",
    });
    expect(res.status).toBe(403);
    const noOrigin = await fetch(`${a.url}/login`, { method: "POST", body: new URLSearchParams({ email: "a@b.nl" }) });
    expect(noOrigin.status).toBe(403);
  });

  it("send security headers and a per-request CSP nonce", async () => {
    const [first, second] = await Promise.all([fetch(`${a.url}/login`), fetch(`${a.url}/login`)]);
    const csp = first.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toEqual(second.headers.get("content-security-policy"));
    const nonce = /nonce-([A-Za-z0-9+/=]+)/.exec(csp)![1];
    const html = await first.text();
    expect(html).toContain(`nonce="${nonce}"`);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("compress pages and data in the encoding the browser takes, and nothing for one that takes none", async () => {
    // Raw bytes: fetch would decompress them out of sight.
    const get = (pathname: string, acceptEncoding: string, method = "GET") =>
      new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        const req = http.request(`${a.url}${pathname}`, { method, headers: { "Accept-Encoding": acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on("error", reject);
        req.end();
      });
    const decoded = (r: { headers: http.IncomingHttpHeaders; body: Buffer }) =>
      (r.headers["content-encoding"] === "br"
        ? zlib.brotliDecompressSync(r.body)
        : r.headers["content-encoding"] === "gzip"
          ? zlib.gunzipSync(r.body)
          : r.body
      ).toString("utf8");

    const plain = await get("/privacy", "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString("utf8")).toMatch(/^<!DOCTYPE html>/i);

    const brotli = await get("/privacy", "gzip, deflate, br");
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotli.headers.vary).toMatch(/Accept-Encoding/i);
    expect(brotli.body.length).toBeLessThan(plain.body.length / 2);
    // The same page, apart from its per-request nonce, form ids and the moment relative times count from.
    const withoutNonces = (html: string) =>
      html
        .replace(/nonce="[^"]+"/g, "")
        .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "")
        .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, "");
    expect(withoutNonces(decoded(brotli))).toBe(withoutNonces(plain.body.toString("utf8")));

    const gzip = await get("/privacy", "gzip;q=1, br;q=0");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(decoded(gzip)).toContain("</html>");

    const missing = await get("/bestaat-niet", "br");
    expect(missing.status).toBe(404);
    expect(missing.headers["content-encoding"]).toBe("br");
    expect(decoded(missing)).toContain("</html>");

    const head = await get("/privacy", "br", "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);

    // Data for client-side navigation goes through the general compression.
    const data = await get("/privacy.data", "gzip");
    expect(data.status).toBe(200);
    expect(data.headers["content-encoding"]).toBe("gzip");
    expect(decoded(data).length).toBeGreaterThan(0);
  });

  it("send each page whole, with the data the browser takes it over with", async () => {
    const res = await fetch(`${a.url}/dilemmas`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<!DOCTYPE html><html lang="nl"/);
    expect(html).toMatch(/<\/html>$/);
    // The loaders' data in one script (the root's and the list's), then the closing one.
    const enqueued = [...html.matchAll(/streamController\.enqueue\(("(?:[^"\\]|\\.)*")\);/g)].map((m) => JSON.parse(m[1]!) as string);
    expect(enqueued).toHaveLength(1);
    expect(enqueued[0]).toContain("routes/dilemmas._index");
    expect(enqueued[0]).toMatch(/"locale","nl"/);
    expect(html.indexOf("streamController.close()")).toBeGreaterThan(html.indexOf("streamController.enqueue("));
  });

  it("answer 400 with messages beside the fields, typed values kept and the password not", async () => {
    const res = await postForm(a.url, "/signup", { displayName: "Invul Fout", email: "geen-adres", password: "kort" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Dit is geen geldig e-mailadres.");
    expect(html).toContain("Je wachtwoord moet minstens 10 tekens hebben.");
    expect(html).toContain('value="Invul Fout"');
    expect(html).toContain('value="geen-adres"');
    expect(html).not.toContain('value="kort"');
  });

  it("take a NUL character in any input without a server error", async () => {
    const login = await postForm(a.url, "/login", { email: "nul\u0000@voorbeeld.nl", password: "iets\u0000anders" });
    expect(login.status).toBe(400);
    const similar = await fetch(`${a.url}/dilemmas/similar?title=${encodeURIComponent("bewoners\u0000 vasthouden")}`);
    expect(similar.status).toBeLessThan(500);
    const list = await fetch(`${a.url}/dilemmas?competence=%00`);
    expect(list.status).toBeLessThan(500);
  });

  it("show a change made through one process on the other at once (decision 010)", async () => {
    await database.query(`INSERT INTO "Competence" (slug, "nameNl", "nameEn") VALUES ('samen-delen', 'Samen delen', 'Sharing')`);
    const login = await loggedIn(b, { displayName: "Vraag Steller", email: `vraag-${Date.now()}@voorbeeld.nl`, password: "twee servers een lijst" });
    const session = cookieFrom(login);
    const listOn = async (server: ServerProcess, cookie?: string) =>
      (await fetch(`${server.url}/dilemmas`, { headers: cookie ? { Cookie: cookie } : {} })).text();
    await listOn(a);
    await listOn(a, session);

    const asked = await postForm(
      b.url,
      "/dilemmas/new",
      {
        intent: "publish",
        title: "Wat als de buurt zich de verkeerde kant op ontwikkelt?",
        body: "Bewoners willen iets anders dan de gemeente. Wat doe ik dan?",
        competences: "samen-delen",
        submissionId: crypto.randomUUID(),
      },
      session,
    );
    expect(asked.status).toBe(302);
    // The asker's next page, on the other process, shows it on the first try: their browser now
    // says it has just written, so that page is read live.
    const ownWrite = asked.headers.getSetCookie().find((c) => c.startsWith("kk_own_write="));
    expect(ownWrite).toMatch(/Max-Age=\d+/);
    expect(await listOn(a, `${session}; ${ownWrite!.split(";")[0]}`)).toContain("verkeerde kant op");
    // Everyone else as soon as process A hears of the commit.
    await expect.poll(() => listOn(a), { timeout: 20_000, interval: 10 }).toContain("verkeerde kant op");

    // Process A really serves the list from memory: a change that is not announced (triggers
    // off, as no real write path can do) stays unseen…
    await listOn(a);
    await database.query(`ALTER TABLE "Dilemma" DISABLE TRIGGER "Dilemma_announces_change"`);
    await database.query(`UPDATE "Dilemma" SET title = 'Stil veranderde titel'`);
    await database.query(`ALTER TABLE "Dilemma" ENABLE TRIGGER "Dilemma_announces_change"`);
    expect(await listOn(a)).toContain("verkeerde kant op");
    // …until an announcement arrives.
    await database.query(`SELECT pg_notify('content_changed', '')`);
    await expect.poll(() => listOn(a), { timeout: 20_000, interval: 10 }).toContain("Stil veranderde titel");
  });

  it("report health", async () => {
    const res = await fetch(`${a.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});

describe("start-up without a database", () => {
  it("prints one clear line and exits non-zero", async () => {
    const { output, exited } = spawnServer({ DATABASE_URL: "postgres://nobody:x@127.0.0.1:1/nothing", PORT: "0" });
    const code = await exited;
    expect(code).not.toBe(0);
    const lines = output().trim().split("\n");
    expect(lines.at(-1)).toMatch(/^Kenniskring kon niet starten: .*/);
  });
});

describe("WEB_CONCURRENCY: several processes behind one port", () => {
  const workersOf = (pid: number) => {
    const out = spawnSync("pgrep", ["-P", String(pid)], { encoding: "utf8" }).stdout;
    return out.split("\n").filter(Boolean).map(Number);
  };

  /** A sign-up nobody confirmed, older than the purge job keeps them. */
  const staleSignUp = (handle: string) =>
    db.user.create({
      data: { handle, displayName: handle, status: "unverified", createdAt: new Date(Date.now() - (UNCONFIRMED_DAYS + 1) * 86_400_000) },
    });
  /** The daily purge, asked now: done only if some process of the site works the jobs. */
  const purgedByTheSite = async (handle: string) => {
    const user = await staleSignUp(handle);
    await purgeAccounts.enqueue({});
    await expect.poll(() => db.user.findUnique({ where: { id: user.id } }), { timeout: 30_000 }).toBeNull();
  };

  /** The memory report (server/memory-report.ts) one process writes on SIGUSR2. */
  const reportOf = async (dir: string, pid: number) => {
    const file = path.join(dir, `memory-${pid}.json`);
    process.kill(pid, "SIGUSR2");
    await expect.poll(() => existsSync(file), { timeout: 20_000 }).toBe(true);
    return JSON.parse(readFileSync(file, "utf8")) as { role: string; usage: { heapUsed: number }; owners: Array<{ name: string }> };
  };

  it("serves from every worker, works the jobs in one, replaces one that dies, and stops them all", async () => {
    const reports = mkdtempSync(path.join(os.tmpdir(), "kk-memory-"));
    const site = await startServer({ DATABASE_URL: database.url, WEB_CONCURRENCY: "2", LOG_LEVEL: "info", KK_MEMORY_REPORT_DIR: reports });
    try {
      await expect.poll(() => site.output(), { timeout: 30_000 }).toContain("(2 processes)");
      const first = workersOf(site.child.pid!);
      expect(first).toHaveLength(2);
      const pages = await Promise.all(Array.from({ length: 6 }, () => fetch(`${site.url}/login`)));
      expect(pages.map((p) => p.status)).toEqual([200, 200, 200, 200, 200, 200]);
      await purgedByTheSite(`oud-${Date.now()}`);

      // The primary serves no page and works no job: none of the app is loaded in it (decision
      // 042). The app's page caches register as memory owners when their modules load; the
      // primary has none, and a fraction of a worker's heap.
      const primary = await reportOf(reports, site.child.pid!);
      const worker = await reportOf(reports, first[1]!);
      expect(primary.role).toBe("primary");
      expect(primary.owners).toEqual([]);
      expect(worker.owners.some((o) => o.name.endsWith("(shared page data)"))).toBe(true);
      expect(primary.usage.heapUsed).toBeLessThan(worker.usage.heapUsed / 3);

      // The first worker works the jobs; its replacement takes them over.
      process.kill(first[0]!, "SIGKILL");
      await expect.poll(() => site.output(), { timeout: 30_000 }).toContain("a server process stopped unexpectedly");
      await expect.poll(() => workersOf(site.child.pid!).length, { timeout: 30_000 }).toBe(2);
      expect(workersOf(site.child.pid!)).not.toContain(first[0]);
      expect((await fetch(`${site.url}/healthz`)).status).toBe(200);
      await purgedByTheSite(`ouder-${Date.now()}`);
    } finally {
      const primary = site.child.pid!;
      const workers = workersOf(primary);
      await site.stop();
      expect(site.child.exitCode).toBe(0);
      // No worker outlives the primary.
      for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
    }
  }, 180_000);

  it("says in one line when a worker cannot listen, and exits non-zero", async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, "0.0.0.0", () => resolve((blocker.address() as net.AddressInfo).port)),
    );
    try {
      const { child, output, exited } = spawnServer({ DATABASE_URL: database.url, WEB_CONCURRENCY: "2", PORT: String(port) });
      // Never leave a primary and its workers behind when this test fails or times out.
      onTestFinished(() => {
        for (const pid of [...workersOf(child.pid!), child.pid!]) {
          try {
            process.kill(pid, "SIGKILL");
          } catch {
            // already gone
          }
        }
      });
      expect(await exited).toBe(1);
      const lines = output().trim().split("\n");
      expect(lines.at(-1)).toBe(`Kenniskring kon niet starten: poort ${port} is al in gebruik; kies met PORT een andere poort`);
      expect(lines.filter((l) => l.startsWith("Kenniskring kon niet starten"))).toHaveLength(1);
    } finally {
      blocker.close();
    }
  }, 60_000);
});
