import { Forbidden, NotFound } from "~/platform/errors.server";
import type { Prisma } from "~/generated/prisma/client";
import type { MeetingStatus, MemberStatus, Role } from "~/generated/prisma/enums";
import type { Viewer } from "./viewer";

// Who may do what, decided in one place (after Discourse's lib/guardian.rb). One Guardian per
// request, built from the viewer. Each rule is a `whyNot…` method: early returns, each with
// the reason it refuses, `null` when allowed. `can…` answers yes/no for the UI; `ensure…`
// throws Forbidden with the reason for the domain. Tests: tests/unit/guardian.test.ts.

type Denial = string | null;
const ALLOWED: Denial = null;
/** The reason a pending member reads wherever they cannot write yet (the UI explains it). */
export const PENDING = "the membership waits for an organiser's approval";
/** A circle always keeps an admin: the last one makes another admin before erasing their account. */
export const LAST_ADMIN = "the circle's last admin cannot erase their own account";
/** The reason a member who has not accepted the current privacy statement writes nothing (026). */
export const CONSENT_NEEDED = "the member has not accepted the current privacy statement";

/**
 * The reason a suspended member reads wherever they cannot write (decision 027): the UI shows
 * the organiser's reason and the end date beside it.
 */
export const SUSPENDED = "the member is suspended";

export type MemberRef = { id: number; role: Role; erasedAt?: Date | null; status?: MemberStatus };

/** What the dilemma rules need of a dilemma: its asker (erased or not) and its moderation state. */
export type DilemmaRef = {
  authorId: number;
  lockedAt: Date | null;
  hiddenAt: Date | null;
  /** Waiting for approval (decision 037); hiddenAt is set too. Unknown (undefined): not held. */
  heldAt?: Date | null;
  authorErasedAt?: Date | null;
  /** The asker deleted it; others' replies keep it as a tombstone (decision 038). */
  deletedByAuthorAt?: Date | null;
};

/**
 * What the meeting rules need of a meeting: its state, and whether its agenda takes proposals
 * and votes now (upcoming, opened by an organiser, and not yet begun: the domain works that
 * out from the clock, so these rules stay pure).
 */
export type MeetingRef = {
  status: MeetingStatus;
  agendaOpen: boolean;
  /** Its day has come (Amsterdam): only then can it get a report, or its report be published. */
  held: boolean;
};

/** The denial for a report before its meeting: the domain turns it into a message on the page. */
export const NOT_HELD_YET = "the meeting has not been held yet";

/** A dilemma its asker deleted keeps others' replies readable, and takes nothing new (038). */
export const DILEMMA_DELETED = "the asker deleted the dilemma";

/** Which hidden things and drafts a search may show (see Guardian.searchScope). */
export type SearchScope = {
  /** all: every hidden post; own: only the viewer's own (and their own hidden dilemmas' threads); none. */
  hidden: "all" | "own" | "none";
  drafts: boolean;
  viewerId: number | null;
};

/** What the reply rules need of a reply: who wrote it, its state, and its dilemma. */
export type ReplyRef = {
  authorId: number;
  hiddenAt: Date | null;
  /** Waiting for approval (decision 037); hiddenAt is set too. Unknown (undefined): not held. */
  heldAt?: Date | null;
  deletedByAuthorAt: Date | null;
  dilemma: DilemmaRef;
};

export class Guardian {
  constructor(readonly viewer: Viewer) {}

  get isAnonymous(): boolean {
    return this.viewer.kind === "anonymous";
  }
  get isMember(): boolean {
    return this.viewer.kind === "member";
  }
  /** The one at the server's console (an import): see viewer.ts. */
  get isOperator(): boolean {
    return this.viewer.kind === "operator";
  }
  /** Organisers and admins run the circle: meetings, reports, competences, moderation. So
   *  does the operator. */
  get isStaff(): boolean {
    if (this.viewer.kind === "operator") return true;
    return this.viewer.kind === "member" && (this.viewer.role === "organiser" || this.viewer.role === "admin");
  }
  get isAdmin(): boolean {
    return this.viewer.kind === "member" && this.viewer.role === "admin";
  }
  /** Waiting for approval: may read and manage their own account, not take part yet. */
  get isPending(): boolean {
    return this.viewer.kind === "member" && this.viewer.pending === true;
  }
  /** Accepted an older privacy statement: asked to accept the current one before writing. */
  get needsConsent(): boolean {
    return this.viewer.kind === "member" && this.viewer.consentNeeded === true;
  }
  /** Suspended by an organiser (decision 027): reads everything they could, writes nothing. */
  get isSuspended(): boolean {
    return this.viewer.kind === "member" && this.viewer.suspendedUntil !== undefined;
  }
  get userId(): number | null {
    return this.viewer.kind === "member" ? this.viewer.id : null;
  }
  private isSelf(member: { id: number }): boolean {
    return this.userId === member.id;
  }

  /** The first rule of everything that writes into the forum: a signed-in, approved member. */
  private whyNotTakePart(): Denial {
    if (this.isAnonymous) return "not signed in";
    if (this.isPending) return PENDING;
    if (this.needsConsent) return CONSENT_NEEDED;
    if (this.isSuspended) return SUSPENDED;
    return ALLOWED;
  }

