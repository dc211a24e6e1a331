import { randomUUID } from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOGIN_FAILURES_PER_IP } from "~/accounts/accounts.server";
import { hashPassword } from "~/accounts/passwords.server";
import { createSession } from "~/accounts/sessions.server";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import { dilemmaPath } from "~/dilemmas/paths";
import { Guardian } from "~/guardian/guardian.server";
import { openAgenda } from "~/meetings/agenda.server";
import { createUpcomingMeeting } from "~/meetings/reports.server";
import { db } from "~/platform/db.server";
import { createReply } from "~/replies/replies.server";
import { useTestDatabase } from "../support/database";
import { postForm, startServer, type ServerProcess } from "../support/server-process";

// The edge of the real server (decision 022), asked over HTTP with hostile requests: where a
// browser is sent after logging in, what a proxy may say, how large a request may be, who may
// be paused at the login, how fast a member may post, which host absolute links name, which
// headers every page carries. The server runs behind one (pretend) proxy: this test.
const database = useTestDatabase();
let server: ServerProcess;
const PUBLIC = "https://kring.example.nl";
const PASSWORD = "een lang en goed wachtwoord voor de kring";

let n = 0;
type Member = { id: number; email: string; cookie: string; guardian: Guardian };
async function member(role: "member" | "organiser" = "member"): Promise<Member> {
  const email = `edge-${++n}@voorbeeld.nl`;
  const user = await db.user.create({
    data: { handle: `edge-${n}`, displayName: `Lid ${n}`, role, email, passwordHash: await hashPassword(PASSWORD), status: "active" },
  });
  const cookie = `kk_session=${(await createSession(user.id)).token}`;
  const guardian = new Guardian({ kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role, locale: "nl" });
  return { id: user.id, email, cookie, guardian };
}

let page = "";
let meetingId = 0;
let asker: Member;

