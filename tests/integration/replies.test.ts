import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { loadDilemmaPage } from "~/replies/dilemma-page.server";
import { setDilemmaCompetences } from "~/dilemmas/edit.server";
import { lockDilemma } from "~/dilemmas/moderation.server";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import { db } from "~/platform/db.server";
import { Forbidden, Invalid, NotFound } from "~/platform/errors.server";
import {
  createReply,
  deleteReply,
  editReply,
  hideReply,
  locateReply,
  markAnswer,
  setHelpful,
  unmarkAnswer,
} from "~/replies/replies.server";
import { readForReply, writeReply, type NewReply, type ReplyPlan } from "~/replies/new-reply.server";
import { childPath, depthOf } from "~/replies/thread-path";
import { getReplyHistory, loadThreadPage, THREAD_PAGE_SIZE, type ThreadReply } from "~/replies/thread.server";
import type { ThreadNode } from "~/replies/thread-layout";
import { useTestDatabase } from "../support/database";

const testDb = useTestDatabase();
const visitor = new Guardian(anonymousViewer);

let n = 0;
async function member(role: Role = "member"): Promise<Guardian> {
  const i = ++n;
  const user = await db.user.create({ data: { handle: `lid-${i}`, displayName: `Lid ${i}`, role } });
  return new Guardian({ kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role, locale: "nl" });
}

async function dilemmaBy(asker: Guardian): Promise<number> {
  const d = await db.dilemma.create({
    data: { title: `Dilemma ${++n}`, bodyMd: "Wat doe je?", bodyHtml: "<p>Wat doe je?</p>", authorId: asker.userId! },
  });
  return d.id;
}

const say = (body: string, parentId?: number) => ({ body, parentId, submissionId: randomUUID() });

async function page(guardian: Guardian, dilemmaId: number, pageNumber = 1) {
  const d = await db.dilemma.findUniqueOrThrow({ where: { id: dilemmaId } });
  return loadThreadPage(guardian, d, pageNumber);
}

type Sql = (text: string, values: unknown[]) => Promise<pg.QueryResult>;

/**
 * Another connection opens a transaction and does `hold` (it takes the dilemma's row, as a
 * writer does); `during` starts while it holds it and must wait; the other commits 300 ms
 * later. Answers what `during` gave.
 */
async function whileAnotherWriterHolds<T>(hold: (sql: Sql) => Promise<unknown>, during: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDb.url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await hold((text, values) => client.query(text, values));
    const pending = during().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    await new Promise((r) => setTimeout(r, 300));
    await client.query("COMMIT");
    const outcome = await pending;
    if ("error" in outcome) throw outcome.error;
    return outcome.value;
  } finally {
    await client.end();
  }
}

/** A reply as another writer (the app) adds it: counted and numbered on its dilemma, then
 *  written. Answers its path. */
async function addReplyAs(sql: Sql, r: { dilemmaId: number; parentId: number | null; parentPath: string | null; authorId: number; body: string }) {
  const { rows } = await sql(
    `UPDATE "Dilemma" SET "replyCount" = "replyCount" + 1, "lastReplySequence" = "lastReplySequence" + 1 WHERE id = $1
     RETURNING "lastReplySequence" AS n`,
    [r.dilemmaId],
  );
  const path = childPath(r.parentPath, rows[0].n);
  await sql(
    `INSERT INTO "Reply" ("dilemmaId", "parentId", "authorId", "bodyMd", "bodyHtml", path, depth, "submissionId")
     VALUES ($1, $2, $3, $4, $4, $5, $6, $7)`,
    [r.dilemmaId, r.parentId, r.authorId, r.body, path, depthOf(path), randomUUID()],
  );
  return path;
}

/** The write step of a post, on its own, for a plan read earlier (readForReply). */
async function write(plan: Extract<ReplyPlan, { earlier: null }>, reply: NewReply & { bodyMd: string; bodyHtml: string }) {
  return writeReply(db, plan, reply, { actorId: reply.authorId, imported: false, now: new Date() });
}

function flatten(nodes: ThreadNode<ThreadReply>[]): ThreadReply[] {
  return nodes.flatMap((node) => [node.reply, ...flatten(node.children)]);
}

