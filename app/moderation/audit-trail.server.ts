import type { AccountEvents } from "~/accounts/events";
import type { CompetenceEvents } from "~/competences/events";
import type { DilemmaEvents } from "~/dilemmas/events";
import type { Prisma } from "~/generated/prisma/client";
import type { MeetingEvents } from "~/meetings/events";
import { afterCommitSubscriber, type Json, type RecordedEvent, type Tx } from "~/platform/events/event";
import type { PrivacyEvents } from "~/privacy/events";
import type { ReplyEvents } from "~/replies/events";
import type { SearchEvents } from "~/search/events";
import type { ModerationEvents } from "./events";

// The audit trail (issue 25, decision 025): every moderation and admin action, one row per
// domain event, append-only. An after-commit subscriber that starts with every kept event
// ("start"), so a circle that upgrades gets the last 30 days' history too. The row is written
// in the relay's transaction with the cursor, and `eventId` is unique: recorded exactly once.
// A member's own writing (a new dilemma, an edit) is not in it: that is the revisions' story.

type Events = DilemmaEvents & ReplyEvents & MeetingEvents & CompetenceEvents & SearchEvents & AccountEvents & PrivacyEvents & ModerationEvents;
type Type = keyof Events & string;

/** What one entry says besides who and when. */
export type AuditFacts = { subjectKind: string; reason?: string | null; before?: Json; after?: Json };

type Describe<K extends Type> = (event: RecordedEvent<Events, K>) => AuditFacts | null;

const DESCRIBE: { [K in Type]?: Describe<K> } = {
  "dilemma.hidden": (e) => ({
    subjectKind: "dilemma",
    reason: e.payload.reason,
    // A held dilemma turned down (decision 037) was waiting, not published.
    before: (e.payload.rejected ? { held: true } : { hidden: e.payload.previousReason !== null, reason: e.payload.previousReason }) as Json,
    after: { hidden: true, reason: e.payload.reason },
  }),
  "dilemma.approved": () => ({ subjectKind: "dilemma", before: { held: true }, after: { held: false } }),
  "reply.approved": () => ({ subjectKind: "reply", before: { held: true }, after: { held: false } }),
  "dilemma.unhidden": (e) => ({ subjectKind: "dilemma", before: { hidden: true, reason: e.payload.reason }, after: { hidden: false } }),
  "dilemma.locked": (e) => ({ subjectKind: "dilemma", reason: e.payload.reason ?? null, before: { locked: false }, after: { locked: true } }),
  "dilemma.unlocked": (e) => ({ subjectKind: "dilemma", reason: e.payload.reason ?? null, before: { locked: true }, after: { locked: false } }),
  // The asker tagging their own question is writing, not moderation.
  "dilemma.retagged": (e) =>
    e.actorId === e.payload.authorId
      ? null
      : { subjectKind: "dilemma", reason: e.payload.reason ?? null, before: { competences: e.payload.before }, after: { competences: e.payload.after } },
  // An organiser changing a member's words (decision 033); the author's own edits are theirs.
  // Not the words themselves (they may name a resident): the revision the history keeps.
  "dilemma.edited": (e) => (e.actorId === e.payload.authorId ? null : reworded(e.payload, { titleChanged: e.payload.titleChanged, bodyChanged: e.payload.bodyChanged }, "dilemma")),
  "reply.edited": (e) => (e.actorId === e.payload.authorId ? null : reworded(e.payload, { bodyChanged: true }, "reply")),
  "reply.hidden": (e) => ({ subjectKind: "reply", reason: e.payload.reason, before: (e.payload.rejected ? { held: true } : { hidden: false }) as Json, after: { hidden: true, reason: e.payload.reason } }),
  "reply.unhidden": (e) => ({ subjectKind: "reply", before: { hidden: true, reason: e.payload.reason }, after: { hidden: false } }),
  "meeting.deleted": (e) => ({ subjectKind: "meeting", before: { status: e.payload.status, dilemmas: e.payload.dilemmaIds }, after: null }),
  "competence.created": (e) => (e.payload.imported ? null : { subjectKind: "competence", after: { slug: e.payload.slug } }),
  "competence.changed": (e) => ({ subjectKind: "competence", before: { slug: e.payload.slugBefore }, after: { slug: e.payload.slug } }),
  "competence.retired": (e) => ({ subjectKind: "competence", before: { retired: false, slug: e.payload.slug }, after: { retired: true } }),
  "competence.unretired": (e) => ({ subjectKind: "competence", before: { retired: true, slug: e.payload.slug }, after: { retired: false } }),
  "synonym_group.created": (e) => ({ subjectKind: "synonym_group", after: e.payload as Json }),
  "synonym_group.changed": (e) => {
    const { before, ...after } = e.payload;
    return { subjectKind: "synonym_group", before: before as Json, after: after as Json };
  },
  "synonym_group.deleted": (e) => ({ subjectKind: "synonym_group", before: e.payload as Json, after: null }),
  "account.join_approved": () => ({ subjectKind: "member", before: { status: "pending" }, after: { status: "active" } }),
  "account.join_declined": (e) => ({ subjectKind: "member", reason: e.payload.reason, before: { status: "pending" }, after: { status: "declined" } }),
  "account.role_changed": (e) => ({ subjectKind: "member", before: { role: e.payload.before }, after: { role: e.payload.after } }),
  "account.erased": (e) => ({
    subjectKind: "member",
    reason: e.payload.reason ?? null,
    before: { erased: false },
    after: { erased: true, byAdmin: e.payload.byAdmin, ...(e.payload.removePosts === undefined ? {} : { removePosts: e.payload.removePosts }) },
  }),
  "account.suspended": (e) => ({ subjectKind: "member", reason: e.payload.reason, before: { until: e.payload.previousUntil }, after: { until: e.payload.until } }),
  "account.suspension_lifted": (e) => ({ subjectKind: "member", reason: e.payload.reason, before: { until: e.payload.until }, after: { until: null } }),
  "circle.join_mode_changed": (e) => ({ subjectKind: "circle", before: { joinMode: e.payload.before }, after: { joinMode: e.payload.after } }),
  "circle.post_holds_changed": (e) => ({ subjectKind: "circle", before: { holdFirstPosts: e.payload.before }, after: { holdFirstPosts: e.payload.after } }),
  "privacy.warning_overridden": (e) => ({ subjectKind: e.payload.post, after: { kinds: e.payload.kinds } }),
  "moderation.flags_dismissed": (e) => ({ subjectKind: e.payload.post, reason: e.payload.reason, before: { openFlags: e.payload.flags }, after: { openFlags: 0 } }),
  "moderation.member_warned": (e) => ({ subjectKind: "member", reason: e.payload.reason, after: e.payload.post ? { warnedAbout: `${e.payload.post} ${e.payload.postId}` } : null }),
  "moderation.privacy_reviewed": (e) => ({ subjectKind: e.payload.post, before: { kinds: e.payload.kinds, reviewed: false }, after: { reviewed: true } }),
};

