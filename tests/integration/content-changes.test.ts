import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCompetenceChoices } from "~/dilemmas/competence-tags.server";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import { decodeCursor } from "~/dilemmas/cursor";
import type { DilemmaListQuery } from "~/dilemmas/list-query";
import { listDilemmas } from "~/dilemmas/list.server";
import { loadDilemmaPage } from "~/replies/dilemma-page.server";
import { hideDilemma } from "~/dilemmas/moderation.server";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import {
  CONTENT_CHANGED_CHANNEL,
  contentGeneration,
  followContentChanges,
  type ContentChangeFeed,
} from "~/platform/content-changes.server";
import { db } from "~/platform/db.server";
import { logger } from "~/platform/logger.server";
import { SharedReadCache } from "~/platform/shared-read-cache.server";
import { createReply, hideReply, setHelpful } from "~/replies/replies.server";
import { useTestDatabase } from "../support/database";

// Decision 010: committed content changes are announced on a channel, each process counts
// them, and page data kept in memory is used only while nothing changed.
const database = useTestDatabase();

/** A separate connection, as another server process or a script would have. */
async function connection(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  return client;
}

/** Collects the notifications one connection receives on the content channel. */
async function listener() {
  const client = await connection();
  const received: string[] = [];
  client.on("notification", (n) => received.push(n.channel));
  await client.query(`LISTEN ${CONTENT_CHANGED_CHANNEL}`);
  return { client, received };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

// Tables whose rows no page shows. Every other table must announce its changes: a new table
// that shows up here fails this test until it gets a trigger or is named below.
const NOT_CONTENT = new Set([
  "_prisma_migrations",
  "Session",
  "rate_limit",
  "SearchDocument",
  "SearchText",
  "SearchIndexState",
  "SearchIndexGeneration",
  "SearchWord",
  "SearchSynonymGroup",
  "SearchMiss",
  "ContentImportRef",
  // Membership by e-mail (decision 016): links, settings, invitations, requests and the mail
  // log are read live by the pages that show them (staff's and the member's own), never from
  // shared page data. A member's status is on "User", which announces.
  "AccountToken",
  "CircleSettings",
  "Invitation",
  "JoinRequest",
  "Mail",
  // The outbox and its relay's bookkeeping (decision 014): what changed is announced by the
  // content tables it was written with.
  "DomainEvent",
  "DomainEventCursor",
  "DomainEventFailure",
  // A member's known browsers (decision 022): read at login only.
  "KnownDevice",
  // Notifications (decision 023) and moderation (025): per member or for staff, read live by
  // the pages that show them (the bell, /notifications, /moderation, the audit log), never
  // from shared page data.
  "Notification",
  "NotificationSettings",
  "Watch",
  "DilemmaVisit",
  "NotificationMailThrottle",
  "ModerationFlag",
  "PrivacyReview",
  "AuditEntry",
  // Reply by e-mail and feeds (decision 028): the app's own keys and a member's feed token,
  // read by the mail job and the feed routes, never by shared page data.
  "AppSecret",
  "FeedToken",
  // Consent to the privacy statement (decision 026): read with the session, per request.
  "ConsentRecord",
]);

describe("the database announces content changes", () => {
  it("for every content table, once per committed transaction, never for a rollback", async () => {
    const { client: ear, received } = await listener();
    const writer = await connection();
    try {
      const tables = (
        await database.query<{ name: string }>(
          "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
        )
      ).map((t) => t.name);
      const content = tables.filter((t) => !NOT_CONTENT.has(t));
      expect(content).toEqual(expect.arrayContaining(["Dilemma", "Reply", "Competence", "User", "MeetingDilemma"]));

      // Nothing is announced before the commit, and two statements announce once.
      await writer.query("BEGIN");
      await writer.query(`DELETE FROM "Dilemma" WHERE false`);
      await writer.query(`DELETE FROM "Reply" WHERE false`);
      await settle();
      expect(received).toEqual([]);
      await writer.query("COMMIT");
      await expect.poll(() => received.length, { timeout: 20_000, interval: 2 }).toBe(1);

      for (const table of content) {
        received.length = 0;
        // A statement-level trigger fires even when no row matches: enough to prove it is there.
        await writer.query(`DELETE FROM "${table}" WHERE false`);
        await expect.poll(() => received, { timeout: 20_000, interval: 2, message: table }).toEqual([CONTENT_CHANGED_CHANNEL]);
      }

      received.length = 0;
      await writer.query("BEGIN");
      await writer.query(`DELETE FROM "Dilemma" WHERE false`);
      await writer.query("ROLLBACK");
      for (const table of NOT_CONTENT) if (tables.includes(table)) await writer.query(`DELETE FROM "${table}" WHERE false`);
      await settle();
      expect(received).toEqual([]);
    } finally {
      await Promise.all([ear.end(), writer.end()]);
    }
  });
});

describe("a process following content changes", () => {
  let feed: ContentChangeFeed;
  beforeAll(async () => {
    feed = await followContentChanges(database.url, { logger, retryMs: 20, maxRetryMs: 50 });
  });
  afterAll(async () => {
    await feed?.stop();
  });

  /** Waits until this process has heard of a change made after `before`. */
  async function heardSince(before: number | null) {
    await expect.poll(() => contentGeneration(), { timeout: 20_000, interval: 5 }).not.toBe(before);
  }

  /** A change committed as another process would, and heard by this one. */
  async function changeAndHear(sql: string) {
    const before = contentGeneration();
    await database.query(sql);
    await heardSince(before);
  }

  it("keeps a read until some content changes, then reads again", async () => {
    const cache = new SharedReadCache<{ n: number }>({ maxEntries: 10 });
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect(await cache.read("k", load)).toEqual({ n: 1 });
    expect(await cache.read("k", load)).toEqual({ n: 1 });
    expect(await cache.read("other", load)).toEqual({ n: 2 });

    await changeAndHear(`INSERT INTO "Competence" (slug, "nameNl", "nameEn") VALUES ('na-wijziging', 'Na', 'After')`);
    expect(await cache.read("k", load)).toEqual({ n: 3 });
    expect(await cache.read("k", load)).toEqual({ n: 3 });
  });

  it("keeps no more than its bound in bytes: large values push the least recently used out", async () => {
    // Each value ≈ 2 × 40 000 bytes of JSON; 200 000 bytes hold two of them, not ten.
    const cache = new SharedReadCache<{ n: number; text: string }>({ maxEntries: 10, maxBytes: 200_000 });
    let loads = 0;
    const load = async () => ({ n: ++loads, text: "x".repeat(40_000) });
    for (const key of ["a", "b", "c"]) await cache.read(key, load);
    expect(loads).toBe(3);
    await cache.read("c", load);
    await cache.read("b", load);
    expect(loads).toBe(3); // the two most recent are kept
    await cache.read("a", load);
    expect(loads).toBe(4); // the oldest went to make room
  });

  it("does not keep a read that overlapped a change", async () => {
    const cache = new SharedReadCache<{ n: number }>({ maxEntries: 10 });
    let loads = 0;
    const slowLoad = async () => {
      const value = { n: ++loads };
      if (loads === 1) {
        // Another process commits while this read is under way.
        await changeAndHear(`UPDATE "Competence" SET "nameEn" = 'Changed' WHERE slug = 'na-wijziging'`);
      }
      return value;
    };
    expect(await cache.read("k", slowLoad)).toEqual({ n: 1 });
    expect(await cache.read("k", slowLoad)).toEqual({ n: 2 });
    expect(await cache.read("k", slowLoad)).toEqual({ n: 2 });
  });

  it("shares one read between requests that miss at the same moment", async () => {
    const cache = new SharedReadCache<{ n: number }>({ maxEntries: 10 });
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { n: loads };
    };
    const values = await Promise.all(Array.from({ length: 5 }, () => cache.read("k", load)));
    expect(loads).toBe(1);
    expect(values.every((v) => v === values[0])).toBe(true);
  });

  it("reads live while its connection is down, and keeps reads again once it is back", async () => {
    const cache = new SharedReadCache<{ n: number }>({ maxEntries: 10 });
    let loads = 0;
    const load = async () => ({ n: ++loads });
    await cache.read("k", load);
    const before = contentGeneration();
    expect(before).not.toBeNull();

    // Postgres restarts, a failover, a proxy drops the connection: simulated by ending it.
    await database.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN ${CONTENT_CHANGED_CHANNEL}'`,
    );
    await expect.poll(() => contentGeneration(), { timeout: 20_000, interval: 2 }).toBeNull();
    // Changes made meanwhile are never heard of, so nothing from before may be used again.
    await database.query(`UPDATE "Competence" SET "nameEn" = 'While away' WHERE slug = 'na-wijziging'`);

    await expect.poll(() => contentGeneration(), { timeout: 20_000, interval: 5 }).not.toBeNull();
    expect(contentGeneration()).not.toBe(before);
    const afterReconnect = await cache.read("k", load);
    expect(afterReconnect.n).toBeGreaterThan(1);
    expect(await cache.read("k", load)).toBe(afterReconnect);
  });
});

