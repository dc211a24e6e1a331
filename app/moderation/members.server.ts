import { liftSuspension, suspendMember, suspensionOf } from "~/accounts/suspensions.server";
import type { Role } from "~/generated/prisma/enums";
import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";
import { recordEvents } from "~/platform/events/outbox.server";
import { parseOrInvalid } from "~/platform/validate.server";
import type { ModerationEvent } from "./events";
import { LiftSchema, SuspendSchema, WarnSchema } from "./schemas";

// Acting on a member rather than a post (issue 25, decision 027): suspend for a period, lift
// early, warn. Organisers and admins on the member's moderation page; the member reads their
// own standing (a suspension while it lasts, the warnings they were given) on /standing. The
// suspension itself is the accounts domain's (it lives on the account, the session reads it).

/** The kinds of trail entries that are about a member's standing, newest first on both pages. */
const STANDING_KINDS = ["account.suspended", "account.suspension_lifted", "moderation.member_warned"];
const HISTORY = 30;

export type StandingEntry = { kind: string; at: Date; reason: string | null; until: string | null; byName: string | null };

export type MemberModeration = {
  id: number;
  handle: string;
  displayName: string;
  role: Role;
  suspension: { until: Date; reason: string } | null;
  canSuspend: boolean;
  canWarn: boolean;
  history: StandingEntry[];
};

export async function getMemberModeration(guardian: Guardian, handle: string): Promise<MemberModeration> {
  guardian.ensureCanModerate();
  const member = await db.user.findUnique({
    where: { handle },
    select: { id: true, handle: true, displayName: true, role: true, status: true, erasedAt: true },
  });
  if (!member || member.erasedAt) throw new NotFound("member");
  const [suspension, history] = await Promise.all([suspensionOf(member.id), historyOf(member.id, true)]);
  return {
    id: member.id,
    handle: member.handle,
    displayName: member.displayName,
    role: member.role,
    suspension,
    canSuspend: guardian.canSuspend(member),
    canWarn: guardian.canWarn(member),
    history,
  };
}

/** The signed-in member's own standing: their suspension while it lasts, what they were told. Never who flagged. */
export async function getOwnStanding(guardian: Guardian): Promise<{ suspension: { until: Date; reason: string } | null; history: StandingEntry[] }> {
  guardian.ensureCanManageOwnAccount();
  const id = guardian.userId!;
  const [suspension, history] = await Promise.all([suspensionOf(id), historyOf(id, false)]);
  return { suspension, history };
}

async function historyOf(memberId: number, withNames: boolean): Promise<StandingEntry[]> {
  const entries = await db.auditEntry.findMany({
    where: { subjectKind: "member", subjectId: memberId, kind: { in: STANDING_KINDS } },
    orderBy: { id: "desc" },
    take: HISTORY,
    select: { kind: true, occurredAt: true, reason: true, after: true, actorId: true },
  });
  const actorIds = withNames ? [...new Set(entries.map((e) => e.actorId).filter((id): id is number => id !== null))] : [];
  const names = new Map(
    (await (actorIds.length ? db.user.findMany({ where: { id: { in: actorIds }, erasedAt: null }, select: { id: true, displayName: true } }) : [])).map((u) => [u.id, u.displayName]),
  );
  return entries.map((e) => {
    const after = (e.after ?? {}) as { until?: string };
    return {
      kind: e.kind,
      at: e.occurredAt,
      reason: e.reason,
      until: e.kind === "account.suspended" ? (after.until ?? null) : null,
      byName: e.actorId !== null ? (names.get(e.actorId) ?? null) : null,
    };
  });
}

export async function suspendFromForm(guardian: Guardian, memberId: number, input: { reason: string; until: string }): Promise<void> {
  guardian.ensureCanModerate();
  const { reason, until } = parseOrInvalid(SuspendSchema, input);
  await suspendMember(guardian, memberId, { reason, until });
}

export async function liftFromForm(guardian: Guardian, memberId: number, input: { reason: string }): Promise<void> {
  guardian.ensureCanModerate();
  const { reason } = parseOrInvalid(LiftSchema, input);
  await liftSuspension(guardian, memberId, reason || null);
}

/** A warning about how the member takes part (not about one post): recorded and told to them. */
export async function warnMember(guardian: Guardian, memberId: number, input: { reason: string }): Promise<void> {
  guardian.ensureCanModerate();
  const { reason } = parseOrInvalid(WarnSchema, input);
  const member = await db.user.findUnique({ where: { id: memberId }, select: { id: true, role: true, erasedAt: true, status: true } });
  if (!member) throw new NotFound("member");
  guardian.ensureCanWarn(member);
  await db.$transaction(async (tx) => {
    const event: ModerationEvent = { type: "moderation.member_warned", subjectId: memberId, actorId: guardian.userId, payload: { post: null, postId: null, reason } };
    await recordEvents(tx, [event]);
  });
}
