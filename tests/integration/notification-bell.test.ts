import { describe, expect, it } from "vitest";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { createSession, validateSessionToken } from "~/accounts/sessions.server";
import { countUnread, listNotifications, markAllRead } from "~/notifications/inbox.server";
import { db } from "~/platform/db.server";
import { useTestDatabase } from "../support/database";

// The bell's number counts exactly what /notifications shows (decision 029): a row the
// Guardian would leave out of the page (a reply hidden before the subscriber withdrew its rows,
// a hidden dilemma, a meeting the member may not see) is not counted either.
useTestDatabase();

let n = 0;
async function member(role: Role = "member"): Promise<Guardian> {
  const i = ++n;
  const user = await db.user.create({ data: { handle: `bel-${i}-${Date.now()}`, displayName: `Bel ${i}`, role } });
  return new Guardian({ kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role, locale: "nl" });
}

describe("the bell", () => {
  it("counts what the page shows, not rows the Guardian hides", async () => {
    const me = await member();
    const other = await member();
    const dilemma = await db.dilemma.create({ data: { title: "Bel-dilemma", bodyMd: "x", bodyHtml: "<p>x</p>", authorId: me.userId! } });
    const other2 = await db.dilemma.create({ data: { title: "Ander dilemma", bodyMd: "y", bodyHtml: "<p>y</p>", authorId: other.userId! } });
    const reply = (dilemmaId: number, i: number) =>
      db.reply.create({ data: { dilemmaId, authorId: other.userId!, bodyMd: `r${i}`, bodyHtml: `<p>r${i}</p>`, path: String(i).padStart(8, "0"), depth: 0 } });
    const shown = await reply(dilemma.id, 1);
    const hidden = await reply(dilemma.id, 2);
    const inHiddenDilemma = await reply(other2.id, 3);
    const draft = await db.meeting.create({ data: { title: "Concept", heldOn: new Date("2027-01-01"), status: "draft" } });
    const row = (data: { replyId?: number; dilemmaId?: number; meetingId?: number; kind: string }) =>
      db.notification.create({ data: { userId: me.userId!, actorId: other.userId, threadKey: "t", ...data } });
    await row({ kind: "reply", dilemmaId: dilemma.id, replyId: shown.id });
    await row({ kind: "reply", dilemmaId: dilemma.id, replyId: hidden.id });
    await row({ kind: "mention", dilemmaId: other2.id, replyId: inHiddenDilemma.id });
    await row({ kind: "report_published", meetingId: draft.id });
    expect(await db.notification.count({ where: { userId: me.userId!, readAt: null } })).toBe(4);
    expect(await countUnread(me)).toBe(3); // a draft report's row: a member's page never shows it

    // Hidden a moment ago: the subscriber has not withdrawn the rows yet, the bell already knows.
    await db.reply.update({ where: { id: hidden.id }, data: { hiddenAt: new Date(), hiddenReason: "bewoner" } });
    await db.dilemma.update({ where: { id: other2.id }, data: { hiddenAt: new Date(), hiddenReason: "bewoner" } });
    const inbox = await listNotifications(me, null);
    expect(await countUnread(me)).toBe(1);
    expect(inbox.unread).toBe(1);
    expect(inbox.items.filter((i) => !i.read)).toHaveLength(1);
    expect(inbox.items[0]!.href).toBe(`/replies/${shown.id}`);

    await markAllRead(me);
    expect(await countUnread(me)).toBe(0);
  });

  it("is answered with the session when nothing is unread: the page asks no more (decision 058)", async () => {
    const me = await member();
    const other = await member();
    const { token } = await createSession(me.userId!);
    expect((await validateSessionToken(token))?.anyUnread).toBe(false);
    const dilemma = await db.dilemma.create({ data: { title: "Stil", bodyMd: "x", bodyHtml: "<p>x</p>", authorId: me.userId! } });
    await db.notification.create({ data: { userId: me.userId!, actorId: other.userId, threadKey: "t", kind: "reply", dilemmaId: dilemma.id } });
    expect((await validateSessionToken(token))?.anyUnread).toBe(true);
    await markAllRead(me);
    expect((await validateSessionToken(token))?.anyUnread).toBe(false);
  });

  it("counts many unread rows exactly across its batches", async () => {
    const me = await member();
    const other = await member();
    const dilemma = await db.dilemma.create({ data: { title: "Veel", bodyMd: "x", bodyHtml: "<p>x</p>", authorId: other.userId! } });
    await db.notification.createMany({
      data: Array.from({ length: 450 }, () => ({ userId: me.userId!, actorId: other.userId, kind: "reply", dilemmaId: dilemma.id, threadKey: "t" })),
    });
    expect(await countUnread(me)).toBe(450);
    await db.dilemma.update({ where: { id: dilemma.id }, data: { hiddenAt: new Date(), hiddenReason: "x" } });
    expect(await countUnread(me)).toBe(0);
  });

  it("says on /notifications as many unread as it lists, while new ones keep arriving", async () => {
    // The page's list and its count are one snapshot: a row written between the two reads (the
    // relay writes after every commit) was once counted beside a list without it.
    const me = await member();
    const other = await member();
    const dilemma = await db.dilemma.create({ data: { title: "Druk", bodyMd: "x", bodyHtml: "<p>x</p>", authorId: me.userId! } });
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing && i < 25; i++) {
        await db.notification.create({ data: { userId: me.userId!, actorId: other.userId, kind: "reply", dilemmaId: dilemma.id, threadKey: "t" } });
      }
    })();
    const seen: [number, number][] = [];
    for (let i = 0; i < 25; i++) {
      const inbox = await listNotifications(me, null);
      seen.push([inbox.unread, inbox.items.filter((n) => !n.read).length]);
    }
    writing = false;
    await writer;
    expect(seen.filter(([count, listed]) => count !== listed)).toEqual([]);
    const last = await listNotifications(me, null);
    expect(last.unread).toBe(last.items.length);
    expect(last.unread).toBeGreaterThan(0);
  });
});
