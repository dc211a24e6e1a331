import type { Role } from "~/generated/prisma/enums";

// Who is asking. An anonymous visitor is a real object (never null), so every rule can ask
// the same questions of every viewer.
export type MemberViewer = {
  kind: "member";
  id: number;
  handle: string;
  displayName: string;
  role: Role;
  locale: string;
  /**
   * Signed up and confirmed, waiting for an organiser's approval (decision 016): reads and
   * manages their own account, posts nothing yet. Absent for an active member.
   */
  pending?: boolean;
  /**
   * Accepted an older privacy statement than the current one (decision 026): reads, manages
   * their own account and accepts the new statement; writes nothing else until then.
   */
  consentNeeded?: boolean;
  /**
   * Suspended by an organiser until this moment (decision 027): reads, posts nothing. Set only
   * while it lasts (the session reads it against the clock), so the rules stay pure.
   */
  suspendedUntil?: Date;
};

export type AnonymousViewer = { kind: "anonymous" };

/**
 * Whoever runs a command on the server itself (`npm run content:import`): no member, but the
 * one who holds the database. Staff rules apply to them, and they alone may write history in
 * members' names (see the Guardian's "In another's name" section).
 */
export type OperatorViewer = { kind: "operator" };

export type Viewer = MemberViewer | AnonymousViewer | OperatorViewer;

export const anonymousViewer: AnonymousViewer = Object.freeze({ kind: "anonymous" });
export const operatorViewer: OperatorViewer = Object.freeze({ kind: "operator" });