function reworded(payload: { reason?: string | null; revisionId?: number }, changed: Json, subjectKind: string): AuditFacts {
  return { subjectKind, reason: payload.reason ?? null, before: { revision: payload.revisionId ?? null }, after: changed };
}

/** The event types the trail records (the log page's "kind" filter offers these). */
export const AUDITED_KINDS = Object.keys(DESCRIBE) as Type[];

async function record(tx: Tx, event: RecordedEvent): Promise<void> {
  const describe = DESCRIBE[event.type as Type] as Describe<Type> | undefined;
  const facts = describe?.(event as RecordedEvent<Events, Type>);
  if (!facts) return;
  await tx.auditEntry.createMany({
    data: [
      {
        eventId: BigInt(event.id),
        kind: event.type,
        actorId: event.actorId,
        subjectKind: facts.subjectKind,
        subjectId: event.subjectId,
        reason: facts.reason ?? null,
        before: jsonOrNull(facts.before),
        after: jsonOrNull(facts.after),
        occurredAt: event.occurredAt,
      },
    ],
    skipDuplicates: true, // handed over again after a crash: already recorded
  });
}

function jsonOrNull(value: Json | undefined): Prisma.InputJsonValue | typeof Prisma.DbNull | undefined {
  return value === undefined || value === null ? undefined : (value as Prisma.InputJsonValue);
}

export const auditTrail = afterCommitSubscriber<Events>(
  "audit",
  Object.fromEntries(AUDITED_KINDS.map((type) => [type, record])) as never,
  { from: "start" },
);