describe("the dilemma list, shared between viewers", () => {
  let feed: ContentChangeFeed;
  beforeAll(async () => {
    feed = await followContentChanges(database.url, { logger });
  });
  afterAll(async () => {
    await feed?.stop();
  });

  let n = 0;
  async function member(role: Role = "member"): Promise<Guardian> {
    const i = ++n;
    const user = await db.user.create({ data: { handle: `gedeeld-${i}`, displayName: `Gedeeld ${i}`, role } });
    return new Guardian({ kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role, locale: "nl" });
  }
  const query: DilemmaListQuery = { competences: [], status: null, unanswered: false, after: null, before: null };
  const titles = async (guardian: Guardian, options = {}) => (await listDilemmas(guardian, query, options)).items.map((d) => d.title);
  const visitor = new Guardian(anonymousViewer);

  it("shows a new dilemma to everyone, and a hidden one only to its asker and staff", async () => {
    const competence = await db.competence.create({ data: { slug: `gedeeld-${randomUUID()}`, nameNl: "Gedeeld", nameEn: "Shared" } });
    const asker = await member();
    const reader = await member();
    const organiser = await member("organiser");
    const ask = (title: string) =>
      createDilemma(asker, { title, body: "Hoe pak ik dit aan met de buurt?", competences: [competence.slug], submissionId: randomUUID() });

    const first = await ask("Eerste gedeelde vraag");
    for (const viewer of [visitor, reader, asker]) expect(await titles(viewer)).toContain("Eerste gedeelde vraag");

    // The writer reads live at once; everyone else as soon as the change is announced.
    const before = contentGeneration();
    await ask("Tweede gedeelde vraag");
    expect(await titles(asker, { readLive: true })).toContain("Tweede gedeelde vraag");
    await expect.poll(() => contentGeneration(), { timeout: 20_000, interval: 2 }).not.toBe(before);
    for (const viewer of [visitor, reader]) expect(await titles(viewer)).toContain("Tweede gedeelde vraag");

    await hideDilemma(organiser, first.id, "Er staat een naam van een bewoner in.");
    await expect.poll(async () => titles(visitor), { timeout: 20_000, interval: 5 }).not.toContain("Eerste gedeelde vraag");
    expect(await titles(reader)).not.toContain("Eerste gedeelde vraag");
    expect(await titles(asker)).toContain("Eerste gedeelde vraag");
    expect(await titles(organiser)).toContain("Eerste gedeelde vraag");
    expect(await titles(visitor)).toContain("Tweede gedeelde vraag");
  });

  it("shows a member their own hidden dilemmas in their place, merged into the shared list (decision 058)", async () => {
    const competence = await db.competence.create({ data: { slug: `eigen-${randomUUID()}`, nameNl: "Eigen", nameEn: "Own" } });
    const [asker, writer, reader, organiser] = [await member(), await member(), await member(), await member("organiser")];
    // 45 dilemmas; number 0 is the newest both by activity (a minute apart) and by asking
    // (asked last). The asker's 4 (first page), 23 (second) and 41 (third) get hidden.
    const hiddenOnes = [4, 23, 41];
    const ids: number[] = [];
    for (let i = 44; i >= 0; i--) {
      const by = hiddenOnes.includes(i) || i === 10 ? asker : writer;
      const d = await createDilemma(by, { title: `Eigen lijst ${i}`, body: "Hoe houd ik de buurt erbij betrokken?", competences: [competence.slug], submissionId: randomUUID() });
      ids[i] = d.id;
    }
    for (const [i, id] of ids.entries()) {
      await db.dilemma.update({ where: { id }, data: { lastActivityAt: new Date(Date.UTC(2026, 11, 7, 12, 0) - i * 60_000) } });
    }
    for (const i of hiddenOnes) await hideDilemma(organiser, ids[i]!, "Er staat een naam van een bewoner in.");

    const base: DilemmaListQuery = { competences: [competence.slug], status: null, unanswered: false, after: null, before: null };
    const numbers = (page: { items: { title: string }[] }) => page.items.map((d) => Number(d.title.replace("Eigen lijst ", "")));
    // Wait until the hiding is heard of: the shared copy no longer has the hidden ones.
    await expect.poll(async () => numbers(await listDilemmas(visitor, base)), { timeout: 20_000, interval: 5 }).not.toContain(4);

    for (const sort of ["activity", "newest"] as const) {
      for (const competences of [[competence.slug], []]) {
        const first: DilemmaListQuery = { ...base, competences, sort };
        // The asker's pages, each the same as a live read of their list.
        const mine = async (q: DilemmaListQuery) => {
          const [page, live] = await Promise.all([listDilemmas(asker, q), listDilemmas(asker, q, { readLive: true })]);
          expect(page, `${sort} ${JSON.stringify(q)}`).toEqual(live);
          return page;
        };
        const page1 = await mine(first);
        const page2 = await mine({ ...first, after: decodeCursor(page1.next) });
        const page3 = await mine({ ...first, after: decodeCursor(page2.next) });
        const back = await mine({ ...first, before: decodeCursor(page3.previous) });
        expect(page1.items).toHaveLength(20);
        if (competences.length > 0) {
          expect(numbers(page1)).toEqual(range(0, 20));
          expect(page1.items.find((d) => d.title === "Eigen lijst 4")?.hidden).toBe(true);
          expect(numbers(page2)).toEqual(range(20, 40));
          expect(numbers(page3)).toEqual(range(40, 45));
          expect(page3.next).toBeNull();
          expect(numbers(back)).toEqual(range(20, 40));
          // Nobody else sees them: their first page goes on one further instead.
          for (const other of [reader, visitor]) {
            expect(numbers(await listDilemmas(other, first))).toEqual(range(0, 21).filter((n) => n !== 4));
          }
        }
      }
    }

    // The asker's page comes from the shared copy, not a live read: a change made with the
    // announcement switched off stays unseen there until something is announced.
    await listDilemmas(asker, base);
    await database.query(`ALTER TABLE "Dilemma" DISABLE TRIGGER "Dilemma_announces_change"`);
    try {
      await database.query(`UPDATE "Dilemma" SET title = 'Eigen lijst 1 (stil)' WHERE id = ${ids[1]!}`);
    } finally {
      await database.query(`ALTER TABLE "Dilemma" ENABLE TRIGGER "Dilemma_announces_change"`);
    }
    expect((await listDilemmas(asker, base)).items[1]!.title).toBe("Eigen lijst 1");
    expect((await listDilemmas(asker, base, { readLive: true })).items[1]!.title).toBe("Eigen lijst 1 (stil)");
    await db.dilemma.update({ where: { id: ids[1]! }, data: { title: "Eigen lijst 1" } });
  });

  it("serves one stored dilemma page to everyone, each seeing only what the Guardian allows", async () => {
    const competence = await db.competence.create({ data: { slug: `draad-${randomUUID()}`, nameNl: "Draad", nameEn: "Thread" } });
    const [asker, writer, reader, organiser] = [await member(), await member(), await member(), await member("organiser")];
    const dilemma = await createDilemma(asker, {
      title: "Een draad voor iedereen",
      body: "Hoe houd ik bewoners betrokken?",
      competences: [competence.slug],
      submissionId: randomUUID(),
    });
    const reply = (guardian: Guardian, body: string) => createReply(guardian, dilemma.id, { body, submissionId: randomUUID() });
    const open = await reply(writer, "Een open antwoord over betrokkenheid.");
    const hidden = await reply(writer, "Hier staat per ongeluk de naam van een bewoner.");
    await hideReply(organiser, hidden.id, "Er staat een naam van een bewoner in.");
    await setHelpful(reader, open.id, true);

    const bodies = async (guardian: Guardian) => {
      const page = await loadDilemmaPage(guardian, dilemma.id, 1);
      return page.thread.nodes.map((n) => ({ text: n.reply.content?.bodyHtml ?? null, mine: n.reply.helpfulByMe }));
    };
    // Let the writes above be heard, so the reads below share one stored page.
    await expect.poll(async () => (await bodies(visitor)).length, { timeout: 20_000, interval: 5 }).toBe(2);
    await expect.poll(async () => (await bodies(visitor))[0]!.text, { timeout: 20_000, interval: 5 }).toContain("open antwoord");

    expect(await bodies(visitor)).toEqual([
      { text: expect.stringContaining("open antwoord"), mine: false },
      { text: null, mine: false },
    ]);
    expect(await bodies(reader)).toEqual([
      { text: expect.stringContaining("open antwoord"), mine: true },
      { text: null, mine: false },
    ]);
    for (const allowed of [writer, organiser]) {
      expect((await bodies(allowed))[1]!.text).toContain("naam van een bewoner");
    }
    expect(await bodies(visitor)).toEqual([
      { text: expect.stringContaining("open antwoord"), mine: false },
      { text: null, mine: false },
    ]);

    // A new reply shows for everyone once it is heard of, and at once for a live read.
    await reply(reader, "Nog een gedachte van een collega.");
    expect((await loadDilemmaPage(reader, dilemma.id, 1, { readLive: true })).thread.total).toBe(3);
    await expect.poll(async () => (await bodies(visitor)).length, { timeout: 20_000, interval: 5 }).toBe(3);
  });

  it("keeps the competence choices until a competence changes", async () => {
    const choices = await listCompetenceChoices();
    expect(await listCompetenceChoices()).toBe(choices);
    await db.competence.create({ data: { slug: `nieuw-${randomUUID()}`, nameNl: "Nieuw gekozen", nameEn: "Newly chosen" } });
    await expect
      .poll(async () => (await listCompetenceChoices()).map((c) => c.nameNl), { timeout: 20_000, interval: 5 })
      .toContain("Nieuw gekozen");
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