async function find(guardian: Guardian, dilemmaId: number, replyId: number) {
  const reply = flatten((await page(guardian, dilemmaId)).nodes).find((r) => r.id === replyId);
  if (!reply) throw new Error(`reply ${replyId} not on page 1`);
  return reply;
}

describe("replying", () => {
  it("answers the dilemma and other replies, stored in path order and read in reading order", async () => {
    const [asker, a, b] = [await member(), await member(), await member()];
    const id = await dilemmaBy(asker);
    const first = await createReply(a, id, say("Eerste"));
    const second = await createReply(b, id, say("Tweede"));
    const toFirst = await createReply(b, id, say("Op de eerste", first.id));
    const deeper = await createReply(a, id, say("Nog dieper", toFirst.id));
    const toSecond = await createReply(a, id, say("Op de tweede", second.id));
    const alsoToFirst = await createReply(asker, id, say("Ook op de eerste", first.id));
    const third = await createReply(asker, id, say("Derde"));

    const rows = await db.reply.findMany({ where: { dilemmaId: id }, orderBy: { path: "asc" } });
    // Each reply's number is the thread's running count (the 3rd reply is 3, wherever it
    // goes): under one parent the numbers rise, with gaps.
    expect(rows.map((r) => [r.id, r.path, r.depth])).toEqual([
      [first.id, "000001", 0],
      [toFirst.id, "000001000003", 1],
      [deeper.id, "000001000003000004", 2],
      [alsoToFirst.id, "000001000006", 1],
      [second.id, "000002", 0],
      [toSecond.id, "000002000005", 1],
      [third.id, "000007", 0],
    ]);

    const thread = await page(visitor, id);
    expect(thread.total).toBe(7);
    expect(thread.nodes.map((node) => node.reply.id)).toEqual([first.id, second.id, third.id]);
    expect(thread.nodes[0]!.children.map((node) => node.reply.id)).toEqual([toFirst.id, alsoToFirst.id]);
    expect(thread.nodes[0]!.children[0]!.children[0]!.reply.content?.bodyHtml).toContain("Nog dieper");

    const dilemma = await db.dilemma.findUniqueOrThrow({ where: { id } });
    expect(dilemma.replyCount).toBe(7);
    expect(dilemma.lastActivityAt.getTime()).toBeGreaterThanOrEqual(rows[0]!.createdAt.getTime());
  });

  it("gives ten replies sent at the same moment to one parent ten different paths", async () => {
    const asker = await member();
    const id = await dilemmaBy(asker);
    const parent = await createReply(asker, id, say("Begin"));
    const members = await Promise.all(Array.from({ length: 10 }, () => member()));
    const replies = await Promise.all(members.map((m, i) => createReply(m, id, say(`Antwoord ${i}`, parent.id))));

    expect(new Set(replies.map((r) => r.id)).size).toBe(10);
    const rows = await db.reply.findMany({ where: { parentId: parent.id }, select: { path: true } });
    expect(rows.map((r) => r.path).sort()).toEqual(Array.from({ length: 10 }, (_, i) => childPath("000001", i + 2)));
    expect((await db.dilemma.findUniqueOrThrow({ where: { id } })).replyCount).toBe(11);
  });

  it("places a reply after the one another writer saved while it waited for the thread", async () => {
    // The other writer answers the first reply; this one, also an answer to it, waits for the
    // dilemma's row and must then see the other's: its place comes after it.
    const [asker, a, b] = [await member(), await member(), await member()];
    const id = await dilemmaBy(asker);
    const first = await createReply(a, id, say("Eerste"));
    const nested = await whileAnotherWriterHolds(
      (sql) => addReplyAs(sql, { dilemmaId: id, parentId: first.id, parentPath: "000001", authorId: b.userId!, body: "Ook op de eerste" }),
      () => createReply(a, id, say("Op de eerste", first.id)),
    );
    // Two replies come before it on the page: the first and the other writer's.
    expect(nested.located?.before).toBe(2);
    const rows = await db.reply.findMany({ where: { dilemmaId: id }, orderBy: { path: "asc" }, select: { bodyMd: true, path: true } });
    expect(rows).toEqual([
      { bodyMd: "Eerste", path: "000001" },
      { bodyMd: "Ook op de eerste", path: "000001000002" },
      { bodyMd: "Op de eerste", path: "000001000003" },
    ]);
    expect((await db.dilemma.findUniqueOrThrow({ where: { id } })).replyCount).toBe(3);
  });

  it("places a reply after another that was saved while it waited, at the top as well", async () => {
    const [asker, a, b] = [await member(), await member(), await member()];
    const id = await dilemmaBy(asker);
    const waited = await whileAnotherWriterHolds(
      (sql) => addReplyAs(sql, { dilemmaId: id, parentId: null, parentPath: null, authorId: b.userId!, body: "Eerste" }),
      () => createReply(a, id, say("Tweede")),
    );
    // Without seeing the other reply it would take the same place (and fail on it).
    expect(waited.located?.before).toBe(1);
    const rows = await db.reply.findMany({ where: { dilemmaId: id }, orderBy: { path: "asc" }, select: { bodyMd: true, path: true } });
    expect(rows).toEqual([
      { bodyMd: "Eerste", path: "000001" },
      { bodyMd: "Tweede", path: "000002" },
    ]);
  });

  it("gives a reply the competences its dilemma got while the reply waited for it", async () => {
    const [asker, a, organiser] = [await member(), await member(), await member("organiser")];
    const id = await dilemmaBy(asker);
    const [old, fresh] = await Promise.all(
      ["oud", "nieuw"].map((name) => db.competence.create({ data: { slug: `${name}-${randomUUID()}`, nameNl: name, nameEn: name } })),
    );
    await db.dilemmaCompetence.create({ data: { dilemmaId: id, competenceId: old!.id } });
    const tagsChangedAt = async () => (await db.dilemma.findUniqueOrThrow({ where: { id } })).updatedAt.getTime();
    // Changing the tags changes the dilemma's own row: what a waiting reply notices.
    const before = await tagsChangedAt();
    await setDilemmaCompetences(organiser, id, [old!.slug, fresh!.slug]);
    expect(await tagsChangedAt()).toBeGreaterThan(before);
    // As setDilemmaCompetences does, in another connection: only the new competence stays.
    const reply = await whileAnotherWriterHolds(
      async (sql) => {
        await sql(`SELECT id FROM "Dilemma" WHERE id = $1 FOR UPDATE`, [id]);
        await sql(`DELETE FROM "DilemmaCompetence" WHERE "dilemmaId" = $1 AND "competenceId" = $2`, [id, old!.id]);
        await sql(`UPDATE "Dilemma" SET "updatedAt" = now() WHERE id = $1`, [id]);
      },
      () => createReply(a, id, say("Tijdens het taggen")),
    );
    const doc = await db.searchDocument.findUniqueOrThrow({ where: { kind_sourceId: { kind: "reply", sourceId: reply.id } } });
    expect(doc.competenceIds).toEqual([fresh!.id]);
  });

  it("writes a reply after one another writer added between reading the thread and writing", async () => {
    const [asker, a, b] = [await member(), await member(), await member()];
    const id = await dilemmaBy(asker);
    const reply = { dilemmaId: id, authorId: a.userId!, submissionId: randomUUID(), parentId: null, bodyMd: "Tweede", bodyHtml: "<p>Tweede</p>" };
    const plan = (await readForReply(db, reply)).plan();
    if (plan.earlier) throw new Error("no earlier reply expected");
    await whileAnotherWriterHolds(
      (sql) => addReplyAs(sql, { dilemmaId: id, parentId: null, parentPath: null, authorId: b.userId!, body: "Eerste" }),
      async () => {},
    );
    // The write places the reply as the thread is when it writes: after the other.
    expect(await write(plan, reply)).toMatchObject({ before: 1, path: childPath(null, 2) });
    expect(await db.reply.findUniqueOrThrow({ where: { id: plan.id }, select: { path: true } })).toEqual({ path: childPath(null, 2) });
  });

  it("writes nothing when the dilemma or the parent changed between reading and writing", async () => {
    const [asker, a] = [await member(), await member()];
    const id = await dilemmaBy(asker);
    const parent = await createReply(asker, id, say("Eerste"));
    const plans = async () => {
      const top = { dilemmaId: id, authorId: a.userId!, submissionId: randomUUID(), parentId: null, bodyMd: "Later", bodyHtml: "<p>Later</p>" };
      const nested = { ...top, submissionId: randomUUID(), parentId: parent.id };
      return [
        [top, (await readForReply(db, top)).plan()],
        [nested, (await readForReply(db, nested)).plan()],
      ] as const;
    };
    const nothingWritten = async (changed: Awaited<ReturnType<typeof plans>>, expected: (boolean | null)[]) => {
      const outcomes = [];
      for (const [reply, plan] of changed) {
        if (plan.earlier) throw new Error("no earlier reply expected");
        const outcome = await write(plan, reply);
        outcomes.push(outcome);
        // The reply and its search document, or neither.
        const doc = await db.searchDocument.findUnique({ where: { kind_sourceId: { kind: "reply", sourceId: plan.id } } });
        const saved = await db.reply.findUnique({ where: { id: plan.id } });
        expect([saved !== null, doc !== null]).toEqual([outcome !== null, outcome !== null]);
      }
      expect(outcomes.map((o) => (o === null ? null : true))).toEqual(expected);
    };
    // The dilemma locked: neither is written. Its text edited (updatedAt): neither. The parent hidden: the answer to it is not.
    let read = await plans();
    await db.dilemma.update({ where: { id }, data: { lockedAt: new Date() } });
    await nothingWritten(read, [null, null]);
    await db.dilemma.update({ where: { id }, data: { lockedAt: null } });
    read = await plans();
    await db.dilemma.update({ where: { id }, data: { updatedAt: new Date(Date.now() + 1000) } });
    await nothingWritten(read, [null, null]);
    read = await plans();
    await db.reply.update({ where: { id: parent.id }, data: { hiddenAt: new Date() } });
    await nothingWritten(read, [true, null]);
    expect((await db.dilemma.findUniqueOrThrow({ where: { id } })).replyCount).toBe(2);
  });

  it("refuses a reply when an organiser locked the dilemma while the reply waited for it", async () => {
    const [asker, a] = [await member(), await member()];
    const id = await dilemmaBy(asker);
    const outcome = await whileAnotherWriterHolds(
      (sql) => sql(`UPDATE "Dilemma" SET "lockedAt" = now() WHERE id = $1`, [id]),
      () => createReply(a, id, say("Net te laat")).catch((error: unknown) => error),
    );
    expect(outcome).toBeInstanceOf(Forbidden);
    expect(await db.reply.count({ where: { dilemmaId: id } })).toBe(0);
  });

  it("creates one reply when the same form arrives twice, one after the other or at once", async () => {
    const [asker, a] = [await member(), await member()];
    const id = await dilemmaBy(asker);
    const input = say("Dubbel geklikt");
    const once = await createReply(a, id, input);
    const again = await createReply(a, id, input);
    expect(again.id).toBe(once.id);

    const racing = say("Tegelijk verstuurd");
    const [x, y] = await Promise.all([createReply(a, id, racing), createReply(a, id, racing)]);
    expect(x.id).toBe(y.id);
    expect(await db.reply.count({ where: { dilemmaId: id } })).toBe(2);
    expect((await db.dilemma.findUniqueOrThrow({ where: { id } })).replyCount).toBe(2);
  });

  it("creates one reply when the form is being saved by another request at this moment", async () => {
    // The other request's reply is written but not committed: this one finds no earlier reply,
    // then waits at the unique (author, submission) index and, when the other commits, finds its reply.
    const [asker, a] = [await member(), await member()];
    const [id, other] = [await dilemmaBy(asker), await dilemmaBy(asker)];
    const input = say("Tegelijk in twee tabbladen");
    const client = new pg.Client({ connectionString: testDb.url });
    await client.connect();
    try {
      await client.query("BEGIN");
      const [{ id: first }] = (
        await client.query<{ id: number }>(
          `INSERT INTO "Reply" ("dilemmaId", "authorId", "bodyMd", "bodyHtml", path, depth, "submissionId")
           VALUES ($1, $2, 'Eerst', '<p>Eerst</p>', $3, 0, $4) RETURNING id`,
          [other, a.userId, childPath(null, 1), input.submissionId],
        )
      ).rows as [{ id: number }];
      const pending = createReply(a, id, input);
      await new Promise((r) => setTimeout(r, 300));
      await client.query("COMMIT");
      expect(await pending).toEqual({ id: first, dilemmaId: other, held: false, located: null });
    } finally {
      await client.end();
    }
    expect(await db.reply.count({ where: { dilemmaId: id } })).toBe(0);
    expect((await db.dilemma.findUniqueOrThrow({ where: { id } })).replyCount).toBe(0);
  });

  it("refuses a text over 20 000 characters with the field's message", async () => {
    const [asker, a] = [await member(), await member()];
    const id = await dilemmaBy(asker);
    const tooLong = createReply(a, id, say("x".repeat(20_001)));
    await expect(tooLong).rejects.toBeInstanceOf(Invalid);
    await expect(tooLong).rejects.toMatchObject({ fieldErrors: { body: ["errors.tooLong"] } });
    await expect(createReply(a, id, say("x".repeat(20_000)))).resolves.toBeTruthy();
  });

  it("refuses replies to a locked dilemma and to a hidden one", async () => {
    const [asker, a, organiser] = [await member(), await member(), await member("organiser")];
    const locked = await dilemmaBy(asker);
    await lockDilemma(organiser, locked);
    await expect(createReply(a, locked, say("Mag dit nog?"))).rejects.toThrow(/the dilemma is locked/);
    await expect(createReply(organiser, locked, say("Ook niet als organisator"))).rejects.toBeInstanceOf(Forbidden);

    const hidden = await dilemmaBy(asker);
    await db.dilemma.update({ where: { id: hidden }, data: { hiddenAt: new Date(), hiddenReason: "privacy" } });
    // Another member does not learn that the dilemma exists; its asker is told no.
    await expect(createReply(a, hidden, say("Hallo?"))).rejects.toBeInstanceOf(NotFound);
    await expect(createReply(asker, hidden, say("Hallo?"))).rejects.toBeInstanceOf(Forbidden);
    expect(await db.reply.count({ where: { dilemmaId: { in: [locked, hidden] } } })).toBe(0);
  });

  it("refuses visitors who are not signed in", async () => {
    const id = await dilemmaBy(await member());
    await expect(createReply(visitor, id, say("Anoniem"))).rejects.toBeInstanceOf(Forbidden);
  });
});

