import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemberFromConsole } from "~/accounts/accounts.server";
import { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { hideReply } from "~/replies/replies.server";
import { useTestDatabase } from "../support/database";
import { cookieFrom, postForm, type ServerProcess, startServer } from "../support/server-process";

// The live thread (decision 029) across two server processes on one database: a reply posted
// through one reaches a page streaming from the other (LISTEN/NOTIFY), as an id only; the reply
// itself is fetched through the Guardian. Plus: catching up after a reconnect (Last-Event-ID),
// the cap on open streams, and a shutdown that ends open streams instead of hanging on them.
const database = useTestDatabase();
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  [a, b] = await Promise.all([
    startServer({ DATABASE_URL: database.url, POSTING_LIMITS: "off" }),
    startServer({ DATABASE_URL: database.url, POSTING_LIMITS: "off", LIVE_MAX_STREAMS: "2" }),
  ]);
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

type Stream = { next(event: string, ms?: number): Promise<string>; close(): void; ended: Promise<void>; response: Response };

/** An EventSource as a test reads it: waits for the next event of a kind and gives its data. */
async function openStream(base: string, path: string, headers: Record<string, string> = {}): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(base + path, { headers: { Accept: "text/event-stream", ...headers }, signal: controller.signal });
  let buffer = "";
  const waiting: { event: string; resolve: (data: string) => void }[] = [];
  const events: { event: string; data: string }[] = [];
  const take = () => {
    for (const w of [...waiting]) {
      const at = events.findIndex((e) => e.event === w.event);
      if (at >= 0) {
        w.resolve(events.splice(at, 1)[0]!.data);
        waiting.splice(waiting.indexOf(w), 1);
      }
    }
  };
  const ended = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data !== undefined) events.push({ event, data });
        }
        take();
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    response,
    ended,
    close: () => controller.abort(),
    next: (event, ms = 15_000) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${event}" event within ${ms} ms`)), ms);
        waiting.push({ event, resolve: (d) => (clearTimeout(timer), resolve(d)) });
        take();
      }),
  };
}

let cookie: string;
let dilemma: { id: number; path: string };
let memberId: number;

describe("the live thread", () => {
  beforeAll(async () => {
    const email = `live-${Date.now()}@voorbeeld.nl`;
    await createMemberFromConsole({ displayName: "Lotte Live", email, password: "live draad voor iedereen", role: "member" });
    cookie = cookieFrom(await postForm(a.url, "/login", { email, password: "live draad voor iedereen" }));
    const user = await db.user.findFirstOrThrow({ where: { email } });
    memberId = user.id;
    const d = await db.dilemma.create({
      data: { title: "Een buurtfeest zonder subsidie", bodyMd: "Hoe?", bodyHtml: "<p>Hoe?</p>", authorId: user.id },
    });
    dilemma = { id: d.id, path: `/dilemmas/${d.id}/een-buurtfeest-zonder-subsidie` };
  });

  async function reply(body: string, parentId?: number): Promise<number> {
    const fields: Record<string, string> = { intent: "reply", body, submissionId: randomUUID() };
    if (parentId) fields.parentId = String(parentId);
    const res = await postForm(a.url, dilemma.path, fields, cookie);
    expect(res.status).toBe(302);
    return Number(/#reply-(\d+)/.exec(res.headers.get("location") ?? "")?.[1]);
  }

  it("brings a reply posted through one process to a page streaming from the other", async () => {
    const stream = await openStream(b.url, `/live/dilemmas/${dilemma.id}`, { Cookie: cookie });
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const id = await reply("Vraag de woningcorporatie om een bijdrage.");
    expect(Number(await stream.next("reply"))).toBe(id);
    stream.close();

    const found = await fetch(`${b.url}/live/replies/${id}`, { headers: { Cookie: cookie } });
    expect(found.status).toBe(200);
    const json = (await found.json()) as { dilemmaId: number; mine: boolean; reply: { content: { bodyHtml: string; author: { displayName: string } } } };
    expect(json.dilemmaId).toBe(dilemma.id);
    expect(json.mine).toBe(true);
    expect(json.reply.content.bodyHtml).toContain("woningcorporatie");
    expect(json.reply.content.author.displayName).toBe("Lotte Live");
  });

  it("never hands out a hidden reply, whoever asks", async () => {
    const id = await reply("Dit wordt verborgen.");
    const organiser = await db.user.create({ data: { handle: `org-${Date.now()}`, displayName: "Org", role: "organiser" } });
    await hideReply(new Guardian({ kind: "member", id: organiser.id, handle: organiser.handle, displayName: "Org", role: "organiser", locale: "nl" }), id, "Naam van een bewoner");
    const visitor = await fetch(`${b.url}/live/replies/${id}`);
    expect(visitor.status).toBe(404);
    expect(await visitor.text()).not.toContain("verborgen");
    // Its author still reads it, as on the page (with the reason).
    expect((await fetch(`${b.url}/live/replies/${id}`, { headers: { Cookie: cookie } })).status).toBe(200);
  });

  it("catches a reconnecting page up from its last id", async () => {
    const first = await reply("Eerste van twee.");
    const second = await reply("Tweede van twee.", first);
    const stream = await openStream(b.url, `/live/dilemmas/${dilemma.id}`, { "Last-Event-ID": String(first - 1) });
    expect(Number(await stream.next("reply"))).toBe(first);
    expect(Number(await stream.next("reply"))).toBe(second);
    stream.close();
  });

  it("refuses a stream past the process's cap, and one for a dilemma the viewer may not see", async () => {
    const open = [await openStream(b.url, `/live/dilemmas/${dilemma.id}`), await openStream(b.url, `/live/dilemmas/${dilemma.id}`)];
    const third = await fetch(`${b.url}/live/dilemmas/${dilemma.id}`);
    expect(third.status).toBe(503);
    expect(third.headers.get("retry-after")).toBeTruthy();
    for (const s of open) s.close();
    await Promise.all(open.map((s) => s.ended));

    const hidden = await db.dilemma.create({
      data: { title: "Verborgen", bodyMd: "x", bodyHtml: "<p>x</p>", authorId: memberId, hiddenAt: new Date(), hiddenReason: "test" },
    });
    expect((await fetch(`${a.url}/live/dilemmas/${hidden.id}`)).status).toBe(404);
  });

  it("ends open streams when the process stops, without waiting for them", async () => {
    const stream = await openStream(a.url, `/live/dilemmas/${dilemma.id}`);
    expect(stream.response.status).toBe(200);
    const started = Date.now();
    await a.stop();
    await stream.ended;
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
