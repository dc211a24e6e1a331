import { parseOrInvalid } from "~/platform/validate.server";
import type { Guardian } from "~/guardian/guardian.server";
import { memberIdOf } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { Invalid, NotFound } from "~/platform/errors.server";
import { recordEvents } from "~/platform/events/outbox.server";
import { meetingEvent } from "./events";
import { findMeetingRef, lockMeetingRow, refuseBeforeHeld } from "./meetings.server";
import { ProposeSchema } from "./schemas";

// The agenda of an upcoming meeting. Organisers open it; members put open dilemmas on it and
// vote (one vote per member per item, which they can take back). Items rank by votes. After
// the meeting, the organiser makes the meeting its report: what was on the agenda becomes
// "discussed at this meeting".
//
// Votes are rows (MeetingVote, one per member × item: the primary key makes a second vote
// impossible) and a counter on the item (MeetingDilemma.votes) that the agenda sorts by. Both
// change in one transaction, and the counter only ever moves by the rows actually inserted or
// deleted, so it stays right under any number of simultaneous votes. Each change records its
// event in the same transaction (events.ts).

export async function openAgenda(guardian: Guardian, meetingId: number): Promise<void> {
  guardian.ensureCanOpenAgenda(await findMeetingRef(guardian, meetingId));
  await db.$transaction(async (tx) => {
    await lockMeetingRow(tx, meetingId);
    guardian.ensureCanOpenAgenda(await findMeetingRef(guardian, meetingId, tx));
    await tx.meeting.update({ where: { id: meetingId }, data: { agendaOpenedAt: new Date(), updatedAt: new Date() } });
    await recordEvents(tx, [meetingEvent(guardian, meetingId, { type: "meeting.agenda_opened", payload: {} })]);
  });
}

/** Close it: no more proposals or votes; what is on it stays, with its votes. */
export async function closeAgenda(guardian: Guardian, meetingId: number): Promise<void> {
  guardian.ensureCanCloseAgenda(await findMeetingRef(guardian, meetingId));
  await db.$transaction(async (tx) => {
    await lockMeetingRow(tx, meetingId);
    guardian.ensureCanCloseAgenda(await findMeetingRef(guardian, meetingId, tx));
    await tx.meeting.update({ where: { id: meetingId }, data: { agendaOpenedAt: null, updatedAt: new Date() } });
    await recordEvents(tx, [meetingEvent(guardian, meetingId, { type: "meeting.agenda_closed", payload: {} })]);
  });
}

/**
 * Put a dilemma on the agenda. Only an open dilemma that everyone may see (the agenda is
 * public), and only once: a second proposal of the same dilemma says it is there already.
 */
export async function proposeAgendaItem(guardian: Guardian, meetingId: number, input: { dilemma: string | number }): Promise<{ dilemmaId: number }> {
  guardian.ensureCanProposeAgendaItem(await findMeetingRef(guardian, meetingId));
  const { dilemma: dilemmaId } = parseOrInvalid(ProposeSchema, { dilemma: String(input.dilemma) });
  const proposedById = memberIdOf(guardian);
  await db.$transaction(async (tx) => {
    // Shared: proposals and votes go side by side; turning the meeting into its report waits.
    await lockMeetingRow(tx, meetingId, "share");
    guardian.ensureCanProposeAgendaItem(await findMeetingRef(guardian, meetingId, tx));
    const dilemma = await tx.dilemma.findFirst({
      where: { AND: [{ id: dilemmaId, hiddenAt: null }, guardian.visibleDilemmasWhere()] },
      select: { status: true },
    });
    if (!dilemma) throw new Invalid({ dilemma: ["meetings.errors.dilemmaNotFound"] });
    if (dilemma.status !== "open") throw new Invalid({ dilemma: ["meetings.errors.dilemmaAnswered"] });
    const { count } = await tx.meetingDilemma.createMany({
      data: [{ meetingId, dilemmaId, kind: "agenda", proposedById }],
      skipDuplicates: true,
    });
    if (count === 0) throw new Invalid({ dilemma: ["meetings.errors.alreadyOnAgenda"] });
    await recordEvents(tx, [meetingEvent(guardian, meetingId, { type: "meeting.agenda_item_proposed", payload: { dilemmaId } })]);
  });
  return { dilemmaId };
}

