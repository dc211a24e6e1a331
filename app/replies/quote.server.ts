import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { absoluteUrl } from "~/platform/env.server";
import { NotFound } from "~/platform/errors.server";
import { parseId } from "~/platform/ids";
import { replyPermalink } from "./paths";
import type { ReplyQuote } from "./quote";

/**
 * What "Citeer" quotes of a reply: its Markdown and writer, for a viewer who may read it and
 * reply in its thread. NotFound otherwise (deleted, hidden from them, a thread they may not see
 * or answer), so a quote never carries words the page would not show.
 */
export async function getReplyQuote(guardian: Guardian, replyId: number): Promise<ReplyQuote> {
  const reply = parseId(replyId) !== null
    ? await db.reply.findFirst({
        where: { id: replyId, dilemma: guardian.visibleDilemmasWhere() },
        select: {
          authorId: true,
          bodyMd: true,
          hiddenAt: true,
          deletedByAuthorAt: true,
          author: { select: { displayName: true, erasedAt: true } },
          dilemma: { select: { authorId: true, lockedAt: true, hiddenAt: true, deletedByAuthorAt: true } },
        },
      })
    : null;
  if (!reply || !guardian.canSeeReply(reply) || reply.hiddenAt || !guardian.canReply(reply.dilemma)) throw new NotFound("reply");
  return {
    replyId,
    authorName: reply.author.erasedAt ? null : reply.author.displayName,
    bodyMd: reply.bodyMd,
    url: absoluteUrl(replyPermalink(replyId)),
  };
}