beforeAll(async () => {
  asker = await member();
  const organiser = await member("organiser");
  await db.competence.create({ data: { slug: "buurt", nameNl: "Buurt", nameEn: "Neighbourhood" } });
  const dilemma = await createDilemma(asker.guardian, {
    title: "Hoe houd ik de buurtmaaltijd betaalbaar?",
    body: "Zie ![de begroting](https://teller.example/pixel.gif?lezer=1) en het schema.",
    competences: ["buurt"],
  });
  page = dilemmaPath(dilemma);
  await createReply(organiser.guardian, dilemma.id, { body: "Vraag een bijdrage naar draagkracht.", submissionId: randomUUID() });
  const next = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  meetingId = (await createUpcomingMeeting(organiser.guardian, { title: "Kringbijeenkomst", heldOn: next })).id;
  await openAgenda(organiser.guardian, meetingId);
  server = await startServer({ DATABASE_URL: database.url, TRUST_PROXY: "1", PUBLIC_URL: PUBLIC });
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(server.url + path, { redirect: "manual", headers });

/** Where a Location header sends the browser, resolved as a browser does. */
function destination(location: string | null): string {
  return new URL(location ?? "", server.url).origin;
}

/** One raw HTTP/1.1 exchange: what the server answers to these bytes (status line and all). */
function raw(request: string | Buffer, { keepSending }: { keepSending?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, "127.0.0.1");
    let answer = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within 15 s; got: ${answer.slice(0, 200)}`));
    }, 15_000);
    socket.on("data", (d: Buffer) => (answer += d.toString("latin1")));
    socket.on("error", () => {}); // a reset after the answer is fine: the answer is what counts
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.write(request);
    // Keep part of a body coming, slowly, as a large upload would; never the whole.
    if (keepSending) {
      const chunk = Buffer.alloc(64 * 1024, "a");
      let sent = 0;
      const more = setInterval(() => {
        if (socket.destroyed || sent >= keepSending) return clearInterval(more);
        socket.write(chunk);
        sent += chunk.length;
      }, 50);
      socket.on("close", () => clearInterval(more));
    }
  });
}

const HOSTILE_PATHS = [
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\nSet-Cookie: kk_session=gestolen",
  "/\\evil.example",
  "//evil.example",
  "/\\/evil.example",
  "/./\\evil.example",
  "/..//evil.example",
  "/a/..//evil.example/",
  "https://evil.example/",
  "/\u2028/evil.example",
  "/\u0000/evil.example",
  "/\u00a0/evil.example",
  "/café/€/日本",
  "/%0d%0aX-Test:%20ja",
  " //evil.example",
  "/\u200b/evil.example",
  "\\\\evil.example",
  `/${"a".repeat(600)}`,
];

describe("where a browser is sent next (redirectTo)", () => {
  it("the language form: always this site, never a 500, whatever redirectTo holds", async () => {
    const wrong: string[] = [];
    for (const to of HOSTILE_PATHS) {
      const res = await postForm(server.url, "/language", { locale: "en", redirectTo: to });
      const location = res.headers.get("location");
      if (res.status !== 302 || destination(location) !== server.url || location!.startsWith("//")) {
        wrong.push(`${JSON.stringify(to)}: ${res.status} ${location}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("a page of this site with non-ASCII is kept, percent-encoded", async () => {
    const res = await postForm(server.url, "/language", { locale: "nl", redirectTo: "/search?q=café" });
    expect(res.headers.get("location")).toBe("/search?q=caf%C3%A9");
  });

  it("logging in: always this site, never a 500", async () => {
    const owner = await member();
    const wrong: string[] = [];
    for (const to of HOSTILE_PATHS.slice(0, 8)) {
      const res = await postForm(server.url, "/login", { email: owner.email, password: PASSWORD, redirectTo: to });
      const location = res.headers.get("location");
      if (res.status !== 302 || destination(location) !== server.url) wrong.push(`${JSON.stringify(to)}: ${res.status} ${location}`);
      // Already signed in, the login page sends one on: the same parser.
      const again = await get(`/login?redirectTo=${encodeURIComponent(to)}`, { Cookie: owner.cookie });
      if (again.status !== 302 || destination(again.headers.get("location")) !== server.url) wrong.push(`GET ${JSON.stringify(to)}: ${again.status}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe("cookies a browser (or anyone) sends", () => {
  it("bad percent-encoding in the session, language or browser cookie is no 500", async () => {
    for (const cookie of ["kk_session=%E0%A4%A", "kk_lang=%ZZ", "kk_session=%; kk_lang=%", "kk_device=%C0; __Host-kk_session=%FF%"]) {
      for (const path of ["/", page, "/login"]) {
        expect((await get(path, { Cookie: cookie })).status, `${cookie} ${path}`).toBe(200);
      }
    }
    const login = await postForm(server.url, "/login", { email: asker.email, password: PASSWORD }, "kk_device=%E0%A4%A");
    expect(login.status).toBe(302);
  });
});

describe("behind a proxy (TRUST_PROXY=1: one hop)", () => {
  const proxied = (extra: Record<string, string>) => ({
    "Content-Type": "application/x-www-form-urlencoded",
    "X-Forwarded-Host": "kring.example.nl",
    ...extra,
  });

  it("a form posted through a proxy that forwards the host (and rewrites Host) is taken", async () => {
    for (const headers of [
      proxied({ Origin: PUBLIC, "X-Forwarded-Proto": "https" }),
      // No X-Forwarded-Proto: the forwarded host is PUBLIC_URL's, so is its protocol.
      proxied({ Origin: PUBLIC }),
      proxied({ Origin: PUBLIC, "X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.1" }),
      // A host with its port; a chain of proxies each adding its own.
      proxied({ Origin: "https://kring.example.nl:8443", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "kring.example.nl:8443" }),
      proxied({ Origin: PUBLIC, "X-Forwarded-Proto": "https", "X-Forwarded-Host": "kring.example.nl, 10.0.0.5:3000" }),
      proxied({ Origin: "http://intern.example:8080", "X-Forwarded-Host": "intern.example:8080" }),
    ]) {
      const res = await fetch(`${server.url}/language`, { method: "POST", redirect: "manual", headers, body: "locale=en&redirectTo=%2Fdilemmas" });
      expect(res.status, JSON.stringify(headers)).toBe(302);
      expect(res.headers.get("location")).toBe("/dilemmas");
    }
  });

  it("another origin is still refused through the proxy", async () => {
    const res = await fetch(`${server.url}/language`, {
      method: "POST",
      redirect: "manual",
      headers: proxied({ Origin: "https://evil.example", "X-Forwarded-Proto": "https" }),
      body: "locale=en",
    });
    expect(res.status).toBe(403);
  });

  it("a spoofed X-Forwarded-For does not give a guesser a fresh address each time", async () => {
    // One address trying many accounts, writing a new X-Forwarded-For itself each time. What
    // our proxy sends on: the client's own header, then the address it saw.
    const statuses: number[] = [];
    for (let i = 0; i <= LOGIN_FAILURES_PER_IP; i++) {
      const res = await fetch(`${server.url}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": `10.9.${i}.${i}, 203.0.113.50` },
        body: new URLSearchParams({ email: `niemand-${i}@voorbeeld.nl`, password: `fout ${i}` }).toString(),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, LOGIN_FAILURES_PER_IP).every((s) => s === 400)).toBe(true);
    expect(statuses[LOGIN_FAILURES_PER_IP]).toBe(429);
  });
});

describe("wrong passwords", () => {
  const login = (email: string, password: string, from: string, cookie?: string) =>
    fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": from, ...(cookie ? { Cookie: cookie } : {}) },
      body: new URLSearchParams({ email, password }).toString(),
    });

  it("from a stranger pause the stranger, not the owner: elsewhere, or in their own browser", async () => {
    const owner = await member();
    // The owner logged in before, in this browser: it got a known-browser cookie.
    const first = await login(owner.email, PASSWORD, "198.51.100.10");
    const device = first.headers.getSetCookie().find((c) => c.startsWith("kk_device="))!.split(";")[0]!;
    expect(device).toMatch(/^kk_device=[a-z2-7]{20,}$/);
    for (let i = 0; i < 8; i++) expect((await login(owner.email, `raden ${i}`, "203.0.113.66")).status).toBe(400);
    const paused = await login(owner.email, PASSWORD, "203.0.113.66");
    expect(paused.status).toBe(429);
    expect(paused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await paused.text()).toContain("Er is te vaak een verkeerd wachtwoord gegeven");
    // The owner, at another address (a new browser) and behind the stranger's own address in their known one.
    expect((await login(owner.email, PASSWORD, "198.51.100.11")).status).toBe(302);
    expect((await login(owner.email, PASSWORD, "203.0.113.66", device)).status).toBe(302);
  });
});

