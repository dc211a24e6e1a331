import type { Guardian } from "~/guardian/guardian.server";
import { withMentionLinks } from "~/members/mentions.server";
import { db } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";
import { afterCommitSubscriber, type Tx } from "~/platform/events/event";
import { publishLive } from "~/platform/live-updates.server";
import { SharedReadCache } from "~/platform/shared-read-cache.server";
import type { ReplyEvents } from "./events";
import { readThreadReplyRow, toThreadReply, type ThreadReply } from "./thread.server";

// The live thread (decision 029): an open dilemma page hears of new replies without reloading.
// Only ids travel: after the commit this subscriber publishes a new reply's id on its thread's
// topic (NOTIFY, so every server process hears it); the page then asks for the reply itself
// through liveReply(), where the viewer's Guardian decides, as on the page. A hidden, held or
// deleted reply, or one in a dilemma the viewer may not see, never reaches them.

export const threadTopic = (dilemmaId: number) => `dilemma:${dilemmaId}`;

/**
 * A reply as its thread shows it changed after it was announced (a photo attached once the
 * reply was stored, decision 050): pages following the thread hear its id again and fetch it
 * anew. In the caller's transaction, so only what commits is heard.
 */
export async function republishReply(tx: Tx, dilemmaId: number, replyId: number): Promise<void> {
  await publishLive(tx, threadTopic(dilemmaId), replyId);
}

/** How many missed ids a reconnecting page is sent at most; more, and it should reload. */
const MISSED_LIMIT = 50;

export const liveThread = afterCommitSubscriber<ReplyEvents>("live-thread", {
  "reply.created": async (tx, { subjectId, payload }) => {
    if (payload.imported || payload.held) return; // a held reply appears when it is approved (decision 037)
    await publishLive(tx, threadTopic(payload.dilemmaId), subjectId);
  },
  "reply.approved": async (tx, { subjectId, payload }) => {
    await publishLive(tx, threadTopic(payload.dilemmaId), subjectId);
  },
});

async function dilemmaRefOf(dilemmaId: number) {
  const row = await db.dilemma.findUnique({
    where: { id: dilemmaId },
    select: { id: true, authorId: true, lockedAt: true, hiddenAt: true, deletedByAuthorAt: true, acceptedReplyId: true, author: { select: { erasedAt: true } } },
  });
  return (
    row && {
      id: row.id,
      authorId: row.authorId,
      lockedAt: row.lockedAt,
      hiddenAt: row.hiddenAt,
      deletedByAuthorAt: row.deletedByAuthorAt,
      acceptedReplyId: row.acceptedReplyId,
      authorErasedAt: row.author.erasedAt,
    }
  );
}

/**
 * May this viewer follow the thread live? NotFound when they may not see the dilemma. Returns
 * the ids of the replies after `afterId` (what a reconnecting page missed), oldest first.
 */
export async function followThread(guardian: Guardian, dilemmaId: number): Promise<{ topic: string; missedAfter(afterId: number): Promise<number[]> }> {
  const dilemma = await dilemmaRefOf(dilemmaId);
  if (!dilemma || !guardian.canSeeDilemma(dilemma)) throw new NotFound("dilemma");
  return {
    topic: threadTopic(dilemmaId),
    async missedAfter(afterId) {
      if (afterId <= 0) return [];
      const rows = await db.reply.findMany({
        where: { dilemmaId, id: { gt: afterId }, hiddenAt: null, deletedByAuthorAt: null },
        orderBy: { id: "asc" },
        take: MISSED_LIMIT,
        select: { id: true },
      });
      return rows.map((r) => r.id);
    },
  };
}

export type LiveReply = {
  reply: ThreadReply;
  dilemmaId: number;
  /** The viewer wrote it (their own page shows it already: no announcement). */
  mine: boolean;
};

/** One reply as this viewer would see it in the thread; NotFound unless they may read it. */
export async function liveReply(guardian: Guardian, replyId: number): Promise<LiveReply> {
  const found = await db.reply.findUnique({ where: { id: replyId }, select: { dilemmaId: true } });
  const dilemma = found && (await dilemmaRefOf(found.dilemmaId));
  if (!found || !dilemma || !guardian.canSeeDilemma(dilemma)) throw new NotFound("reply");
  const row = await readThreadReplyRow(found.dilemmaId, replyId);
  if (!row) throw new NotFound("reply");
  const reply = toThreadReply(guardian, dilemma, row, false);
  if (!reply.content) throw new NotFound("reply");
  const [bodyHtml] = await withMentionLinks([reply.content.bodyHtml]);
  reply.content = { ...reply.content, bodyHtml: bodyHtml! };
  return { reply, dilemmaId: found.dilemmaId, mine: row.authorId === guardian.userId };
}

/** The newest reply's id in the thread (0: none): where the page's stream starts. */
export async function latestReplyId(dilemmaId: number, options: { readLive?: boolean } = {}): Promise<number> {
  const read = async () => ({ id: (await db.reply.findFirst({ where: { dilemmaId }, orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0 });
  // The same for every viewer, and asked by every page view: kept with the pages' other shared
  // rows until content changes (decisions 010, 058), so a page view does not ask Postgres.
  return (options.readLive ? await read() : await sharedLatestReplies.read(String(dilemmaId), read)).id;
}

const sharedLatestReplies = new SharedReadCache<{ id: number }>({ maxEntries: 2_000, maxBytes: 2 ** 20, name: "a thread's latest reply" });
