import { Forbidden } from "~/platform/errors.server";
import type { Prisma } from "~/generated/prisma/client";
import type { Role } from "~/generated/prisma/enums";
import type { Viewer } from "./viewer";

// Who may do what, decided in one place (after Discourse's lib/guardian.rb). One Guardian per
// request, built from the viewer. Each rule is a `whyNot…` method: early returns, each with
// the reason it refuses, `null` when allowed. `can…` answers yes/no for the UI; `ensure…`
// throws Forbidden with the reason for the domain. Tests: tests/unit/guardian.test.ts.

type Denial = string | null;
const ALLOWED: Denial = null;

export type MemberRef = { id: number; role: Role; erasedAt?: Date | null };

export class Guardian {
  constructor(readonly viewer: Viewer) {}

  get isAnonymous(): boolean {
    return this.viewer.kind === "anonymous";
  }
  get isMember(): boolean {
    return this.viewer.kind === "member";
  }
  /** Organisers and admins run the circle: meetings, reports, competences, moderation. */
  get isStaff(): boolean {
    return this.viewer.kind === "member" && (this.viewer.role === "organiser" || this.viewer.role === "admin");
  }
  get isAdmin(): boolean {
    return this.viewer.kind === "member" && this.viewer.role === "admin";
  }
  get userId(): number | null {
    return this.viewer.kind === "member" ? this.viewer.id : null;
  }
  private isSelf(member: { id: number }): boolean {
    return this.userId === member.id;
  }

  // ── Accounts ──────────────────────────────────────────────────────────────────────────

  whyNotSignUp(): Denial {
    if (this.isMember) return "already signed in";
    return ALLOWED;
  }

  whyNotLogIn(): Denial {
    if (this.isMember) return "already signed in";
    return ALLOWED;
  }

  whyNotManageOwnAccount(): Denial {
    if (this.isAnonymous) return "not signed in";
    return ALLOWED;
  }

  whyNotSeeEmailOf(member: MemberRef): Denial {
    if (this.isAnonymous) return "not signed in";
    if (this.isSelf(member)) return ALLOWED;
    if (this.isAdmin) return ALLOWED;
    return "e-mail addresses are private to the member and admins";
  }

  whyNotChangeRole(member: MemberRef, newRole: Role): Denial {
    if (!this.isAdmin) return "only admins change roles";
    if (member.erasedAt) return "the account was erased";
    if (this.isSelf(member) && newRole !== "admin") return "admins cannot demote themselves (keeps one admin)";
    return ALLOWED;
  }

  whyNotEraseAccount(member: MemberRef): Denial {
    if (this.isAnonymous) return "not signed in";
    if (member.erasedAt) return "the account was erased already";
    if (this.isSelf(member)) return ALLOWED;
    if (this.isAdmin && member.role !== "admin") return ALLOWED;
    return "only the member or an admin can erase an account";
  }

  // ── Dilemmas ─────────────────────────────────────────────────────────────────────────
  // (rules for dilemmas: ask, edit, lock, hide, tag)

  // ── Replies ──────────────────────────────────────────────────────────────────────────
  // (rules for replies: reply, edit, delete, hide, mark answer, helpful)

  // ── Competences and profiles ─────────────────────────────────────────────────────────
  // (rules for competences: create, rename, describe, retire; profiles: edit own expertise)

  // ── Visibility filters: every list, feed and search query goes through these ───────────

  /** Hidden dilemmas stay visible to staff (to review them) and to their author. */
  visibleDilemmasWhere(): Prisma.DilemmaWhereInput {
    if (this.isStaff) return {};
    if (this.userId !== null) return { OR: [{ hiddenAt: null }, { authorId: this.userId }] };
    return { hiddenAt: null };
  }

  /** Drafts and upcoming meetings' internals are for staff; members see published reports. */
  visibleReportsWhere(): Prisma.MeetingWhereInput {
    if (this.isStaff) return { status: { in: ["draft", "published"] } };
    return { status: "published" };
  }

  canSignUp = () => this.whyNotSignUp() === ALLOWED;
  canLogIn = () => this.whyNotLogIn() === ALLOWED;
  canManageOwnAccount = () => this.whyNotManageOwnAccount() === ALLOWED;
  canSeeEmailOf = (m: MemberRef) => this.whyNotSeeEmailOf(m) === ALLOWED;
  canChangeRole = (m: MemberRef, r: Role) => this.whyNotChangeRole(m, r) === ALLOWED;
  canEraseAccount = (m: MemberRef) => this.whyNotEraseAccount(m) === ALLOWED;

  ensureCanSignUp = () => ensure(this.whyNotSignUp());
  ensureCanLogIn = () => ensure(this.whyNotLogIn());
  ensureCanManageOwnAccount = () => ensure(this.whyNotManageOwnAccount());
  ensureCanChangeRole = (m: MemberRef, r: Role) => ensure(this.whyNotChangeRole(m, r));
  ensureCanEraseAccount = (m: MemberRef) => ensure(this.whyNotEraseAccount(m));
}

function ensure(denial: Denial): void {
  if (denial !== null) throw new Forbidden(denial);
}

/** The signed-in member's id, or Forbidden: for domain code after an ensure… call. */
export function memberIdOf(guardian: Guardian): number {
  const id = guardian.userId;
  if (id === null) throw new Forbidden("not signed in");
  return id;
}