describe("request sizes", () => {
  it("an anonymous 100 MB POST is refused from its headers, before the body is read", async () => {
    const started = Date.now();
    const answer = await raw(
      `POST /dilemmas/new HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${server.url}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${100 * 1024 * 1024}\r\n\r\n`,
      { keepSending: 1024 * 1024 },
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain("Te groot");
    expect(answer).toContain('<a href="/">');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("a form of 2 MB, a JSON body of 1 MB, an upload of 40 MB: 413; a body of unknown length: 411", async () => {
    const form = await postForm(server.url, "/dilemmas/new", { title: "x", body: "a".repeat(2 * 1024 * 1024) }, asker.cookie);
    expect(form.status).toBe(413);
    expect(await form.text()).toContain("Maak je tekst korter");
    const json = await fetch(`${server.url}/api/privacy-check`, {
      method: "POST",
      headers: { Origin: server.url, "Content-Type": "application/json", Cookie: asker.cookie },
      body: JSON.stringify({ text: "b".repeat(1024 * 1024) }),
    });
    expect(json.status).toBe(413);
    const upload = await raw(
      `POST /account/profile HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${server.url}\r\n` +
        `Content-Type: multipart/form-data; boundary=x\r\nContent-Length: ${40 * 1024 * 1024}\r\n\r\n`,
      { keepSending: 256 * 1024 },
    );
    expect(upload).toMatch(/^HTTP\/1\.1 413 /);
    const chunked = await raw(
      `POST /language HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${server.url}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nlocal\r\n`,
    );
    expect(chunked).toMatch(/^HTTP\/1\.1 411 /);
  });

  it("an ordinary long reply still goes through", async () => {
    const body = `${"Een lange reactie met é en 😀. ".repeat(500)}`.trim();
    const res = await postForm(server.url, page, { intent: "reply", body, submissionId: randomUUID() }, asker.cookie);
    expect(res.status).toBe(302);
  });

  it("an address of 9 KB or 1 MB: a 414 page, not a dropped connection or a bare 431", async () => {
    const long = await get(`/search?q=${"woord+".repeat(1600)}`);
    expect(long.status).toBe(414);
    expect(await long.text()).toContain("Adres te lang");
    const huge = await raw(`GET /search?q=${"x".repeat(1024 * 1024)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 414 /);
    expect(huge).toContain("Adres te lang");
    const cookies = await raw(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: a=${"c".repeat(40 * 1024)}\r\n\r\n`);
    expect(cookies).toMatch(/^HTTP\/1\.1 431 /);
    expect(cookies).toContain("cookies");
  });
});

describe("bodies that are not a form", () => {
  // A browser sends a form urlencoded or as multipart; anything else is the sender's mistake:
  // a 400 page that says so, never a 500, for a visitor (logging in) and a member (replying).
  const notForms: Array<[string, string, string]> = [
    ["JSON", "application/json", '{"email":"a@b.nl"}'],
    ["plain text", "text/plain", "email=a@b.nl"],
    ["no type", "", "email=a@b.nl"],
    ["multipart cut off before its end", "multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.nl\r\n'],
    ["multipart without a boundary", "multipart/form-data", "email=a@b.nl"],
  ];
  it("a method no page answers (TRACE, PROPFIND) is a 405 that says what is allowed, not a 500", async () => {
    for (const method of ["TRACE", "PROPFIND"]) {
      const answer = await raw(`${method} /dilemmas HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${server.url}\r\nConnection: close\r\n\r\n`);
      expect(answer, method).toMatch(/^HTTP\/1\.1 405 /);
      expect(answer).toMatch(/^Allow: GET, HEAD, POST/im);
    }
  });

  it("no Host (an HTTP/1.0 monitor) gets the page; a Host that is no host name gets a 400, never a 500", async () => {
    const old = await raw("GET /dilemmas HTTP/1.0\r\nConnection: close\r\n\r\n");
    expect(old).toMatch(/^HTTP\/1\.1 200 /);
    expect(old).toContain("Hoe houd ik de buurtmaaltijd betaalbaar?");
    for (const host of ["", "a b", "[::1", "localhost:99999"]) {
      const answer = await raw(`GET /dilemmas HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(answer, `Host: ${host}`).toMatch(host === "" ? /^HTTP\/1\.1 200 / : /^HTTP\/1\.1 400 /);
    }
  });

  it.each(notForms)("%s: 400 on the login form and the reply form, nothing stored", async (_name, type, body) => {
    const repliesBefore = await db.reply.count();
    for (const [path, cookie] of [["/login", ""], [page, asker.cookie]] as const) {
      const headers: Record<string, string> = { Origin: server.url, Cookie: cookie };
      if (type) headers["Content-Type"] = type;
      const res = await fetch(server.url + path, { method: "POST", headers, body: new TextEncoder().encode(body), redirect: "manual" });
      expect(res.status, `${path} answered ${res.status}`).toBe(400);
      expect(await res.text()).toContain("Dat lukte niet");
    }
    expect(await db.reply.count()).toBe(repliesBefore);
  });
});

describe("posting and editing, per member", () => {
  it("a burst of replies is stopped with a message beside the form and the text kept; nothing half-stored", async () => {
    const poster = await member();
    const before = await db.reply.count({ where: { authorId: poster.id } });
    const statuses: number[] = [];
    let refusal = "";
    for (let i = 0; i < 8; i++) {
      const body = `Snelle reactie nummer ${i}: probeer de buurtkamer 🍲`;
      const res = await postForm(server.url, page, { intent: "reply", body, submissionId: randomUUID() }, poster.cookie);
      statuses.push(res.status);
      if (res.status === 429) refusal ||= (await res.text()).replace(/&#x27;|&#39;/g, "'");
    }
    expect(statuses.slice(0, 6)).toEqual([302, 302, 302, 302, 302, 302]);
    expect(statuses.slice(6)).toEqual([429, 429]);
    expect(refusal).toContain("Je plaatst veel berichten kort na elkaar");
    expect(refusal).toContain("Snelle reactie nummer 6: probeer de buurtkamer 🍲");
    expect(await db.reply.count({ where: { authorId: poster.id } })).toBe(before + 6);
    // Another member is not slowed down by this one.
    const other = await member();
    expect((await postForm(server.url, page, { intent: "reply", body: "Ik mag nog.", submissionId: randomUUID() }, other.cookie)).status).toBe(302);
  });

  it("a burst of edits of one's own reply is stopped too, the edit kept in the form", async () => {
    const editor = await member();
    const dilemma = await db.dilemma.findFirstOrThrow({ select: { id: true } });
    const reply = await createReply(editor.guardian, dilemma.id, { body: "Eerste versie.", submissionId: randomUUID() });
    const statuses: number[] = [];
    let last = "";
    for (let i = 0; i < 16; i++) {
      const res = await postForm(server.url, `/replies/${reply.id}/edit`, { body: `Versie ${i} van mijn reactie.` }, editor.cookie);
      statuses.push(res.status);
      if (res.status === 429) last = await res.text();
    }
    expect(statuses.filter((s) => s === 302)).toHaveLength(15);
    expect(statuses[15]).toBe(429);
    expect(last).toContain("Je hebt veel wijzigingen kort na elkaar opgeslagen");
    expect(last).toContain("Versie 15 van mijn reactie.");
  });
});

describe("absolute links name PUBLIC_URL, never the Host header", () => {
  it("in a meeting's calendar file, the calendar feed and the meetings page", async () => {
    // fetch() sets Host itself; a raw request says what a hostile client would.
    const withHost = async (path: string) => {
      const answer = await raw(`GET ${path} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`);
      return { status: Number(answer.slice(9, 12)), body: answer };
    };
    for (const path of [`/meetings/${meetingId}/calendar.ics`, "/meetings/calendar.ics", "/meetings", `/meetings/${meetingId}`]) {
      const { status, body } = await withHost(path);
      expect(status, path).toBe(200);
      expect(body.replace(/^Host: .*$/m, ""), path).not.toContain("evil.example");
    }
    const ics = (await withHost(`/meetings/${meetingId}/calendar.ics`)).body;
    expect(ics.replace(/\r\n /g, "")).toContain(`${PUBLIC}/meetings/${meetingId}`);
    const list = (await withHost("/meetings")).body;
    expect(list).toContain("webcal://kring.example.nl/meetings/calendar.ics");
  });
});

describe("headers on every page", () => {
  it("a signed-in page is private and not stored; every answer has a Permissions-Policy", async () => {
    for (const path of ["/", page, "/account", "/dilemmas"]) {
      const res = await get(path, { Cookie: asker.cookie });
      expect(res.headers.get("cache-control"), path).toBe("private, no-store");
      expect(res.headers.get("permissions-policy"), path).toContain("camera=()");
    }
    const data = await get(`${page}.data`, { Cookie: asker.cookie });
    expect(data.headers.get("cache-control")).toBe("private, no-store");
    const anonymous = await get("/");
    expect(anonymous.headers.get("cache-control") ?? "").not.toContain("private");
    expect(anonymous.headers.get("permissions-policy")).toContain("geolocation=()");
  });

  it("a picture from another host in a post is a link, not loaded, and the policy loads none", async () => {
    const res = await get(page);
    const html = await res.text();
    expect(html).not.toMatch(/<img[^>]+teller\.example/);
    expect(html).toContain('href="https://teller.example/pixel.gif?lezer=1"');
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/img-src 'self'(;|$)/);
  });
});

describe("form input, normalised before it is checked", () => {
  it("a reply to a reply of another thread: the form again with a message, the text kept, nothing stored", async () => {
    const writer = await member();
    const elsewhere = await createDilemma(writer.guardian, { title: "Een andere vraag over de buurt", body: "Tekst.", competences: ["buurt"] });
    const foreign = await createReply(writer.guardian, elsewhere.id, { body: "Elders.", submissionId: randomUUID() });
    const before = await db.reply.count();
    const body = "Mijn antwoord op de verkeerde draad, met *nadruk*.";
    const res = await postForm(server.url, page, { intent: "reply", body, parentId: String(foreign.id), submissionId: randomUUID() }, writer.cookie);
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(html).toContain("De reactie waarop je wilt reageren bestaat niet");
    expect(html).toContain(body);
    expect(await db.reply.count()).toBe(before);
  });

  it("a title of only invisible or control characters is empty: required, beside the field", async () => {
    const writer = await member();
    for (const title of ["\u200b\u200b\u200b\u200b\u200b\u200b", "\u0001\u0002\u0003\u0004\u0005\u0006", "\u202e\u2066\ufeff\u2060\u200d\u200c"]) {
      const res = await postForm(server.url, "/dilemmas/new", { title, body: "Genoeg tekst om te vragen.", competences: "buurt", submissionId: randomUUID() }, writer.cookie);
      expect(res.status, JSON.stringify(title)).toBe(400);
      expect(await res.text()).toContain("Vul dit veld in.");
    }
    const organiser = await member("organiser");
    const next = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const meeting = await postForm(server.url, "/meetings/new", { kind: "upcoming", title: "\u0007\u0008\u001b\u007f", heldOn: next }, organiser.cookie);
    expect(meeting.status).toBe(400);
    expect(await meeting.text()).toContain("Vul dit veld in.");
    expect(await db.meeting.count({ where: { title: "" } })).toBe(0);
  });

  it("a one-line title keeps no line break, escape or control character, in the page or the calendar file", async () => {
    const organiser = await member("organiser");
    const next = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10);
    const res = await postForm(
      server.url,
      "/meetings/new",
      { kind: "upcoming", title: "Kring\r\nDESCRIPTION:nep\u001b[31m rood\u0000", heldOn: next, place: "Buurthuis\nDe Ster" },
      organiser.cookie,
    );
    expect(res.status).toBe(302);
    const stored = await db.meeting.findFirstOrThrow({ where: { title: { startsWith: "Kring" } }, orderBy: { id: "desc" } });
    expect(stored.title).toBe("Kring DESCRIPTION:nep[31m rood");
    expect(stored.place).toBe("Buurthuis De Ster");
    const ics = await (await get(`/meetings/${stored.id}/calendar.ics`)).text();
    expect(ics).not.toMatch(/^DESCRIPTION:nep/m);
  });

  it("a NUL in a search is not echoed back, in the page or the API", async () => {
    const pageHtml = await (await get("/search?q=buurt%00maaltijd")).text();
    expect(pageHtml).not.toContain("\u0000");
    expect(pageHtml).not.toContain("&#0;");
    const api = await (await get("/api/search?q=buurt%00maaltijd")).text();
    expect(api).not.toContain("\\u0000");
  });
});

