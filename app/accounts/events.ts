import type { JoinMode, Role } from "~/generated/prisma/enums";
import type { DraftOf } from "~/platform/events/event";

// What the accounts domain announces (decision 014's shape). Subject: the member (User.id).
// Notifications tell organisers of a waiting request; the audit trail records who changed a
// role, approved, suspended or erased whom. Never an address, a password or a reason's
// personal details beyond what an organiser typed as the reason.
// (Helpers: add your account events here, one entry each; record them in the writer.)

export type AccountEvents = {
  /** A person asked to join (approval circle) and waits for an organiser. */
  "account.join_requested": { payload: Record<string, never> };
  /** An organiser let a waiting person in, or declined (reason as typed, told to the person). */
  "account.join_approved": { payload: Record<string, never> };
  "account.join_declined": { payload: { reason: string | null } };
  /** An admin changed the member's role. */
  "account.role_changed": { payload: { before: Role; after: Role } };
  /** The member's personal data was erased (by themselves, or an admin on their request). */
  "account.erased": {
    payload: {
      byAdmin: boolean;
      /** An admin's erasure: the member's request as the admin wrote it (decision 026). */
      reason?: string | null;
      /** Whether the words of their posts went too. */
      removePosts?: boolean;
    };
  };
  /** An organiser suspended the member until then (ISO instant), with a reason told to them (decision 027). */
  "account.suspended": { payload: { until: string; reason: string; previousUntil: string | null } };
  /** An organiser ended a suspension before its end date; the reason is told to the member. */
  "account.suspension_lifted": { payload: { until: string; reason: string | null } };
  /** An admin changed how people join. Subject: the admin. */
  "circle.join_mode_changed": { payload: { before: JoinMode; after: JoinMode } };
  /** An admin changed how many first posts of a new member wait for approval (decision 037). Subject: the admin. */
  "circle.post_holds_changed": { payload: { before: number; after: number } };
};

export type AccountEvent = DraftOf<AccountEvents>;
