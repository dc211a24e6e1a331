import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deleteDilemma } from "~/dilemmas/delete.server";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import { db } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";
import { getReplyQuote } from "~/replies/quote.server";
import { createReply, deleteReply, hideReply } from "~/replies/replies.server";
import { useTestDatabase } from "../support/database";

// "Citeer" (issue 22, decision 038): only words the viewer may read, in a thread they may answer.
useTestDatabase();
const visitor = new Guardian(anonymousViewer);

let n = 0;
async function member(role: Role = "member"): Promise<Guardian> {
  const user = await db.user.create({ data: { handle: `citeer-${++n}`, displayName: `Citeer ${n}`, role } });
  return new Guardian({ kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role, locale: "nl" });
}
async function dilemmaBy(asker: Guardian): Promise<number> {
  const d = await db.dilemma.create({ data: { title: `Dilemma ${++n}`, bodyMd: "Wat doe je?", bodyHtml: "<p>Wat doe je?</p>", authorId: asker.userId! } });
  return d.id;
}
const say = (author: Guardian, dilemmaId: number, body: string) => createReply(author, dilemmaId, { body, submissionId: randomUUID() });

describe("getReplyQuote", () => {
  it("gives a member the reply's Markdown, its writer and its complete address", async () => {
    const [asker, helper] = [await member(), await member()];
    const id = await dilemmaBy(asker);
    const r = await say(helper, id, "Bel **eerst** de wijkagent.");
    const quote = await getReplyQuote(asker, r.id);
    expect(quote).toMatchObject({ replyId: r.id, authorName: "Citeer 2", bodyMd: "Bel **eerst** de wijkagent." });
    expect(quote.url).toMatch(new RegExp(`^https?://[^/]+.*/replies/${r.id}$`));
  });

  it("refuses what the page would not offer: visitors, deleted or hidden replies, closed threads", async () => {
    const [asker, helper, organiser] = [await member(), await member(), await member("organiser")];
    const id = await dilemmaBy(asker);
    const [deleted, hidden, fine] = [await say(helper, id, "Weg"), await say(helper, id, "Verborgen"), await say(helper, id, "Blijft")];
    await deleteReply(helper, deleted.id);
    await hideReply(organiser, hidden.id, "Een naam");
    await expect(getReplyQuote(visitor, fine.id)).rejects.toBeInstanceOf(NotFound);
    await expect(getReplyQuote(asker, deleted.id)).rejects.toBeInstanceOf(NotFound);
    await expect(getReplyQuote(organiser, hidden.id)).rejects.toBeInstanceOf(NotFound);
    await expect(getReplyQuote(asker, 2 ** 31)).rejects.toBeInstanceOf(NotFound);
    await deleteDilemma(asker, id); // a tombstone takes no replies, so no quotes either
    await expect(getReplyQuote(helper, fine.id)).rejects.toBeInstanceOf(NotFound);
  });
});