/**
 * The member's vote for an item: `true` votes, `false` takes the vote back. Saying the same
 * twice (a double click, a resent form) changes nothing, so the form says which it wants
 * rather than "toggle".
 */
export async function setAgendaVote(guardian: Guardian, meetingId: number, dilemmaId: number, vote: boolean): Promise<{ votes: number; voted: boolean }> {
  guardian.ensureCanVoteOnAgenda(await findMeetingRef(guardian, meetingId));
  const userId = memberIdOf(guardian);
  return db.$transaction(async (tx) => {
    await lockMeetingRow(tx, meetingId, "share");
    guardian.ensureCanVoteOnAgenda(await findMeetingRef(guardian, meetingId, tx));
    const item = await tx.meetingDilemma.findFirst({
      where: { meetingId, dilemmaId, kind: "agenda", dilemma: { AND: [{ hiddenAt: null }, guardian.visibleDilemmasWhere()] } },
      select: { dilemmaId: true },
    });
    if (!item) throw new NotFound("agenda item");
    const key = { meetingId, dilemmaId, userId };
    const changed = vote
      ? (await tx.meetingVote.createMany({ data: [key], skipDuplicates: true })).count
      : (await tx.meetingVote.deleteMany({ where: key })).count;
    const where = { meetingId_dilemmaId_kind: { meetingId, dilemmaId, kind: "agenda" as const } };
    const { votes } = changed
      ? await tx.meetingDilemma.update({ where, data: { votes: { increment: vote ? 1 : -1 } }, select: { votes: true } })
      : await tx.meetingDilemma.findUniqueOrThrow({ where, select: { votes: true } });
    if (changed) {
      const type = vote ? "meeting.agenda_vote_cast" : "meeting.agenda_vote_withdrawn";
      await recordEvents(tx, [meetingEvent(guardian, meetingId, { type, payload: { dilemmaId } })]);
    }
    return { votes, voted: vote };
  });
}

/** An organiser takes an item off the agenda, with its votes. The dilemma stays. */
export async function removeAgendaItem(guardian: Guardian, meetingId: number, dilemmaId: number): Promise<void> {
  guardian.ensureCanRemoveAgendaItem(await findMeetingRef(guardian, meetingId));
  await db.$transaction(async (tx) => {
    await lockMeetingRow(tx, meetingId);
    guardian.ensureCanRemoveAgendaItem(await findMeetingRef(guardian, meetingId, tx));
    await tx.meetingVote.deleteMany({ where: { meetingId, dilemmaId } });
    const { count } = await tx.meetingDilemma.deleteMany({ where: { meetingId, dilemmaId, kind: "agenda" } });
    if (count > 0) await recordEvents(tx, [meetingEvent(guardian, meetingId, { type: "meeting.agenda_item_removed", payload: { dilemmaId } })]);
  });
}

/**
 * After the meeting: the upcoming meeting becomes its draft report (title, date, times and
 * place stay), and every dilemma on its agenda becomes "discussed at this meeting". Waits for
 * votes in progress (the meeting row's lock), so none lands on an agenda that is gone.
 */
export async function convertToReport(guardian: Guardian, meetingId: number): Promise<void> {
  const ref = await findMeetingRef(guardian, meetingId);
  refuseBeforeHeld(guardian.whyNotConvertToReport(ref));
  guardian.ensureCanConvertToReport(ref);
  await db.$transaction(async (tx) => {
    await lockMeetingRow(tx, meetingId);
    const locked = await findMeetingRef(guardian, meetingId, tx);
    refuseBeforeHeld(guardian.whyNotConvertToReport(locked));
    guardian.ensureCanConvertToReport(locked);
    await tx.meeting.update({
      where: { id: meetingId },
      data: { status: "draft", updatedAt: new Date() },
    });
    const discussed = await tx.meetingDilemma.findMany({ where: { meetingId, kind: "agenda" }, select: { dilemmaId: true } });
    await tx.meetingDilemma.updateMany({ where: { meetingId, kind: "agenda" }, data: { kind: "discussed" } });
    // A draft now: searchable for staff.
    await recordEvents(tx, [
      meetingEvent(guardian, meetingId, { type: "report.drafted", payload: { discussedDilemmaIds: discussed.map((d) => d.dilemmaId) } }),
    ]);
  });
}