  /** Staff's own writing (meetings, reports) waits for the current privacy statement too. */
  private whyNotWriteAsStaff(refusal: string): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isStaff) return refusal;
    if (this.needsConsent) return CONSENT_NEEDED;
    return ALLOWED;
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
    if (!this.isMember) return "not signed in"; // also the operator: this is a member's own
    return ALLOWED;
  }

  /** Accepting the current privacy statement: a member who has not yet (decision 026). */
  whyNotAcceptPrivacyStatement(): Denial {
    if (!this.isMember) return "not signed in";
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
    if (member.status && member.status !== "active") return "the member has not been admitted yet";
    if (this.isSelf(member) && newRole !== "admin") return "admins cannot demote themselves (keeps one admin)";
    return ALLOWED;
  }

  // ── The circle: who joins, and how (decision 016) ────────────────────────────────────
  // Admins choose how people join and read the mail the site sent (it holds others' links).
  // Organisers and admins invite people and decide on join requests.

  whyNotChooseJoinMode(): Denial {
    if (!this.isAdmin) return "only admins choose how people join";
    return ALLOWED;
  }

  whyNotInvite(): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isStaff) return "only organisers and admins invite people";
    return ALLOWED;
  }

  whyNotDecideJoinRequests(): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isStaff) return "only organisers and admins decide on join requests";
    return ALLOWED;
  }

  whyNotReadMailLog(): Denial {
    if (!this.isAdmin) return "only admins read the mail the site sent";
    return ALLOWED;
  }

  /** The set-up link creates the first admin: only a visitor who is not signed in uses it. */
  whyNotSetUpFirstAdmin(): Denial {
    if (this.isMember) return "already signed in";
    return ALLOWED;
  }

  canChooseJoinMode = () => this.whyNotChooseJoinMode() === ALLOWED;
  canInvite = () => this.whyNotInvite() === ALLOWED;
  canDecideJoinRequests = () => this.whyNotDecideJoinRequests() === ALLOWED;
  canReadMailLog = () => this.whyNotReadMailLog() === ALLOWED;
  canSetUpFirstAdmin = () => this.whyNotSetUpFirstAdmin() === ALLOWED;
  ensureCanChooseJoinMode = () => ensure(this.whyNotChooseJoinMode());
  ensureCanInvite = () => ensure(this.whyNotInvite());
  ensureCanDecideJoinRequests = () => ensure(this.whyNotDecideJoinRequests());
  ensureCanReadMailLog = () => ensure(this.whyNotReadMailLog());
  ensureCanSetUpFirstAdmin = () => ensure(this.whyNotSetUpFirstAdmin());

  /** "Download je gegevens" (AVG art. 15 and 20): only the member, not even an admin. */
  whyNotDownloadDataOf(member: MemberRef): Denial {
    if (this.isAnonymous) return "not signed in";
    if (member.erasedAt) return "the account was erased";
    if (!this.isSelf(member)) return "only the member downloads their own data";
    return ALLOWED;
  }

  /** The register of what the circle keeps, why and how long (AVG art. 30): admins. */
  whyNotSeeProcessingRegister(): Denial {
    if (!this.isAdmin) return "only admins keep the processing register";
    return ALLOWED;
  }

  /** `lastAdmin`: the member is the circle's only active admin (the domain counts). */
  whyNotEraseAccount(member: MemberRef & { lastAdmin?: boolean }): Denial {
    if (this.isAnonymous) return "not signed in";
    if (member.erasedAt) return "the account was erased already";
    if (this.isSelf(member) && member.lastAdmin) return LAST_ADMIN;
    if (this.isSelf(member)) return ALLOWED;
    if (this.isAdmin && member.role !== "admin") return ALLOWED;
    return "only the member or an admin can erase an account";
  }

  // ── Dilemmas ─────────────────────────────────────────────────────────────────────────
  // Every member may ask. The words are the asker's: only they edit title and text (staff
  // moderate by hiding or locking, never by rewording). A hidden dilemma stays editable by its
  // asker, so they can fix what the organiser's reason names and ask for it back. A locked
  // dilemma is frozen, text included, as its thread is (see Replies). Competence tags are how
  // the circle finds things back: the asker sets them while they may edit, and staff correct
  // them in any state. Lock and hide rules say who may change that state (both directions);
  // the UI picks the button from the state, and the domain makes a repeat a no-op.

  whyNotAskDilemma(): Denial {
    return this.whyNotTakePart();
  }

  /** A hidden dilemma exists only for staff (to review it) and its asker (to fix it). */
  whyNotSeeDilemma(dilemma: DilemmaRef): Denial {
    if (!dilemma.hiddenAt) return ALLOWED;
    if (this.isStaff || this.isSelf({ id: dilemma.authorId })) return ALLOWED;
    return "the dilemma is hidden";
  }

  whyNotEditDilemma(dilemma: DilemmaRef): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isSelf({ id: dilemma.authorId })) return "only the asker edits a dilemma";
    if (this.needsConsent) return CONSENT_NEEDED;
    if (this.isSuspended) return SUSPENDED;
    if (dilemma.authorErasedAt) return "the asker's account was erased";
    if (dilemma.deletedByAuthorAt) return DILEMMA_DELETED;
    if (dilemma.lockedAt) return "the dilemma is locked";
    return ALLOWED;
  }

  /**
   * The asker takes their question back, as a reply's author can (decision 038): also when it
   * is locked or hidden, also while suspended (taking words back harms nobody). Staff do not
   * delete others' dilemmas: they hide them, with a reason.
   */
  whyNotDeleteDilemma(dilemma: DilemmaRef): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isSelf({ id: dilemma.authorId })) return "only the asker deletes a dilemma";
    if (dilemma.deletedByAuthorAt) return "the dilemma was deleted already";
    return ALLOWED;
  }

  whyNotEditDilemmaTags(dilemma: DilemmaRef): Denial {
    if (this.isStaff) return ALLOWED;
    return this.whyNotEditDilemma(dilemma);
  }

  whyNotLockDilemma(_dilemma: DilemmaRef): Denial {
    if (!this.isStaff) return "only organisers and admins lock or unlock dilemmas";
    return ALLOWED;
  }

  whyNotHideDilemma(_dilemma: DilemmaRef): Denial {
    if (!this.isStaff) return "only organisers and admins hide or unhide dilemmas";
    return ALLOWED;
  }

  canAskDilemma = () => this.whyNotAskDilemma() === ALLOWED;
  canSeeDilemma = (d: DilemmaRef) => this.whyNotSeeDilemma(d) === ALLOWED;
  canEditDilemma = (d: DilemmaRef) => this.whyNotEditDilemma(d) === ALLOWED;
  canEditDilemmaTags = (d: DilemmaRef) => this.whyNotEditDilemmaTags(d) === ALLOWED;
  canLockDilemma = (d: DilemmaRef) => this.whyNotLockDilemma(d) === ALLOWED;
  canHideDilemma = (d: DilemmaRef) => this.whyNotHideDilemma(d) === ALLOWED;
  canDeleteDilemma = (d: DilemmaRef) => this.whyNotDeleteDilemma(d) === ALLOWED;

  ensureCanAskDilemma = () => ensure(this.whyNotAskDilemma());
  /** NotFound, not Forbidden: whether a hidden dilemma exists is not for everyone to learn. */
  ensureCanSeeDilemma = (d: DilemmaRef) => {
    if (this.whyNotSeeDilemma(d) !== ALLOWED) throw new NotFound("dilemma");
  };
  ensureCanEditDilemma = (d: DilemmaRef) => ensure(this.whyNotEditDilemma(d));
  ensureCanEditDilemmaTags = (d: DilemmaRef) => ensure(this.whyNotEditDilemmaTags(d));
  ensureCanLockDilemma = (d: DilemmaRef) => ensure(this.whyNotLockDilemma(d));
  ensureCanHideDilemma = (d: DilemmaRef) => ensure(this.whyNotHideDilemma(d));
  ensureCanDeleteDilemma = (d: DilemmaRef) => ensure(this.whyNotDeleteDilemma(d));

  // ── Replies ──────────────────────────────────────────────────────────────────────────
  // A locked dilemma is frozen for its members: no new replies, no edits. Taking back your
  // own words (delete) stays possible, and staff keep moderating. A hidden dilemma takes its
  // thread out of view: only staff and the asker still see it, nobody adds to it. A reply
  // deleted by its author keeps its place in the thread, but nobody sees its text again.

  whyNotReply(dilemma: DilemmaRef): Denial {
    const denial = this.whyNotTakePart();
    if (denial) return denial;
    if (dilemma.hiddenAt) return "the dilemma is hidden";
    if (dilemma.deletedByAuthorAt) return DILEMMA_DELETED;
    if (dilemma.lockedAt) return "the dilemma is locked";
    return ALLOWED;
  }

  whyNotEditReply(reply: ReplyRef): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isSelf({ id: reply.authorId })) return "only the author edits a reply";
    if (this.needsConsent) return CONSENT_NEEDED;
    if (this.isSuspended) return SUSPENDED;
    if (reply.deletedByAuthorAt) return "the reply was deleted";
    // A reply waiting for approval stays its author's to fix; it stays held (decision 037).
    if (reply.hiddenAt && !reply.heldAt) return "the reply is hidden by an organiser";
    if (reply.dilemma.hiddenAt) return "the dilemma is hidden";
    if (reply.dilemma.lockedAt) return "the dilemma is locked";
    return ALLOWED;
  }

  whyNotDeleteReply(reply: ReplyRef): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isSelf({ id: reply.authorId })) return "only the author deletes a reply";
    if (reply.deletedByAuthorAt) return "the reply was deleted already";
    if (this.whyNotSeeDilemma(reply.dilemma)) return "the dilemma is hidden";
    return ALLOWED;
  }

  whyNotHideReply(reply: ReplyRef): Denial {
    if (!this.isStaff) return "only organisers and admins hide replies";
    if (reply.deletedByAuthorAt) return "the reply was deleted";
    // Hiding a reply that waits for approval turns it down, with the reason (decision 037).
    if (reply.hiddenAt && !reply.heldAt) return "the reply is hidden already";
    return ALLOWED;
  }

  whyNotUnhideReply(reply: ReplyRef): Denial {
    if (!this.isStaff) return "only organisers and admins unhide replies";
    if (!reply.hiddenAt) return "the reply is not hidden";
    return this.whyNotRestorePost(reply);
  }

  /** Mark (or unmark) the answer; with a reply, also whether that reply can be the answer. */
  whyNotMarkAnswer(dilemma: DilemmaRef, reply?: ReplyRef): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isSelf({ id: dilemma.authorId }) && !this.isStaff) {
      return "only the asker, an organiser or an admin marks the answer";
    }
    if (this.isSuspended) return SUSPENDED;
    if (dilemma.hiddenAt) return "the dilemma is hidden";
    if (dilemma.deletedByAuthorAt) return DILEMMA_DELETED;
    if (dilemma.lockedAt && !this.isStaff) return "the dilemma is locked";
    if (reply?.deletedByAuthorAt || reply?.hiddenAt) return "a deleted or hidden reply cannot be the answer";
    return ALLOWED;
  }

  whyNotMarkHelpful(reply: ReplyRef): Denial {
    const denial = this.whyNotTakePart();
    if (denial) return denial;
    if (!this.isMember) return "not signed in"; // the operator: this is a member's own
    if (this.isSelf({ id: reply.authorId })) return "not on your own reply";
    if (reply.deletedByAuthorAt) return "the reply was deleted";
    if (reply.hiddenAt) return "the reply is hidden";
    if (reply.dilemma.hiddenAt) return "the dilemma is hidden";
    return ALLOWED;
  }

  /** Whether the viewer may read the reply's text (a placeholder keeps its place otherwise). */
  whyNotSeeReply(reply: ReplyRef): Denial {
    if (this.whyNotSeeDilemma(reply.dilemma)) return "the dilemma is hidden";
    if (reply.deletedByAuthorAt) return "the reply was deleted by its author";
    if (reply.hiddenAt && !this.isStaff && !this.isSelf({ id: reply.authorId })) {
      return "the reply is hidden by an organiser";
    }
    return ALLOWED;
  }

  canReply = (d: DilemmaRef) => this.whyNotReply(d) === ALLOWED;
  canEditReply = (r: ReplyRef) => this.whyNotEditReply(r) === ALLOWED;
  canDeleteReply = (r: ReplyRef) => this.whyNotDeleteReply(r) === ALLOWED;
  canHideReply = (r: ReplyRef) => this.whyNotHideReply(r) === ALLOWED;
  canUnhideReply = (r: ReplyRef) => this.whyNotUnhideReply(r) === ALLOWED;
  canMarkAnswer = (d: DilemmaRef, r?: ReplyRef) => this.whyNotMarkAnswer(d, r) === ALLOWED;
  canMarkHelpful = (r: ReplyRef) => this.whyNotMarkHelpful(r) === ALLOWED;
  canSeeReply = (r: ReplyRef) => this.whyNotSeeReply(r) === ALLOWED;

  ensureCanReply = (d: DilemmaRef) => ensure(this.whyNotReply(d));
  ensureCanEditReply = (r: ReplyRef) => ensure(this.whyNotEditReply(r));
  ensureCanDeleteReply = (r: ReplyRef) => ensure(this.whyNotDeleteReply(r));
  ensureCanHideReply = (r: ReplyRef) => ensure(this.whyNotHideReply(r));
  ensureCanUnhideReply = (r: ReplyRef) => ensure(this.whyNotUnhideReply(r));
  ensureCanMarkAnswer = (d: DilemmaRef, r?: ReplyRef) => ensure(this.whyNotMarkAnswer(d, r));
  ensureCanMarkHelpful = (r: ReplyRef) => ensure(this.whyNotMarkHelpful(r));

  // ── Competences and profiles ─────────────────────────────────────────────────────────
  // Competences are the circle's shared vocabulary, so staff keep it: organisers and admins
  // create, rename, describe, retire and un-retire them; everyone may read them. A retired
  // competence can still be edited (its description explains old dilemmas).

  whyNotManageCompetences(): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isStaff) return "only organisers and admins manage competences";
    return ALLOWED;
  }

  whyNotRetireCompetence(competence: { retiredAt: Date | null }): Denial {
    const denial = this.whyNotManageCompetences();
    if (denial) return denial;
    if (competence.retiredAt) return "the competence is retired already";
    return ALLOWED;
  }

  whyNotUnretireCompetence(competence: { retiredAt: Date | null }): Denial {
    const denial = this.whyNotManageCompetences();
    if (denial) return denial;
    if (!competence.retiredAt) return "the competence is in use";
    return ALLOWED;
  }

  // Who is in the circle is for the circle (docs/decisions/017-uploaded-files.md): the member
  // directory, profiles and photos are for signed-in members. Posts stay readable by visitors
  // as before; they see the author's name, without a link or photo. No list ever shows an
  // e-mail address (whyNotSeeEmailOf), and an erased member is in no list and has no profile.
  // The directory is the circle's: someone still waiting for approval is not in it yet, so
  // does not read who is (their own profile they may see).
  whyNotSeeMembers(): Denial {
    if (this.isAnonymous) return "not signed in";
    if (this.isPending) return PENDING;
    return ALLOWED;
  }

  /** A profile, and the member's photo wherever it appears; an erased member has none (404). */
  whyNotSeeProfile(member: MemberRef): Denial {
    if (member.erasedAt) return this.isAnonymous ? "not signed in" : "the account was erased";
    if (this.isSelf(member)) return ALLOWED;
    const denial = this.whyNotSeeMembers();
    if (denial) return denial;
    if (member.status && member.status !== "active" && !this.isStaff && !this.isSelf(member)) {
      return "not admitted to the circle yet";
    }
    return ALLOWED;
  }

  // A profile speaks for its member, so only the member edits it (name, organisation,
  // expertise, language). Not admins, by decision: what an admin needs over another member
  // has its own rules (changeRole, eraseAccount), and an admin editing a profile would put
  // words under someone else's name.
  whyNotEditProfile(member: MemberRef): Denial {
    if (this.isAnonymous) return "not signed in";
    if (member.erasedAt) return "the account was erased";
    if (!this.isSelf(member)) return "only the member edits their own profile";
    return ALLOWED;
  }

  canManageCompetences = () => this.whyNotManageCompetences() === ALLOWED;
  canRetireCompetence = (c: { retiredAt: Date | null }) => this.whyNotRetireCompetence(c) === ALLOWED;
  canUnretireCompetence = (c: { retiredAt: Date | null }) => this.whyNotUnretireCompetence(c) === ALLOWED;
  canSeeMembers = () => this.whyNotSeeMembers() === ALLOWED;
  canSeeProfile = (m: MemberRef) => this.whyNotSeeProfile(m) === ALLOWED;
  canEditProfile = (m: MemberRef) => this.whyNotEditProfile(m) === ALLOWED;

  ensureCanManageCompetences = () => ensure(this.whyNotManageCompetences());
  ensureCanRetireCompetence = (c: { retiredAt: Date | null }) => ensure(this.whyNotRetireCompetence(c));
  ensureCanUnretireCompetence = (c: { retiredAt: Date | null }) => ensure(this.whyNotUnretireCompetence(c));
  ensureCanSeeMembers = () => ensure(this.whyNotSeeMembers());
  /** NotFound, not Forbidden: an erased member is gone, not hidden. */
  ensureCanSeeProfile = (m: MemberRef) => {
    const denial = this.whyNotSeeProfile(m);
    if (denial === "not signed in" || denial === PENDING) throw new Forbidden(denial);
    if (denial) throw new NotFound("member");
  };
  ensureCanEditProfile = (m: MemberRef) => ensure(this.whyNotEditProfile(m));

  // ── Privacy guard ────────────────────────────────────────────────────────────────────
  // Members have their text checked before they publish it (the check reads nothing stored;
  // it costs the server work, and visitors publish nothing).

  whyNotCheckPrivacy(): Denial {
    if (this.isAnonymous) return "not signed in";
    return ALLOWED;
  }

  canCheckPrivacy = () => this.whyNotCheckPrivacy() === ALLOWED;
  ensureCanCheckPrivacy = () => ensure(this.whyNotCheckPrivacy());

  // ── Attachments (decision 045) ───────────────────────────────────────────────────────
  // A post's photos and documents are part of its words: who may change the text adds and
  // removes them, and a file is served to exactly those who may read the text. A deleted
  // post has none (they go with its text); a hidden or held one's files are for staff and its
  // author, like its text; a visitor sees the files of what a visitor may read.

  whyNotAttachToDilemma(dilemma: DilemmaRef): Denial {
    return this.whyNotEditDilemma(dilemma);
  }

  whyNotAttachToReply(reply: ReplyRef): Denial {
    return this.whyNotEditReply(reply);
  }

  whyNotAttachToReport(meeting: MeetingRef): Denial {
    const denial = this.whyNotEditMeeting(meeting);
    if (denial) return denial;
    if (meeting.status === "upcoming") return "an upcoming meeting has an agenda, not a report";
    return ALLOWED;
  }

  whyNotSeeDilemmaAttachment(dilemma: DilemmaRef): Denial {
    if (dilemma.deletedByAuthorAt) return DILEMMA_DELETED;
    if (dilemma.authorErasedAt) return "the asker's account was erased";
    return this.whyNotSeeDilemma(dilemma);
  }

  whyNotSeeReplyAttachment(reply: ReplyRef): Denial {
    return this.whyNotSeeReply(reply);
  }

  whyNotSeeReportAttachment(meeting: MeetingRef): Denial {
    if (meeting.status === "upcoming") return "an upcoming meeting has no report";
    return this.whyNotSeeMeeting(meeting);
  }

  canAttachToDilemma = (d: DilemmaRef) => this.whyNotAttachToDilemma(d) === ALLOWED;
  canAttachToReply = (r: ReplyRef) => this.whyNotAttachToReply(r) === ALLOWED;
  canAttachToReport = (m: MeetingRef) => this.whyNotAttachToReport(m) === ALLOWED;
  ensureCanAttachToDilemma = (d: DilemmaRef) => ensure(this.whyNotAttachToDilemma(d));
  ensureCanAttachToReply = (r: ReplyRef) => ensure(this.whyNotAttachToReply(r));
  ensureCanAttachToReport = (m: MeetingRef) => ensure(this.whyNotAttachToReport(m));
  /** Not allowed is NotFound: a file of a post one may not read does not exist for them. */
  ensureCanSeeDilemmaAttachment = (d: DilemmaRef) => {
    if (this.whyNotSeeDilemmaAttachment(d) !== ALLOWED) throw new NotFound("attachment");
  };
  ensureCanSeeReplyAttachment = (r: ReplyRef) => {
    if (this.whyNotSeeReplyAttachment(r) !== ALLOWED) throw new NotFound("attachment");
  };
  ensureCanSeeReportAttachment = (m: MeetingRef) => {
    if (this.whyNotSeeReportAttachment(m) !== ALLOWED) throw new NotFound("attachment");
  };

  // ── Meetings and reports ─────────────────────────────────────────────────────────────
  // Organisers and admins run the circle's meetings: they plan one, open its agenda, turn it
  // into its report after it was held, write, link, publish and delete. Members take part in
  // the agenda: they propose open dilemmas and vote, while it is open (see MeetingRef). A draft
  // report is the organisers' work in progress: for everyone else it does not exist (404, see
  // ensureCanSeeMeeting). An upcoming meeting is public, like its calendar feed.

  whyNotSeeMeeting(meeting: MeetingRef): Denial {
    if (meeting.status === "draft" && !this.isStaff) return "a draft report is for organisers and admins";
    return ALLOWED;
  }

  /** Plan an upcoming meeting or start a report. */
  whyNotCreateMeeting(): Denial {
    return this.whyNotWriteAsStaff("only organisers and admins create meetings and reports");
  }

  /** Edit its details or the report's text (a published report keeps revisions). */
  whyNotEditMeeting(_meeting: MeetingRef): Denial {
    return this.whyNotWriteAsStaff("only organisers and admins edit meetings and reports");
  }

  whyNotPublishReport(meeting: MeetingRef): Denial {
    const denial = this.whyNotWriteAsStaff("only organisers and admins publish reports");
    if (denial) return denial;
    if (meeting.status === "upcoming") return "the meeting has no report yet";
    if (meeting.status === "published") return "the report is published already";
    if (!meeting.held) return NOT_HELD_YET;
    return ALLOWED;
  }

  /** Deleting a meeting removes its report, agenda and links, never the dilemmas. */
  whyNotDeleteMeeting(_meeting: MeetingRef): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isStaff) return "only organisers and admins delete meetings and reports";
    return ALLOWED;
  }

  /** Link or unlink dilemmas raised or discussed, or turn a question raised into a dilemma. */
  whyNotLinkDilemmas(meeting: MeetingRef): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isStaff) return "only organisers and admins link dilemmas to a report";
    if (meeting.status === "upcoming") return "an upcoming meeting has an agenda, not a report";
    return ALLOWED;
  }

  whyNotOpenAgenda(meeting: MeetingRef): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isStaff) return "only organisers and admins open an agenda";
    if (meeting.status !== "upcoming") return "only an upcoming meeting has an agenda";
    if (meeting.agendaOpen) return "the agenda is open already";
    return ALLOWED;
  }

  whyNotCloseAgenda(meeting: MeetingRef): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isStaff) return "only organisers and admins close an agenda";
    if (meeting.status !== "upcoming") return "only an upcoming meeting has an agenda";
    if (!meeting.agendaOpen) return "the agenda is closed already";
    return ALLOWED;
  }

  /** Every member may put an open dilemma on an open agenda, and vote for what is on it. */
  whyNotProposeAgendaItem(meeting: MeetingRef): Denial {
    const denial = this.whyNotTakePart();
    if (denial) return denial;
    if (!this.isMember) return "not signed in"; // the operator: this is a member's own
    if (meeting.status !== "upcoming") return "only an upcoming meeting has an agenda";
    if (!meeting.agendaOpen) return "the agenda is closed";
    return ALLOWED;
  }

  whyNotVoteOnAgenda(meeting: MeetingRef): Denial {
    return this.whyNotProposeAgendaItem(meeting);
  }

  /** Organisers keep the agenda: they take items off it (open or closed, until it is held). */
  whyNotRemoveAgendaItem(meeting: MeetingRef): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isStaff) return "only organisers and admins take items off an agenda";
    if (meeting.status !== "upcoming") return "only an upcoming meeting has an agenda";
    return ALLOWED;
  }

  /** After the meeting: the upcoming meeting becomes its draft report, its agenda "discussed". */
  whyNotConvertToReport(meeting: MeetingRef): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isStaff) return "only organisers and admins write reports";
    if (meeting.status !== "upcoming") return "the meeting has a report already";
    if (!meeting.held) return NOT_HELD_YET;
    return ALLOWED;
  }

  canSeeMeeting = (m: MeetingRef) => this.whyNotSeeMeeting(m) === ALLOWED;
  canCreateMeeting = () => this.whyNotCreateMeeting() === ALLOWED;
  canEditMeeting = (m: MeetingRef) => this.whyNotEditMeeting(m) === ALLOWED;
  canPublishReport = (m: MeetingRef) => this.whyNotPublishReport(m) === ALLOWED;
  canDeleteMeeting = (m: MeetingRef) => this.whyNotDeleteMeeting(m) === ALLOWED;
  canLinkDilemmas = (m: MeetingRef) => this.whyNotLinkDilemmas(m) === ALLOWED;
  canOpenAgenda = (m: MeetingRef) => this.whyNotOpenAgenda(m) === ALLOWED;
  canCloseAgenda = (m: MeetingRef) => this.whyNotCloseAgenda(m) === ALLOWED;
  canProposeAgendaItem = (m: MeetingRef) => this.whyNotProposeAgendaItem(m) === ALLOWED;
  canVoteOnAgenda = (m: MeetingRef) => this.whyNotVoteOnAgenda(m) === ALLOWED;
  canRemoveAgendaItem = (m: MeetingRef) => this.whyNotRemoveAgendaItem(m) === ALLOWED;
  canConvertToReport = (m: MeetingRef) => this.whyNotConvertToReport(m) === ALLOWED;

  /** NotFound, not Forbidden: members must not learn that a draft report exists. */
  ensureCanSeeMeeting = (m: MeetingRef) => {
    if (this.whyNotSeeMeeting(m) !== ALLOWED) throw new NotFound("meeting");
  };
  ensureCanCreateMeeting = () => ensure(this.whyNotCreateMeeting());
  ensureCanEditMeeting = (m: MeetingRef) => ensure(this.whyNotEditMeeting(m));
  ensureCanPublishReport = (m: MeetingRef) => ensure(this.whyNotPublishReport(m));
  ensureCanDeleteMeeting = (m: MeetingRef) => ensure(this.whyNotDeleteMeeting(m));
  ensureCanLinkDilemmas = (m: MeetingRef) => ensure(this.whyNotLinkDilemmas(m));
  ensureCanOpenAgenda = (m: MeetingRef) => ensure(this.whyNotOpenAgenda(m));
  ensureCanCloseAgenda = (m: MeetingRef) => ensure(this.whyNotCloseAgenda(m));
  ensureCanProposeAgendaItem = (m: MeetingRef) => ensure(this.whyNotProposeAgendaItem(m));
  ensureCanVoteOnAgenda = (m: MeetingRef) => ensure(this.whyNotVoteOnAgenda(m));
  ensureCanRemoveAgendaItem = (m: MeetingRef) => ensure(this.whyNotRemoveAgendaItem(m));
  ensureCanConvertToReport = (m: MeetingRef) => ensure(this.whyNotConvertToReport(m));

  // ── In another's name ────────────────────────────────────────────────────────────────
  // Content is normally written by the viewer, now. Staff type in a question someone raised
  // at a meeting in that member's name; only the operator brings in history (an import):
  // posts in members' names with the dates they were written.

  whyNotWriteInNameOf(): Denial {
    if (!this.isStaff) return "only organisers and admins write in another member's name";
    return ALLOWED;
  }

  whyNotImportHistory(): Denial {
    if (!this.isOperator) return "only an import at the server writes history";
    return ALLOWED;
  }

  canWriteInNameOf = () => this.whyNotWriteInNameOf() === ALLOWED;
  canImportHistory = () => this.whyNotImportHistory() === ALLOWED;
  ensureCanWriteInNameOf = () => ensure(this.whyNotWriteInNameOf());
  ensureCanImportHistory = () => ensure(this.whyNotImportHistory());

  // ── Moderation (issue 25, decision 025) ─────────────────────────────────────────────
  // Any approved member may flag what they can see, once per post, never their own words (they
  // edit or delete those) and not what is hidden already. Organisers and admins work the queue,
  // act on posts, and read the audit trail (who did what, why); the author is told what was
  // done and why, never who flagged.

  whyNotFlagPost(post: { authorId: number | null; hiddenAt: Date | null }): Denial {
    const denial = this.whyNotTakePart();
    if (denial) return denial;
    if (!this.isMember) return "not signed in"; // the operator: a flag is a member's own
    if (post.authorId !== null && this.isSelf({ id: post.authorId })) return "not on your own post";
    if (post.hiddenAt) return "the post is hidden already";
    return ALLOWED;
  }

  whyNotModerate(): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isStaff) return "only organisers and admins moderate";
    return ALLOWED;
  }

  whyNotReadAuditTrail(): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isStaff) return "only organisers and admins read the audit trail";
    return ALLOWED;
  }

  // Suspending and warning a member (decision 027): organisers and admins, never themselves,
  // never another organiser or admin (an admin changes their role first: staff who may not
  // post should not moderate either), never an erased account or one not admitted yet.
  // Lifting a suspension early: the same people, only while it lasts.

  whyNotSuspend(member: MemberRef): Denial {
    const denial = this.whyNotActOnMember(member);
    if (denial) return denial;
    return ALLOWED;
  }

  whyNotLiftSuspension(member: MemberRef & { suspendedUntil: Date | null }, now: Date): Denial {
    const denial = this.whyNotActOnMember(member);
    if (denial) return denial;
    if (!member.suspendedUntil || member.suspendedUntil <= now) return "the member is not suspended";
    return ALLOWED;
  }

  whyNotWarn(member: MemberRef): Denial {
    return this.whyNotActOnMember(member);
  }

  private whyNotActOnMember(member: MemberRef): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isStaff) return "only organisers and admins suspend or warn members";
    if (this.isSelf(member)) return "not yourself";
    if (member.erasedAt) return "the account was erased";
    if (member.status && member.status !== "active") return "the member has not been admitted yet";
    if (member.role !== "member") return "organisers and admins are not suspended or warned (change the role first)";
    return ALLOWED;
  }

  /**
   * Changing another member's words with a reason the author reads (decision 033): a dilemma's
   * title and text or a reply's text, in any state (a hidden post can be fixed and restored, a
   * locked one corrected), and the revision names the organiser. Not your own post (edit it as
   * its author), not a reply its author took back (its text is theirs to have withdrawn).
   */
  whyNotRewordPost(post: { authorId: number; deletedByAuthorAt?: Date | null }): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isStaff) return "only organisers and admins change another member's words";
    if (this.isSelf({ id: post.authorId })) return "your own post: edit it as its author";
    if (post.deletedByAuthorAt) return "the post was deleted by its author";
    return ALLOWED;
  }

  canRewordPost = (p: { authorId: number; deletedByAuthorAt?: Date | null }) => this.whyNotRewordPost(p) === ALLOWED;
  ensureCanRewordPost = (p: { authorId: number; deletedByAuthorAt?: Date | null }) => ensure(this.whyNotRewordPost(p));

  canSuspend = (m: MemberRef) => this.whyNotSuspend(m) === ALLOWED;
  canWarn = (m: MemberRef) => this.whyNotWarn(m) === ALLOWED;
  ensureCanSuspend = (m: MemberRef) => ensure(this.whyNotSuspend(m));
  ensureCanLiftSuspension = (m: MemberRef & { suspendedUntil: Date | null }, now: Date) => ensure(this.whyNotLiftSuspension(m, now));
  ensureCanWarn = (m: MemberRef) => ensure(this.whyNotWarn(m));

  canFlagPost = (p: { authorId: number | null; hiddenAt: Date | null }) => this.whyNotFlagPost(p) === ALLOWED;
  canModerate = () => this.whyNotModerate() === ALLOWED;
  canReadAuditTrail = () => this.whyNotReadAuditTrail() === ALLOWED;
  ensureCanFlagPost = (p: { authorId: number | null; hiddenAt: Date | null }) => ensure(this.whyNotFlagPost(p));
  ensureCanModerate = () => ensure(this.whyNotModerate());
  ensureCanReadAuditTrail = () => ensure(this.whyNotReadAuditTrail());

  // Holds for new members (decision 037): a new member's first posts wait, hidden, until an
  // organiser approves them (published as if written then) or turns them down (hidden with a
  // reason, through the hide rules above). Staff are never held, so never approve their own.

  whyNotApprovePost(post: { heldAt?: Date | null }): Denial {
    if (!this.isStaff) return "only organisers and admins approve posts";
    if (!post.heldAt) return "the post does not wait for approval";
    return ALLOWED;
  }

  /** Restoring a hidden post is not how a held one is published: approving it is. */
  whyNotRestorePost(post: { heldAt?: Date | null }): Denial {
    if (!this.isStaff) return "only organisers and admins restore posts";
    if (post.heldAt) return "the post waits for approval";
    return ALLOWED;
  }

  canApprovePost = (p: { heldAt?: Date | null }) => this.whyNotApprovePost(p) === ALLOWED;
  canRestorePost = (p: { heldAt?: Date | null }) => this.whyNotRestorePost(p) === ALLOWED;
  ensureCanApprovePost = (p: { heldAt?: Date | null }) => ensure(this.whyNotApprovePost(p));
  ensureCanRestorePost = (p: { heldAt?: Date | null }) => ensure(this.whyNotRestorePost(p));

  // ── Search ───────────────────────────────────────────────────────────────────────────
  // Everyone may search; what a search may show is the visibility rules below, applied by
  // app/search to its own documents (searchScope). Organisers tend the search vocabulary
  // (synonym groups) and see which searches found nothing (no identities are kept).

  whyNotManageSearchSynonyms(): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isStaff) return "only organisers and admins manage search synonyms";
    return ALLOWED;
  }

  whyNotSeeSearchMisses(): Denial {
    if (this.isAnonymous) return "not signed in";
    if (!this.isStaff) return "only organisers and admins see searches that found nothing";
    return ALLOWED;
  }

  canManageSearchSynonyms = () => this.whyNotManageSearchSynonyms() === ALLOWED;
  canSeeSearchMisses = () => this.whyNotSeeSearchMisses() === ALLOWED;
  ensureCanManageSearchSynonyms = () => ensure(this.whyNotManageSearchSynonyms());
  ensureCanSeeSearchMisses = () => ensure(this.whyNotSeeSearchMisses());

  /**
   * What a search may show, as the facts its documents carry. The same rules as
   * visibleDilemmasWhere (hidden dilemmas: staff and the asker), whyNotSeeReply (hidden
   * replies: staff and their author; nothing of a dilemma the viewer may not see) and
   * visibleReportsWhere (drafts: staff).
   */
  searchScope(): SearchScope {
    if (this.isStaff) return { hidden: "all", drafts: true, viewerId: this.userId };
    if (this.userId !== null) return { hidden: "own", drafts: false, viewerId: this.userId };
    return { hidden: "none", drafts: false, viewerId: null };
  }

  // ── Visibility filters: every list, feed and search query goes through these ───────────

  /** Hidden dilemmas stay visible to staff (to review them) and to their author. */
  visibleDilemmasWhere(): Prisma.DilemmaWhereInput {
    if (this.isStaff) return {};
    if (this.userId !== null) return { OR: [{ hiddenAt: null }, { authorId: this.userId }] };
    return { hiddenAt: null };
  }

  /**
   * What this viewer sees of the dilemma list beyond what a visitor sees, so that shared copies
   * may serve them (decisions 010, 058): nothing more (the shared copy as it is), their own
   * hidden dilemmas (a member who asked one: they see it, marked; the shared copy with those
   * merged in), or every hidden dilemma (staff: read live). The same story as
   * visibleDilemmasWhere.
   */
  dilemmasBeyondVisitor(authorsOfHiddenDilemmas: ReadonlySet<number>): "nothing" | "own hidden" | "all hidden" {
    if (this.isStaff) return "all hidden";
    if (this.userId !== null && authorsOfHiddenDilemmas.has(this.userId)) return "own hidden";
    return "nothing";
  }

  /** Drafts and upcoming meetings' internals are for staff; members see published reports. */
  visibleReportsWhere(): Prisma.MeetingWhereInput {
    if (this.isStaff) return { status: { in: ["draft", "published"] } };
    return { status: "published" };
  }

  // ── Notifications ────────────────────────────────────────────────────────────────────
  // Following or muting a dilemma, competence or meeting is a member's own business, like
  // their mail settings; a member waiting for approval gets no notifications yet, so follows
  // nothing. Whether a notification may show a post is the visibility rules' (whyNotSee…).

  whyNotFollow(): Denial {
    if (this.isOperator) return "the operator is no member";
    const denial = this.whyNotTakePart();
    // Following writes nothing others read: a suspended member may still follow threads.
    if (denial === SUSPENDED) return ALLOWED;
    return denial;
  }
  canFollow = () => this.whyNotFollow() === ALLOWED;
  ensureCanFollow = () => ensure(this.whyNotFollow());

  /** Meetings in any state for staff; upcoming ones and published reports for everyone else. */
  visibleMeetingsWhere(): Prisma.MeetingWhereInput {
    if (this.isStaff) return {};
    return { status: { in: ["upcoming", "published"] } };
  }

  canSignUp = () => this.whyNotSignUp() === ALLOWED;
  canLogIn = () => this.whyNotLogIn() === ALLOWED;
  canManageOwnAccount = () => this.whyNotManageOwnAccount() === ALLOWED;
  canAcceptPrivacyStatement = () => this.whyNotAcceptPrivacyStatement() === ALLOWED;
  canSeeEmailOf = (m: MemberRef) => this.whyNotSeeEmailOf(m) === ALLOWED;
  canChangeRole = (m: MemberRef, r: Role) => this.whyNotChangeRole(m, r) === ALLOWED;
  canEraseAccount = (m: MemberRef & { lastAdmin?: boolean }) => this.whyNotEraseAccount(m) === ALLOWED;
  canDownloadDataOf = (m: MemberRef) => this.whyNotDownloadDataOf(m) === ALLOWED;
  canSeeProcessingRegister = () => this.whyNotSeeProcessingRegister() === ALLOWED;

  ensureCanSignUp = () => ensure(this.whyNotSignUp());
  ensureCanLogIn = () => ensure(this.whyNotLogIn());
  ensureCanManageOwnAccount = () => ensure(this.whyNotManageOwnAccount());
  ensureCanAcceptPrivacyStatement = () => ensure(this.whyNotAcceptPrivacyStatement());
  ensureCanChangeRole = (m: MemberRef, r: Role) => ensure(this.whyNotChangeRole(m, r));
  ensureCanEraseAccount = (m: MemberRef & { lastAdmin?: boolean }) => ensure(this.whyNotEraseAccount(m));
  ensureCanDownloadDataOf = (m: MemberRef) => ensure(this.whyNotDownloadDataOf(m));
  ensureCanSeeProcessingRegister = () => ensure(this.whyNotSeeProcessingRegister());
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