describe("permalinks and pages", () => {
  it("finds reply #120 of 200 on page 4 of 30, and that page shows it", async () => {
    const asker = await member();
    const id = await dilemmaBy(asker);
    // 200 top-level replies, inserted in one statement (the paths are what matter here).
    await testDb.query(
      `INSERT INTO "Reply" ("dilemmaId", "authorId", "bodyMd", "bodyHtml", path, depth)
       SELECT $1, $2, 'r' || i, '<p>r' || i || '</p>', lpad(i::text, 6, '0'), 0 FROM generate_series(1, 200) AS i`,
      [id, asker.userId],
    );
    const [row120] = await testDb.query<{ id: number }>(
      `SELECT id FROM "Reply" WHERE "dilemmaId" = $1 AND path = '000120'`,
      [id],
    );
    const reply120 = row120!.id;
    expect(THREAD_PAGE_SIZE).toBe(30);
    const at = await locateReply(visitor, reply120, THREAD_PAGE_SIZE);
    expect(at.page).toBe(4); // replies 91–120
    const fourth = await page(visitor, id, 4);
    expect(fourth.pageCount).toBe(7);
    const ids = fourth.nodes.map((node) => node.reply.id);
    expect(ids).toHaveLength(30);
    expect(ids.at(-1)).toBe(reply120);
    await expect(page(visitor, id, 8)).rejects.toBeInstanceOf(NotFound);
  });

  it("reads a page of a 500-reply thread from the (dilemmaId, path) index", async () => {
    const asker = await member();
    const id = await dilemmaBy(asker);
    await testDb.query(
      `INSERT INTO "Reply" ("dilemmaId", "authorId", "bodyMd", "bodyHtml", path, depth)
       SELECT $1, $2, 'r', '<p>r</p>', lpad(((i - 1) / 5 + 1)::text, 6, '0') || CASE WHEN i % 5 = 1 THEN '' ELSE lpad((i % 5)::text, 6, '0') END,
              CASE WHEN i % 5 = 1 THEN 0 ELSE 1 END
       FROM generate_series(1, 500) AS i`,
      [id, asker.userId],
    );
    // Other dilemmas' threads around it, as in a real forum (a table holding only this thread
    // is read whole, which says nothing about a forum with many).
    for (let other = 0; other < 20; other++) {
      await testDb.query(
        `INSERT INTO "Reply" ("dilemmaId", "authorId", "bodyMd", "bodyHtml", path, depth)
         SELECT $1, $2, 'r', '<p>r</p>', lpad(i::text, 6, '0'), 0 FROM generate_series(1, 500) AS i`,
        [await dilemmaBy(asker), asker.userId],
      );
    }
    await testDb.query(`ANALYZE "Reply"`);
    const plan = await testDb.query<{ "QUERY PLAN": string }>(
      `EXPLAIN SELECT id FROM "Reply" WHERE "dilemmaId" = $1 ORDER BY path LIMIT 30 OFFSET 480`,
      [id],
    );
    expect(plan.map((p) => p["QUERY PLAN"]).join("\n")).toContain("Reply_dilemmaId_path_key");
    const started = performance.now();
    const last = await page(visitor, id, 17);
    expect(flatten(last.nodes)).toHaveLength(20);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("the answer", () => {
  it("is marked by the asker, shown on top, and unmarked back to open", async () => {
    const [asker, a, other] = [await member(), await member(), await member()];
    const id = await dilemmaBy(asker);
    const reply = await createReply(a, id, say("Probeer eens te vragen wat zij wil."));

    await expect(markAnswer(other, reply.id)).rejects.toBeInstanceOf(Forbidden);
    await expect(markAnswer(a, reply.id)).rejects.toBeInstanceOf(Forbidden);
    await markAnswer(asker, reply.id);
    const answered = await loadDilemmaPage(visitor, id, 1);
    expect(answered.dilemma.status).toBe("answered");
    expect(answered.answer?.id).toBe(reply.id);
    expect(answered.answer?.content?.bodyHtml).toContain("wat zij wil");

    await unmarkAnswer(asker, id);
    const open = await loadDilemmaPage(visitor, id, 1);
    expect(open.dilemma.status).toBe("open");
    expect(open.answer).toBeNull();
  });

  it("may be marked by an organiser too", async () => {
    const [asker, a, organiser] = [await member(), await member(), await member("organiser")];
    const id = await dilemmaBy(asker);
    const reply = await createReply(a, id, say("Dit werkte bij ons."));
    await markAnswer(organiser, reply.id);
    expect((await db.dilemma.findUniqueOrThrow({ where: { id } })).acceptedReplyId).toBe(reply.id);
  });
});

describe("helpful", () => {
  it("counts one mark per member, undoes it, and refuses a member's own reply", async () => {
    const [asker, a, b] = [await member(), await member(), await member()];
    const id = await dilemmaBy(asker);
    const reply = await createReply(a, id, say("Nuttig?"));

    await setHelpful(b, reply.id, true);
    await setHelpful(b, reply.id, true); // a double click counts once
    await setHelpful(asker, reply.id, true);
    expect((await find(b, id, reply.id)).helpfulCount).toBe(2);
    expect((await find(b, id, reply.id)).helpfulByMe).toBe(true);
    expect((await find(a, id, reply.id)).helpfulByMe).toBe(false);
    expect((await db.dilemma.findUniqueOrThrow({ where: { id } })).helpfulCount).toBe(2);

    await setHelpful(b, reply.id, false);
    expect((await find(b, id, reply.id)).helpfulCount).toBe(1);
    expect((await db.dilemma.findUniqueOrThrow({ where: { id } })).helpfulCount).toBe(1);

    await expect(setHelpful(a, reply.id, true)).rejects.toThrow(/not on your own reply/);
    expect((await find(a, id, reply.id)).can.markHelpful).toBe(false);
    expect(await db.helpful.count({ where: { replyId: reply.id } })).toBe(1);
  });
});

describe("changing a reply", () => {
  it("keeps the previous text as a revision that others can read", async () => {
    const [asker, a] = [await member(), await member()];
    const id = await dilemmaBy(asker);
    const reply = await createReply(a, id, say("Eerste versie"));
    await editReply(a, reply.id, { body: "Tweede versie" });
    await editReply(a, reply.id, { body: "Derde versie" });

    const shown = await find(visitor, id, reply.id);
    expect(shown.content?.bodyHtml).toContain("Derde versie");
    expect(shown.edited).toBe(true);
    const history = await getReplyHistory(asker, reply.id);
    expect(history.currentHtml).toContain("Derde versie");
    expect(history.revisions.map((r) => r.bodyMd)).toEqual(["Tweede versie", "Eerste versie"]);
  });

  it("refuses another member who puts someone else's reply id in the form", async () => {
    const [asker, a, b, organiser] = [await member(), await member(), await member(), await member("organiser")];
    const id = await dilemmaBy(asker);
    const reply = await createReply(a, id, say("Van mij"));
    await expect(editReply(b, reply.id, { body: "Van jou?" })).rejects.toBeInstanceOf(Forbidden);
    await expect(editReply(organiser, reply.id, { body: "Herschreven" })).rejects.toBeInstanceOf(Forbidden);
    await expect(deleteReply(b, reply.id)).rejects.toBeInstanceOf(Forbidden);
    await expect(deleteReply(asker, reply.id)).rejects.toBeInstanceOf(Forbidden);
    const row = await db.reply.findUniqueOrThrow({ where: { id: reply.id } });
    expect(row.bodyMd).toBe("Van mij");
    expect(row.deletedByAuthorAt).toBeNull();
  });

  it("leaves a placeholder when the author deletes it, and the replies to it stay", async () => {
    const [asker, a, b] = [await member(), await member(), await member()];
    const id = await dilemmaBy(asker);
    const reply = await createReply(a, id, say("Spijt van"));
    const answer = await createReply(b, id, say("Reactie erop", reply.id));
    await markAnswer(asker, reply.id);

    await deleteReply(a, reply.id);
    const thread = await page(b, id);
    expect(thread.nodes).toHaveLength(1);
    const placeholder = thread.nodes[0]!;
    expect(placeholder.reply.state).toBe("deleted");
    expect(placeholder.reply.content).toBeNull();
    expect(placeholder.reply.can.reply).toBe(false);
    expect(placeholder.children.map((c) => c.reply.id)).toEqual([answer.id]);
    expect(placeholder.children[0]!.reply.parentAuthor).toBe("unreadable");
    // Even its author no longer sees the text, and it no longer answers the dilemma.
    expect((await find(a, id, reply.id)).content).toBeNull();
    const dilemma = await db.dilemma.findUniqueOrThrow({ where: { id } });
    expect(dilemma).toMatchObject({ replyCount: 1, status: "open", acceptedReplyId: null });
    await expect(editReply(a, reply.id, { body: "Terug" })).rejects.toBeInstanceOf(Forbidden);
  });

  it("a deleted reply that nobody answered leaves no card behind", async () => {
    const [asker, a] = [await member(), await member()];
    const id = await dilemmaBy(asker);
    const gone = await createReply(a, id, say("Toch niet"));
    const stays = await createReply(a, id, say("Dit wel"));
    await deleteReply(a, gone.id);
    const thread = await page(asker, id);
    expect(thread.nodes.map((n) => n.reply.id)).toEqual([stays.id]);
  });

  it("hidden by an organiser: gone for other members, shown with the reason to its author and staff", async () => {
    const [asker, a, b, organiser] = [await member(), await member(), await member(), await member("organiser")];
    const id = await dilemmaBy(asker);
    const reply = await createReply(a, id, say("Met de naam van een bewoner"));
    await expect(hideReply(b, reply.id, "nee")).rejects.toBeInstanceOf(Forbidden);
    await expect(hideReply(organiser, reply.id, "  ")).rejects.toMatchObject({ fieldErrors: { reason: ["errors.required"] } });
    await hideReply(organiser, reply.id, "Een bewoner is herkenbaar");

    for (const outsider of [b, asker, visitor]) {
      const seen = await find(outsider, id, reply.id);
      expect(seen.state).toBe("hidden");
      expect(seen.content).toBeNull();
      expect(seen.hiddenReason).toBeNull();
    }
    const byAuthor = await find(a, id, reply.id);
    expect(byAuthor.content?.bodyHtml).toContain("bewoner");
    expect(byAuthor.hiddenReason).toBe("Een bewoner is herkenbaar");
    const byStaff = await find(organiser, id, reply.id);
    expect(byStaff.content).not.toBeNull();
    expect(byStaff.can.unhide).toBe(true);
    await expect(getReplyHistory(b, reply.id)).rejects.toBeInstanceOf(NotFound);
    expect((await db.dilemma.findUniqueOrThrow({ where: { id } })).replyCount).toBe(0);
  });
});
