import { describe, expect, it } from "vitest";
import { CONSENT_NEEDED, type DilemmaRef, Guardian, LAST_ADMIN, type MeetingRef, type MemberRef, PENDING, type ReplyRef, SUSPENDED } from "~/guardian/guardian.server";
import type { Role } from "~/generated/prisma/enums";
import { anonymousViewer, operatorViewer, type Viewer } from "~/guardian/viewer";
import { Forbidden, NotFound } from "~/platform/errors.server";

// The Guardian's rules as a matrix: every action × viewer role × ownership × state, each cell
// written out, so a changed rule shows up as a changed cell in review.

type ViewerRole = "anonymous" | "member" | "organiser" | "admin";
const viewerRoles: ViewerRole[] = ["anonymous", "member", "organiser", "admin"];
const SELF_ID = 10;

function guardianFor(role: ViewerRole): Guardian {
  const viewer: Viewer =
    role === "anonymous"
      ? anonymousViewer
      : { kind: "member", id: SELF_ID, handle: "ik", displayName: "Ik", role, locale: "nl" };
  return new Guardian(viewer);
}

// Targets: the viewer's own account or another's; the other's role; active or erased.
type Target = "self" | "other member" | "other admin" | "erased member";
const targets: Target[] = ["self", "other member", "other admin", "erased member"];
function target(t: Target, viewerRole: ViewerRole): MemberRef {
  switch (t) {
    case "self":
      return { id: SELF_ID, role: viewerRole === "anonymous" ? "member" : viewerRole };
    case "other member":
      return { id: 20, role: "member" };
    case "other admin":
      return { id: 30, role: "admin" };
    case "erased member":
      return { id: 40, role: "member", erasedAt: new Date("2026-01-01") };
  }
}

// Y = allowed, n = refused. Columns follow `targets` order.
const Y = true;
const n = false;

describe("accounts without a target", () => {
  const expected: Record<string, Record<ViewerRole, boolean>> = {
    signUp: { anonymous: Y, member: n, organiser: n, admin: n },
    logIn: { anonymous: Y, member: n, organiser: n, admin: n },
    manageOwnAccount: { anonymous: n, member: Y, organiser: Y, admin: Y },
    // The member directory (and every profile and photo): the circle is closed.
    seeMembers: { anonymous: n, member: Y, organiser: Y, admin: Y },
    // Following a dilemma, competence or meeting (notifications).
    follow: { anonymous: n, member: Y, organiser: Y, admin: Y },
    seeProcessingRegister: { anonymous: n, member: n, organiser: n, admin: Y },
  };
  const ask = {
    signUp: (g: Guardian) => g.canSignUp(),
    logIn: (g: Guardian) => g.canLogIn(),
    manageOwnAccount: (g: Guardian) => g.canManageOwnAccount(),
    seeMembers: (g: Guardian) => g.canSeeMembers(),
    follow: (g: Guardian) => g.canFollow(),
    seeProcessingRegister: (g: Guardian) => g.canSeeProcessingRegister(),
  };
  for (const [action, row] of Object.entries(expected)) {
    for (const role of viewerRoles) {
      it(`${action} × ${role} → ${row[role] ? "allowed" : "refused"}`, () => {
        expect(ask[action as keyof typeof ask](guardianFor(role))).toBe(row[role]);
      });
    }
  }
});

describe("accounts with a target", () => {
  const expected: Record<string, Record<ViewerRole, boolean[]>> = {
    //                     self other-member other-admin erased
    seeEmail: {
      anonymous: [n, n, n, n],
      member: [Y, n, n, n],
      organiser: [Y, n, n, n],
      admin: [Y, Y, Y, Y],
    },
    eraseAccount: {
      anonymous: [n, n, n, n],
      member: [Y, n, n, n],
      organiser: [Y, n, n, n],
      admin: [Y, Y, n, n],
    },
    downloadData: {
      anonymous: [n, n, n, n],
      member: [Y, n, n, n],
      organiser: [Y, n, n, n],
      admin: [Y, n, n, n], // not even an admin: the archive holds everything about a member
    },
    makeOrganiser: {
      anonymous: [n, n, n, n],
      member: [n, n, n, n],
      organiser: [n, n, n, n],
      admin: [n, Y, Y, n], // an admin cannot demote themselves
    },
    makeAdmin: {
      anonymous: [n, n, n, n],
      member: [n, n, n, n],
      organiser: [n, n, n, n],
      admin: [Y, Y, Y, n],
    },
  };
  const ask = {
    seeEmail: (g: Guardian, m: MemberRef) => g.canSeeEmailOf(m),
    eraseAccount: (g: Guardian, m: MemberRef) => g.canEraseAccount(m),
    downloadData: (g: Guardian, m: MemberRef) => g.canDownloadDataOf(m),
    makeOrganiser: (g: Guardian, m: MemberRef) => g.canChangeRole(m, "organiser"),
    makeAdmin: (g: Guardian, m: MemberRef) => g.canChangeRole(m, "admin"),
  };
  for (const [action, rows] of Object.entries(expected)) {
    for (const role of viewerRoles) {
      targets.forEach((t, i) => {
        const allowed = rows[role]![i]!;
        it(`${action} × ${role} × ${t} → ${allowed ? "allowed" : "refused"}`, () => {
          expect(ask[action as keyof typeof ask](guardianFor(role), target(t, role))).toBe(allowed);
        });
      });
    }
  }
});

describe("following (notifications)", () => {
  it("refuses a member who waits for approval, and the operator, who is no member", () => {
    const pending = new Guardian({ kind: "member", id: SELF_ID, handle: "ik", displayName: "Ik", role: "member", locale: "nl", pending: true });
    expect(() => pending.ensureCanFollow()).toThrow(PENDING);
    expect(new Guardian(operatorViewer).canFollow()).toBe(false);
  });
});

describe("ensure… throws Forbidden with the rule's reason", () => {
  it("refuses a signed-in member a second sign-up", () => {
    expect(() => guardianFor("member").ensureCanSignUp()).toThrow(Forbidden);
    expect(() => guardianFor("member").ensureCanSignUp()).toThrow(/already signed in/);
  });
  it("lets an anonymous visitor sign up", () => {
    expect(() => guardianFor("anonymous").ensureCanSignUp()).not.toThrow();
  });
  it("refuses an organiser a role change with the reason", () => {
    expect(() => guardianFor("organiser").ensureCanChangeRole({ id: 20, role: "member" }, "admin")).toThrow(
      /only admins change roles/,
    );
  });
});

describe("visibility filters", () => {
  it("hides hidden dilemmas from visitors", () => {
    expect(guardianFor("anonymous").visibleDilemmasWhere()).toEqual({ hiddenAt: null });
  });
  it("shows members hidden dilemmas only when they wrote them", () => {
    expect(guardianFor("member").visibleDilemmasWhere()).toEqual({ OR: [{ hiddenAt: null }, { authorId: SELF_ID }] });
  });
  it("shows staff everything", () => {
    expect(guardianFor("organiser").visibleDilemmasWhere()).toEqual({});
    expect(guardianFor("admin").visibleDilemmasWhere()).toEqual({});
  });
  it("tells a shared list what each viewer sees beyond a visitor", () => {
    const noneHidden = new Set<number>();
    const ownHidden = new Set([SELF_ID]);
    const othersHidden = new Set([SELF_ID + 1]);
    expect(guardianFor("anonymous").dilemmasBeyondVisitor(othersHidden)).toBe("nothing");
    expect(guardianFor("member").dilemmasBeyondVisitor(noneHidden)).toBe("nothing");
    expect(guardianFor("member").dilemmasBeyondVisitor(othersHidden)).toBe("nothing");
    expect(guardianFor("member").dilemmasBeyondVisitor(ownHidden)).toBe("own hidden");
    expect(guardianFor("organiser").dilemmasBeyondVisitor(noneHidden)).toBe("all hidden");
    expect(guardianFor("admin").dilemmasBeyondVisitor(noneHidden)).toBe("all hidden");
  });
  it("shows draft reports to staff only", () => {
    expect(guardianFor("member").visibleReportsWhere()).toEqual({ status: "published" });
    expect(guardianFor("organiser").visibleReportsWhere()).toEqual({ status: { in: ["draft", "published"] } });
  });
});

describe("search: action × role", () => {
  // Columns: anonymous, member, organiser, admin.
  const matrix: [string, (g: Guardian) => boolean, boolean[]][] = [
    ["manage synonym groups", (g) => g.canManageSearchSynonyms(), [n, n, Y, Y]],
    ["see searches that found nothing", (g) => g.canSeeSearchMisses(), [n, n, Y, Y]],
  ];
  it.each(matrix)("%s", (_action, can, expected) => {
    expect(viewerRoles.map((r) => can(guardianFor(r)))).toEqual(expected);
  });

  it("lets search show what the visibility filters show", () => {
    // Hidden posts: staff all, a member their own (and their own hidden dilemmas' threads),
    // visitors none; drafts: staff. The same story as visibleDilemmasWhere and visibleReportsWhere.
    expect(guardianFor("anonymous").searchScope()).toEqual({ hidden: "none", drafts: false, viewerId: null });
    expect(guardianFor("member").searchScope()).toEqual({ hidden: "own", drafts: false, viewerId: SELF_ID });
    expect(guardianFor("organiser").searchScope()).toEqual({ hidden: "all", drafts: true, viewerId: SELF_ID });
    expect(guardianFor("admin").searchScope()).toEqual({ hidden: "all", drafts: true, viewerId: SELF_ID });
    expect(() => guardianFor("member").ensureCanSeeSearchMisses()).toThrow(Forbidden);
  });
});

describe("replies: action × role × state", () => {
  // The reply's author and the dilemma's asker are two different ordinary members; the
  // "member" column is a third one who neither wrote the reply nor asked.
  type ReplyRole = "anonymous" | "member" | "reply author" | "asker" | "organiser" | "admin";
  const replyRoles: ReplyRole[] = ["anonymous", "member", "reply author", "asker", "organiser", "admin"];
  const ids: Record<Exclude<ReplyRole, "anonymous">, number> = {
    member: 1,
    "reply author": 2,
    asker: 3,
    organiser: 4,
    admin: 5,
  };
  function viewerGuardian(role: ReplyRole): Guardian {
    if (role === "anonymous") return new Guardian(anonymousViewer);
    const siteRole = role === "organiser" || role === "admin" ? role : "member";
    return new Guardian({ kind: "member", id: ids[role], handle: "x", displayName: "X", role: siteRole, locale: "nl" });
  }

  type State = "normal" | "locked dilemma" | "hidden reply" | "deleted reply" | "hidden dilemma";
  const states: State[] = ["normal", "locked dilemma", "hidden reply", "deleted reply", "hidden dilemma"];
  const at = new Date("2026-01-01");
  function replyIn(state: State): ReplyRef {
    return {
      authorId: ids["reply author"],
      hiddenAt: state === "hidden reply" ? at : null,
      deletedByAuthorAt: state === "deleted reply" ? at : null,
      dilemma: {
        authorId: ids.asker,
        lockedAt: state === "locked dilemma" ? at : null,
        hiddenAt: state === "hidden dilemma" ? at : null,
      },
    };
  }

  const ask = {
    reply: (g: Guardian, r: ReplyRef) => g.canReply(r.dilemma),
    editReply: (g: Guardian, r: ReplyRef) => g.canEditReply(r),
    deleteReply: (g: Guardian, r: ReplyRef) => g.canDeleteReply(r),
    hideReply: (g: Guardian, r: ReplyRef) => g.canHideReply(r),
    unhideReply: (g: Guardian, r: ReplyRef) => g.canUnhideReply(r),
    markAnswer: (g: Guardian, r: ReplyRef) => g.canMarkAnswer(r.dilemma, r),
    unmarkAnswer: (g: Guardian, r: ReplyRef) => g.canMarkAnswer(r.dilemma),
    markHelpful: (g: Guardian, r: ReplyRef) => g.canMarkHelpful(r),
    seeReply: (g: Guardian, r: ReplyRef) => g.canSeeReply(r),
  };

  const expected: Record<keyof typeof ask, Record<ReplyRole, boolean[]>> = {
    //                  normal locked hidden-reply deleted-reply hidden-dilemma
    reply: {
      anonymous: [n, n, n, n, n],
      member: [Y, n, Y, Y, n],
      "reply author": [Y, n, Y, Y, n],
      asker: [Y, n, Y, Y, n],
      organiser: [Y, n, Y, Y, n],
      admin: [Y, n, Y, Y, n],
    },
    editReply: {
      anonymous: [n, n, n, n, n],
      member: [n, n, n, n, n],
      "reply author": [Y, n, n, n, n],
      asker: [n, n, n, n, n],
      organiser: [n, n, n, n, n],
      admin: [n, n, n, n, n],
    },
    deleteReply: {
      anonymous: [n, n, n, n, n],
      member: [n, n, n, n, n],
      "reply author": [Y, Y, Y, n, n],
      asker: [n, n, n, n, n],
      organiser: [n, n, n, n, n],
      admin: [n, n, n, n, n],
    },
    hideReply: {
      anonymous: [n, n, n, n, n],
      member: [n, n, n, n, n],
      "reply author": [n, n, n, n, n],
      asker: [n, n, n, n, n],
      organiser: [Y, Y, n, n, Y],
      admin: [Y, Y, n, n, Y],
    },
    unhideReply: {
      anonymous: [n, n, n, n, n],
      member: [n, n, n, n, n],
      "reply author": [n, n, n, n, n],
      asker: [n, n, n, n, n],
      organiser: [n, n, Y, n, n],
      admin: [n, n, Y, n, n],
    },
    markAnswer: {
      anonymous: [n, n, n, n, n],
      member: [n, n, n, n, n],
      "reply author": [n, n, n, n, n],
      asker: [Y, n, n, n, n],
      organiser: [Y, Y, n, n, n],
      admin: [Y, Y, n, n, n],
    },
    unmarkAnswer: {
      anonymous: [n, n, n, n, n],
      member: [n, n, n, n, n],
      "reply author": [n, n, n, n, n],
      asker: [Y, n, Y, Y, n],
      organiser: [Y, Y, Y, Y, n],
      admin: [Y, Y, Y, Y, n],
    },
    markHelpful: {
      anonymous: [n, n, n, n, n],
      member: [Y, Y, n, n, n],
      "reply author": [n, n, n, n, n],
      asker: [Y, Y, n, n, n],
      organiser: [Y, Y, n, n, n],
      admin: [Y, Y, n, n, n],
    },
    seeReply: {
      anonymous: [Y, Y, n, n, n],
      member: [Y, Y, n, n, n],
      "reply author": [Y, Y, Y, n, n],
      asker: [Y, Y, n, n, Y],
      organiser: [Y, Y, Y, n, Y],
      admin: [Y, Y, Y, n, Y],
    },
  };

  for (const [action, rows] of Object.entries(expected)) {
    for (const role of replyRoles) {
      states.forEach((state, i) => {
        const allowed = rows[role][i]!;
        it(`${action} × ${role} × ${state} → ${allowed ? "allowed" : "refused"}`, () => {
          expect(ask[action as keyof typeof ask](viewerGuardian(role), replyIn(state))).toBe(allowed);
        });
      });
    }
  }

  it("ensure… names the reason: a locked dilemma refuses a reply", () => {
    expect(() => viewerGuardian("member").ensureCanReply(replyIn("locked dilemma").dilemma)).toThrow(
      /the dilemma is locked/,
    );
    expect(() => viewerGuardian("member").ensureCanEditReply(replyIn("normal"))).toThrow(/only the author/);
  });
});

describe("competences and profiles: action × role × state", () => {
  // Viewers: "member", "organiser" and "admin" look at another member's profile; "self" is an
  // ordinary member looking at their own. For competence actions "self" has no meaning and is
  // an ordinary member. States: a normal target, an erased member, a retired competence.
  type Who = "anonymous" | "member" | "self" | "organiser" | "admin";
  const whos: Who[] = ["anonymous", "member", "self", "organiser", "admin"];
  const SELF = 10;
  function viewerGuardian(who: Who): Guardian {
    if (who === "anonymous") return new Guardian(anonymousViewer);
    const role = who === "organiser" || who === "admin" ? who : "member";
    const id = who === "self" ? SELF : { member: 11, organiser: 12, admin: 13 }[who];
    return new Guardian({ kind: "member", id, handle: "x", displayName: "X", role, locale: "nl" });
  }
  type State = "normal" | "erased target" | "retired competence";
  const states: State[] = ["normal", "erased target", "retired competence"];
  const erasedAt = new Date("2026-01-01");
  const profileOf = (s: State): MemberRef => ({ id: SELF, role: "member", erasedAt: s === "erased target" ? erasedAt : null });
  const competenceOf = (s: State) => ({ retiredAt: s === "retired competence" ? new Date("2026-02-01") : null });

  const ask: Record<string, (g: Guardian, s: State) => boolean> = {
    // create, rename, describe, edit synonyms: one rule; the state is the competence edited
    manageCompetences: (g) => g.canManageCompetences(),
    retireCompetence: (g, s) => g.canRetireCompetence(competenceOf(s)),
    unretireCompetence: (g, s) => g.canUnretireCompetence(competenceOf(s)),
    seeProfile: (g, s) => g.canSeeProfile(profileOf(s)),
    editProfile: (g, s) => g.canEditProfile(profileOf(s)),
    seeEmail: (g, s) => g.canSeeEmailOf(profileOf(s)),
    makeOrganiser: (g, s) => g.canChangeRole(profileOf(s), "organiser"),
  };

  const expected: Record<keyof typeof ask, Record<Who, boolean[]>> = {
    //                     normal erased-target retired-competence
    manageCompetences: {
      anonymous: [n, n, n],
      member: [n, n, n],
      self: [n, n, n],
      organiser: [Y, Y, Y],
      admin: [Y, Y, Y],
    },
    retireCompetence: {
      anonymous: [n, n, n],
      member: [n, n, n],
      self: [n, n, n],
      organiser: [Y, Y, n], // retired already
      admin: [Y, Y, n],
    },
    unretireCompetence: {
      anonymous: [n, n, n],
      member: [n, n, n],
      self: [n, n, n],
      organiser: [n, n, Y], // only a retired one comes back
      admin: [n, n, Y],
    },
    seeProfile: {
      anonymous: [n, n, n], // the circle is closed: profiles and photos are for members
      member: [Y, n, Y],
      self: [Y, n, Y],
      organiser: [Y, n, Y],
      admin: [Y, n, Y], // an erased member has no profile, for anyone
    },
    editProfile: {
      anonymous: [n, n, n],
      member: [n, n, n],
      self: [Y, n, Y],
      organiser: [n, n, n],
      admin: [n, n, n], // decided: a profile is the member's own words
    },
    seeEmail: {
      anonymous: [n, n, n],
      member: [n, n, n],
      self: [Y, Y, Y],
      organiser: [n, n, n],
      admin: [Y, Y, Y],
    },
    makeOrganiser: {
      anonymous: [n, n, n],
      member: [n, n, n],
      self: [n, n, n],
      organiser: [n, n, n],
      admin: [Y, n, Y],
    },
  };

  for (const [action, rows] of Object.entries(expected)) {
    for (const who of whos) {
      states.forEach((state, i) => {
        const allowed = rows[who]![i]!;
        it(`${action} × ${who} × ${state} → ${allowed ? "allowed" : "refused"}`, () => {
          expect(ask[action]!(viewerGuardian(who), state)).toBe(allowed);
        });
      });
    }
  }

  it("refuses a member a new competence with the reason", () => {
    expect(() => viewerGuardian("member").ensureCanManageCompetences()).toThrow(Forbidden);
    expect(() => viewerGuardian("member").ensureCanManageCompetences()).toThrow(/only organisers and admins/);
  });
  it("a visitor asking for a profile is told to sign in; an erased member's profile does not exist", () => {
    expect(() => viewerGuardian("anonymous").ensureCanSeeProfile(profileOf("normal"))).toThrow(Forbidden);
    expect(() => viewerGuardian("admin").ensureCanSeeProfile(profileOf("erased target"))).toThrow(NotFound);
    expect(() => viewerGuardian("member").ensureCanSeeProfile(profileOf("normal"))).not.toThrow();
  });
  it("refuses an admin another member's profile edit with the reason", () => {
    expect(() => viewerGuardian("admin").ensureCanEditProfile(profileOf("normal"))).toThrow(/only the member/);
  });
});

describe("dilemmas: action × role × state", () => {
  // "author" is the member who asked the dilemma; "member" is another ordinary member.
  // Organisers and admins never asked it. State "author erased": the asker erased their
  // account (the row stays, so the "author" column is a stale session of that account).
  type DilemmaRef = Parameters<Guardian["canSeeDilemma"]>[0];
  type DilemmaRole = "anonymous" | "member" | "author" | "organiser" | "admin";
  const dilemmaRoles: DilemmaRole[] = ["anonymous", "member", "author", "organiser", "admin"];
  const ids: Record<Exclude<DilemmaRole, "anonymous">, number> = { member: 1, author: 2, organiser: 3, admin: 4 };
  function viewerGuardian(role: DilemmaRole): Guardian {
    if (role === "anonymous") return new Guardian(anonymousViewer);
    const siteRole = role === "organiser" || role === "admin" ? role : "member";
    return new Guardian({ kind: "member", id: ids[role], handle: "x", displayName: "X", role: siteRole, locale: "nl" });
  }

  // "deleted": its asker deleted it while others had replied (a tombstone, decision 038).
  type State = "normal" | "locked" | "hidden" | "author erased" | "deleted";
  const states: State[] = ["normal", "locked", "hidden", "author erased", "deleted"];
  const at = new Date("2026-01-01");
  function dilemmaIn(state: State): DilemmaRef {
    return {
      authorId: ids.author,
      lockedAt: state === "locked" ? at : null,
      hiddenAt: state === "hidden" ? at : null,
      authorErasedAt: state === "author erased" ? at : null,
      deletedByAuthorAt: state === "deleted" ? at : null,
    };
  }

  const ask = {
    askDilemma: (g: Guardian) => g.canAskDilemma(),
    seeDilemma: (g: Guardian, d: DilemmaRef) => g.canSeeDilemma(d),
    editDilemma: (g: Guardian, d: DilemmaRef) => g.canEditDilemma(d),
    editDilemmaTags: (g: Guardian, d: DilemmaRef) => g.canEditDilemmaTags(d),
    lockDilemma: (g: Guardian, d: DilemmaRef) => g.canLockDilemma(d),
    hideDilemma: (g: Guardian, d: DilemmaRef) => g.canHideDilemma(d),
    deleteDilemma: (g: Guardian, d: DilemmaRef) => g.canDeleteDilemma(d),
    reply: (g: Guardian, d: DilemmaRef) => g.canReply(d),
    markAnswer: (g: Guardian, d: DilemmaRef) => g.canMarkAnswer(d),
  };

  const expected: Record<keyof typeof ask, Record<DilemmaRole, boolean[]>> = {
    //               normal locked hidden author-erased deleted
    askDilemma: {
      anonymous: [n, n, n, n, n], // asking has no dilemma yet: the state does not matter
      member: [Y, Y, Y, Y, Y],
      author: [Y, Y, Y, Y, Y],
      organiser: [Y, Y, Y, Y, Y],
      admin: [Y, Y, Y, Y, Y],
    },
    seeDilemma: {
      anonymous: [Y, Y, n, Y, Y],
      member: [Y, Y, n, Y, Y],
      author: [Y, Y, Y, Y, Y], // the asker sees their hidden dilemma (and the reason)
      organiser: [Y, Y, Y, Y, Y],
      admin: [Y, Y, Y, Y, Y],
    },
    editDilemma: {
      anonymous: [n, n, n, n, n],
      member: [n, n, n, n, n],
      author: [Y, n, Y, n, n], // hidden: the asker may fix it; locked: frozen
      organiser: [n, n, n, n, n], // staff hide or lock, they do not reword
      admin: [n, n, n, n, n],
    },
    editDilemmaTags: {
      anonymous: [n, n, n, n, n],
      member: [n, n, n, n, n],
      author: [Y, n, Y, n, n],
      organiser: [Y, Y, Y, Y, Y],
      admin: [Y, Y, Y, Y, Y],
    },
    lockDilemma: {
      anonymous: [n, n, n, n, n],
      member: [n, n, n, n, n],
      author: [n, n, n, n, n],
      organiser: [Y, Y, Y, Y, Y],
      admin: [Y, Y, Y, Y, Y],
    },
    hideDilemma: {
      anonymous: [n, n, n, n, n],
      member: [n, n, n, n, n],
      author: [n, n, n, n, n],
      organiser: [Y, Y, Y, Y, Y],
      admin: [Y, Y, Y, Y, Y],
    },
    // Taking one's words back, as a reply's author may: also locked or hidden (decision 038).
    deleteDilemma: {
      anonymous: [n, n, n, n, n],
      member: [n, n, n, n, n],
      author: [Y, Y, Y, Y, n], // deleted already: n
      organiser: [n, n, n, n, n], // staff hide, they do not delete others' words
      admin: [n, n, n, n, n],
    },
    // A deleted dilemma takes no new replies: its asker left the conversation.
    reply: {
      anonymous: [n, n, n, n, n],
      member: [Y, n, n, Y, n],
      author: [Y, n, n, Y, n],
      organiser: [Y, n, n, Y, n],
      admin: [Y, n, n, Y, n],
    },
    markAnswer: {
      anonymous: [n, n, n, n, n],
      member: [n, n, n, n, n],
      author: [Y, n, n, Y, n],
      organiser: [Y, Y, n, Y, n],
      admin: [Y, Y, n, Y, n],
    },
  };

  for (const [action, rows] of Object.entries(expected) as [keyof typeof ask, Record<DilemmaRole, boolean[]>][]) {
    for (const role of dilemmaRoles) {
      states.forEach((state, i) => {
        const allowed = rows[role][i]!;
        it(`${action} × ${role} × ${state} → ${allowed ? "allowed" : "refused"}`, () => {
          expect(ask[action](viewerGuardian(role), dilemmaIn(state))).toBe(allowed);
        });
      });
    }
  }

  it("answers a hidden dilemma with NotFound, not Forbidden, so its existence does not leak", () => {
    expect(() => viewerGuardian("member").ensureCanSeeDilemma(dilemmaIn("hidden"))).toThrow(/^Not found: dilemma$/);
    expect(() => viewerGuardian("author").ensureCanSeeDilemma(dilemmaIn("hidden"))).not.toThrow();
  });

  it("refuses another member's edit with the reason", () => {
    expect(() => viewerGuardian("member").ensureCanEditDilemma(dilemmaIn("normal"))).toThrow(Forbidden);
    expect(() => viewerGuardian("member").ensureCanEditDilemma(dilemmaIn("normal"))).toThrow(/only the asker/);
    expect(() => viewerGuardian("author").ensureCanEditDilemma(dilemmaIn("locked"))).toThrow(/locked/);
  });

  it("agrees with the visibility filter that lists use", () => {
    // canSeeDilemma (one dilemma) and visibleDilemmasWhere (lists) must tell the same story.
    expect(viewerGuardian("anonymous").visibleDilemmasWhere()).toEqual({ hiddenAt: null });
    expect(viewerGuardian("member").visibleDilemmasWhere()).toEqual({ OR: [{ hiddenAt: null }, { authorId: ids.member }] });
    expect(viewerGuardian("organiser").visibleDilemmasWhere()).toEqual({});
  });
});

describe("meetings and reports: action × role × state", () => {
  // States: an upcoming meeting whose agenda is open; a draft report; a published report; an
  // upcoming meeting whose agenda is closed (not opened yet, closed by an organiser, or begun).
  // Two more: a meeting and a draft report whose day has not come yet (issue 22: no report and
  // no publishing before the meeting). "upcoming" is a meeting later today, its agenda open.
  type MeetingState = "upcoming" | "draft" | "published" | "agenda closed" | "future meeting" | "future draft";
  const states: MeetingState[] = ["upcoming", "draft", "published", "agenda closed", "future meeting", "future draft"];
  const meetingIn = (state: MeetingState): MeetingRef => ({
    status: state === "agenda closed" || state === "future meeting" ? "upcoming" : state === "future draft" ? "draft" : state,
    agendaOpen: state === "upcoming" || state === "future meeting",
    held: !state.startsWith("future"),
  });

  const ask = {
    seeMeeting: (g: Guardian, m: MeetingRef) => g.canSeeMeeting(m),
    createMeeting: (g: Guardian) => g.canCreateMeeting(),
    editMeeting: (g: Guardian, m: MeetingRef) => g.canEditMeeting(m),
    publishReport: (g: Guardian, m: MeetingRef) => g.canPublishReport(m),
    deleteMeeting: (g: Guardian, m: MeetingRef) => g.canDeleteMeeting(m),
    linkDilemmas: (g: Guardian, m: MeetingRef) => g.canLinkDilemmas(m),
    openAgenda: (g: Guardian, m: MeetingRef) => g.canOpenAgenda(m),
    closeAgenda: (g: Guardian, m: MeetingRef) => g.canCloseAgenda(m),
    proposeAgendaItem: (g: Guardian, m: MeetingRef) => g.canProposeAgendaItem(m),
    voteOnAgenda: (g: Guardian, m: MeetingRef) => g.canVoteOnAgenda(m),
    removeAgendaItem: (g: Guardian, m: MeetingRef) => g.canRemoveAgendaItem(m),
    convertToReport: (g: Guardian, m: MeetingRef) => g.canConvertToReport(m),
  };

  const expected: Record<keyof typeof ask, Record<ViewerRole, boolean[]>> = {
    //                  upcoming draft published agenda-closed future-meeting future-draft
    seeMeeting: {
      anonymous: [Y, n, Y, Y, Y, n],
      member: [Y, n, Y, Y, Y, n],
      organiser: [Y, Y, Y, Y, Y, Y],
      admin: [Y, Y, Y, Y, Y, Y],
    },
    createMeeting: {
      anonymous: [n, n, n, n, n, n],
      member: [n, n, n, n, n, n],
      organiser: [Y, Y, Y, Y, Y, Y],
      admin: [Y, Y, Y, Y, Y, Y],
    },
    editMeeting: {
      anonymous: [n, n, n, n, n, n],
      member: [n, n, n, n, n, n],
      organiser: [Y, Y, Y, Y, Y, Y],
      admin: [Y, Y, Y, Y, Y, Y],
    },
    publishReport: {
      anonymous: [n, n, n, n, n, n],
      member: [n, n, n, n, n, n],
      organiser: [n, Y, n, n, n, n],
      admin: [n, Y, n, n, n, n],
    },
    deleteMeeting: {
      anonymous: [n, n, n, n, n, n],
      member: [n, n, n, n, n, n],
      organiser: [Y, Y, Y, Y, Y, Y],
      admin: [Y, Y, Y, Y, Y, Y],
    },
    linkDilemmas: {
      anonymous: [n, n, n, n, n, n],
      member: [n, n, n, n, n, n],
      organiser: [n, Y, Y, n, n, Y],
      admin: [n, Y, Y, n, n, Y],
    },
    openAgenda: {
      anonymous: [n, n, n, n, n, n],
      member: [n, n, n, n, n, n],
      organiser: [n, n, n, Y, n, n],
      admin: [n, n, n, Y, n, n],
    },
    closeAgenda: {
      anonymous: [n, n, n, n, n, n],
      member: [n, n, n, n, n, n],
      organiser: [Y, n, n, n, Y, n],
      admin: [Y, n, n, n, Y, n],
    },
    proposeAgendaItem: {
      anonymous: [n, n, n, n, n, n],
      member: [Y, n, n, n, Y, n],
      organiser: [Y, n, n, n, Y, n],
      admin: [Y, n, n, n, Y, n],
    },
    voteOnAgenda: {
      anonymous: [n, n, n, n, n, n],
      member: [Y, n, n, n, Y, n],
      organiser: [Y, n, n, n, Y, n],
      admin: [Y, n, n, n, Y, n],
    },
    removeAgendaItem: {
      anonymous: [n, n, n, n, n, n],
      member: [n, n, n, n, n, n],
      organiser: [Y, n, n, Y, Y, n],
      admin: [Y, n, n, Y, Y, n],
    },
    convertToReport: {
      anonymous: [n, n, n, n, n, n],
      member: [n, n, n, n, n, n],
      organiser: [Y, n, n, Y, n, n],
      admin: [Y, n, n, Y, n, n],
    },
  };

  for (const [action, rows] of Object.entries(expected) as [keyof typeof ask, Record<ViewerRole, boolean[]>][]) {
    for (const role of viewerRoles) {
      states.forEach((state, i) => {
        const allowed = rows[role][i]!;
        it(`${action} × ${role} × ${state} → ${allowed ? "allowed" : "refused"}`, () => {
          expect(ask[action](guardianFor(role), meetingIn(state))).toBe(allowed);
        });
      });
    }
  }

  it("answers a draft with NotFound for members, so its existence does not leak", () => {
    expect(() => guardianFor("member").ensureCanSeeMeeting(meetingIn("draft"))).toThrow(/^Not found: meeting$/);
    expect(() => guardianFor("anonymous").ensureCanSeeMeeting(meetingIn("draft"))).toThrow(/^Not found: meeting$/);
    expect(() => guardianFor("organiser").ensureCanSeeMeeting(meetingIn("draft"))).not.toThrow();
  });

  it("refuses with the reason", () => {
    expect(() => guardianFor("member").ensureCanPublishReport(meetingIn("draft"))).toThrow(Forbidden);
    expect(() => guardianFor("organiser").ensureCanPublishReport(meetingIn("published"))).toThrow(/published already/);
    expect(() => guardianFor("member").ensureCanVoteOnAgenda(meetingIn("agenda closed"))).toThrow(/agenda is closed/);
    expect(() => guardianFor("anonymous").ensureCanProposeAgendaItem(meetingIn("upcoming"))).toThrow(/not signed in/);
    expect(() => guardianFor("organiser").ensureCanPublishReport(meetingIn("future draft"))).toThrow(/not been held yet/);
    expect(() => guardianFor("admin").ensureCanConvertToReport(meetingIn("future meeting"))).toThrow(/not been held yet/);
  });

  it("lists upcoming meetings and published reports for everyone, drafts for staff", () => {
    expect(guardianFor("anonymous").visibleMeetingsWhere()).toEqual({ status: { in: ["upcoming", "published"] } });
    expect(guardianFor("member").visibleMeetingsWhere()).toEqual({ status: { in: ["upcoming", "published"] } });
    expect(guardianFor("organiser").visibleMeetingsWhere()).toEqual({});
    expect(guardianFor("admin").visibleMeetingsWhere()).toEqual({});
  });
});

describe("privacy guard: action × role", () => {
  // Columns: anonymous, member, organiser, admin.
  it("lets every member, and no visitor, have a text checked", () => {
    expect(viewerRoles.map((r) => guardianFor(r).canCheckPrivacy())).toEqual([n, Y, Y, Y]);
    expect(() => guardianFor("anonymous").ensureCanCheckPrivacy()).toThrow(Forbidden);
  });
});

// ── The circle (decision 016): who joins, and the pending state ────────────────────────────

describe("the circle: action × role", () => {
  const pending: Viewer = { kind: "member", id: SELF_ID, handle: "ik", displayName: "Ik", role: "member", locale: "nl", pending: true };
  const roles = [...viewerRoles, "pending member"] as const;
  type CircleRole = (typeof roles)[number];
  const guardianOf = (role: CircleRole) => (role === "pending member" ? new Guardian(pending) : guardianFor(role));
  const expected: Record<string, Record<CircleRole, boolean>> = {
    chooseJoinMode: { anonymous: n, member: n, organiser: n, admin: Y, "pending member": n },
    invite: { anonymous: n, member: n, organiser: Y, admin: Y, "pending member": n },
    decideJoinRequests: { anonymous: n, member: n, organiser: Y, admin: Y, "pending member": n },
    readMailLog: { anonymous: n, member: n, organiser: n, admin: Y, "pending member": n },
    setUpFirstAdmin: { anonymous: Y, member: n, organiser: n, admin: n, "pending member": n },
    manageOwnAccount: { anonymous: n, member: Y, organiser: Y, admin: Y, "pending member": Y },
  };
  const ask = {
    chooseJoinMode: (g: Guardian) => g.canChooseJoinMode(),
    invite: (g: Guardian) => g.canInvite(),
    decideJoinRequests: (g: Guardian) => g.canDecideJoinRequests(),
    readMailLog: (g: Guardian) => g.canReadMailLog(),
    setUpFirstAdmin: (g: Guardian) => g.canSetUpFirstAdmin(),
    manageOwnAccount: (g: Guardian) => g.canManageOwnAccount(),
  };
  for (const [action, row] of Object.entries(expected)) {
    for (const role of roles) {
      it(`${action} × ${role} → ${row[role] ? "allowed" : "refused"}`, () => {
        expect(ask[action as keyof typeof ask](guardianOf(role))).toBe(row[role]);
      });
    }
  }
});

describe("a pending member (confirmed, waiting for approval): reads, writes nothing yet", () => {
  const pending = new Guardian({ kind: "member", id: SELF_ID, handle: "ik", displayName: "Ik", role: "member", locale: "nl", pending: true });
  const active = guardianFor("member");
  const open: DilemmaRef = { authorId: 99, lockedAt: null, hiddenAt: null };
  const reply: ReplyRef = { authorId: 99, hiddenAt: null, deletedByAuthorAt: null, dilemma: open };
  const agenda: MeetingRef = { status: "upcoming", agendaOpen: true, held: true };
  const cases: [string, (g: Guardian) => boolean][] = [
    ["askDilemma", (g) => g.canAskDilemma()],
    ["reply", (g) => g.canReply(open)],
    ["markHelpful", (g) => g.canMarkHelpful(reply)],
    ["proposeAgendaItem", (g) => g.canProposeAgendaItem(agenda)],
    ["voteOnAgenda", (g) => g.canVoteOnAgenda(agenda)],
  ];
  for (const [action, can] of cases) {
    it(`${action}: refused while pending, allowed once active`, () => {
      expect(can(pending)).toBe(false);
      expect(can(active)).toBe(true);
    });
  }
  it("says why, so the page can explain it", () => {
    expect(pending.whyNotAskDilemma()).toBe(PENDING);
    expect(pending.whyNotReply(open)).toBe(PENDING);
    expect(() => pending.ensureCanAskDilemma()).toThrow(/waits for an organiser's approval/);
  });
  it("still reads what everyone reads", () => {
    expect(pending.canSeeDilemma(open)).toBe(true);
    expect(pending.canSeeReply(reply)).toBe(true);
    expect(pending.canSeeMeeting(agenda)).toBe(true);
  });
});

describe("a member who accepted an older privacy statement (decision 026): reads, writes nothing until they accept", () => {
  const asked = (role: Role) => new Guardian({ kind: "member", id: SELF_ID, handle: "ik", displayName: "Ik", role, locale: "nl", consentNeeded: true });
  const open: DilemmaRef = { authorId: 99, lockedAt: null, hiddenAt: null };
  const own: DilemmaRef = { authorId: SELF_ID, lockedAt: null, hiddenAt: null };
  const reply: ReplyRef = { authorId: 99, hiddenAt: null, deletedByAuthorAt: null, dilemma: open };
  const ownReply: ReplyRef = { authorId: SELF_ID, hiddenAt: null, deletedByAuthorAt: null, dilemma: open };
  const agenda: MeetingRef = { status: "upcoming", agendaOpen: true, held: true };
  const draft: MeetingRef = { status: "draft", agendaOpen: false, held: true };
  const writes: [string, Role, (g: Guardian) => boolean][] = [
    ["askDilemma", "member", (g) => g.canAskDilemma()],
    ["editDilemma", "member", (g) => g.canEditDilemma(own)],
    ["reply", "member", (g) => g.canReply(open)],
    ["editReply", "member", (g) => g.canEditReply(ownReply)],
    ["markHelpful", "member", (g) => g.canMarkHelpful(reply)],
    ["flagPost", "member", (g) => g.canFlagPost({ authorId: 99, hiddenAt: null })],
    ["proposeAgendaItem", "member", (g) => g.canProposeAgendaItem(agenda)],
    ["voteOnAgenda", "member", (g) => g.canVoteOnAgenda(agenda)],
    ["createMeeting", "organiser", (g) => g.canCreateMeeting()],
    ["editMeeting", "organiser", (g) => g.canEditMeeting(draft)],
    ["publishReport", "admin", (g) => g.canPublishReport(draft)],
  ];
  for (const [action, role, can] of writes) {
    it(`${action} (${role}): refused until accepted, allowed for one who accepted`, () => {
      expect(can(asked(role))).toBe(false);
      expect(can(guardianFor(role))).toBe(true);
    });
  }
  it("says why, so the page can explain it and link to the statement", () => {
    expect(asked("member").whyNotAskDilemma()).toBe(CONSENT_NEEDED);
    expect(asked("member").whyNotReply(open)).toBe(CONSENT_NEEDED);
    expect(asked("organiser").whyNotCreateMeeting()).toBe(CONSENT_NEEDED);
    expect(() => asked("member").ensureCanAskDilemma()).toThrow(/has not accepted the current privacy statement/);
  });
  it("reads, manages their own account, accepts, and checks text for privacy as before", () => {
    const g = asked("member");
    expect(g.canSeeDilemma(open)).toBe(true);
    expect(g.canSeeReply(reply)).toBe(true);
    expect(g.canSeeMembers()).toBe(true);
    expect(g.canManageOwnAccount()).toBe(true);
    expect(g.canDownloadDataOf({ id: SELF_ID, role: "member" })).toBe(true);
    expect(g.canEraseAccount({ id: SELF_ID, role: "member" })).toBe(true);
    expect(g.canAcceptPrivacyStatement()).toBe(true);
    expect(g.canCheckPrivacy()).toBe(true);
    // Moderation is not writing in the forum: an organiser can still hide what harms someone.
    expect(asked("organiser").canModerate()).toBe(true);
  });
  it("nobody but a signed-in member accepts the statement", () => {
    expect(guardianFor("anonymous").canAcceptPrivacyStatement()).toBe(false);
    expect(new Guardian(operatorViewer).canAcceptPrivacyStatement()).toBe(false);
  });
});

describe("erasing an account and the circle's last admin (decision 026)", () => {
  const admin = guardianFor("admin");
  it("the last admin cannot erase their own account; with another admin they can", () => {
    expect(admin.whyNotEraseAccount({ id: SELF_ID, role: "admin", lastAdmin: true })).toBe(LAST_ADMIN);
    expect(admin.canEraseAccount({ id: SELF_ID, role: "admin", lastAdmin: false })).toBe(true);
  });
  it("an admin erases another member or organiser on request, never another admin", () => {
    expect(admin.canEraseAccount({ id: 40, role: "member" })).toBe(true);
    expect(admin.canEraseAccount({ id: 41, role: "organiser" })).toBe(true);
    expect(admin.canEraseAccount({ id: 42, role: "admin" })).toBe(false);
    expect(admin.canEraseAccount({ id: 43, role: "member", erasedAt: new Date() })).toBe(false);
  });
});

describe("members not admitted yet: profile and role", () => {
  const waiting: MemberRef = { id: 20, role: "member", status: "pending" };
  const unconfirmed: MemberRef = { id: 21, role: "member", status: "unverified" };
  it("a profile shows only to staff (who decide) and to the person", () => {
    expect(guardianFor("anonymous").canSeeProfile(waiting)).toBe(false);
    expect(guardianFor("member").canSeeProfile(waiting)).toBe(false);
    expect(guardianFor("organiser").canSeeProfile(waiting)).toBe(true);
    expect(guardianFor("admin").canSeeProfile(unconfirmed)).toBe(true);
    expect(guardianFor("member").canSeeProfile({ ...waiting, id: SELF_ID })).toBe(true);
  });
  it("someone waiting sees their own profile, not the directory nor other members", () => {
    const self = new Guardian({ kind: "member", id: SELF_ID, handle: "ik", displayName: "Ik", role: "member", locale: "nl", pending: true });
    expect(self.canSeeMembers()).toBe(false);
    expect(self.canSeeProfile({ id: 30, role: "admin" })).toBe(false);
    expect(self.canSeeProfile({ ...waiting, id: SELF_ID })).toBe(true);
  });
  it("no role change before they are admitted", () => {
    expect(guardianFor("admin").canChangeRole(waiting, "organiser")).toBe(false);
    expect(guardianFor("admin").canChangeRole({ ...waiting, status: "active" }, "organiser")).toBe(true);
  });
});

describe("in another's name, and the operator (an import at the server)", () => {
  const operator = new Guardian(operatorViewer);
  const expected: Record<string, Record<ViewerRole | "operator", boolean>> = {
    writeInNameOf: { anonymous: n, member: n, organiser: Y, admin: Y, operator: Y },
    importHistory: { anonymous: n, member: n, organiser: n, admin: n, operator: Y },
  };
  const ask = {
    writeInNameOf: (g: Guardian) => g.canWriteInNameOf(),
    importHistory: (g: Guardian) => g.canImportHistory(),
  };
  for (const [action, row] of Object.entries(expected)) {
    for (const role of [...viewerRoles, "operator" as const]) {
      it(`${action} × ${role} → ${row[role] ? "allowed" : "refused"}`, () => {
        expect(ask[action as keyof typeof ask](role === "operator" ? operator : guardianFor(role))).toBe(row[role]);
      });
    }
  }

  it("lets the operator do what staff do with content, and nothing that needs a member of their own", () => {
    const dilemma = { authorId: 20, lockedAt: null, hiddenAt: null };
    const reply = { authorId: 21, hiddenAt: null, deletedByAuthorAt: null, dilemma };
    const meeting: MeetingRef = { status: "draft", agendaOpen: false, held: true };
    expect([
      operator.canAskDilemma(),
      operator.canReply(dilemma),
      operator.canMarkAnswer(dilemma, reply),
      operator.canCreateMeeting(),
      operator.canLinkDilemmas(meeting),
      operator.canPublishReport(meeting),
      operator.canManageCompetences(),
    ]).toEqual([Y, Y, Y, Y, Y, Y, Y]);
    const agenda: MeetingRef = { status: "upcoming", agendaOpen: true, held: true };
    expect([
      operator.canEditDilemma(dilemma),
      operator.canEditReply(reply),
      operator.canMarkHelpful(reply),
      operator.canVoteOnAgenda(agenda),
      operator.canProposeAgendaItem(agenda),
      operator.canManageOwnAccount(),
    ]).toEqual([n, n, n, n, n, n]);
    expect(operator.userId).toBeNull();
    expect(() => operator.ensureCanEditDilemma(dilemma)).toThrow(Forbidden);
  });
});

describe("moderation: action × role × state (issue 25)", () => {
  const pending: Viewer = { kind: "member", id: SELF_ID, handle: "ik", displayName: "Ik", role: "member", locale: "nl", pending: true };
  const roles = [...viewerRoles, "pending member", "operator"] as const;
  type ModRole = (typeof roles)[number];
  const guardianOf = (role: ModRole) =>
    role === "pending member" ? new Guardian(pending) : role === "operator" ? new Guardian(operatorViewer) : guardianFor(role);
  const posts = {
    "another's post": { authorId: 99, hiddenAt: null },
    "own post": { authorId: SELF_ID, hiddenAt: null },
    "hidden post": { authorId: 99, hiddenAt: new Date("2026-01-01") },
    "a report (no author)": { authorId: null, hiddenAt: null },
  };
  type PostState = keyof typeof posts;
  const flag: Record<PostState, Record<ModRole, boolean>> = {
    "another's post": { anonymous: n, member: Y, organiser: Y, admin: Y, "pending member": n, operator: n },
    "own post": { anonymous: n, member: n, organiser: n, admin: n, "pending member": n, operator: n },
    "hidden post": { anonymous: n, member: n, organiser: n, admin: n, "pending member": n, operator: n },
    "a report (no author)": { anonymous: n, member: Y, organiser: Y, admin: Y, "pending member": n, operator: n },
  };
  for (const [state, row] of Object.entries(flag) as [PostState, Record<ModRole, boolean>][]) {
    for (const role of roles) {
      it(`flagPost × ${role} × ${state} → ${row[role] ? "allowed" : "refused"}`, () => {
        expect(guardianOf(role).canFlagPost(posts[state])).toBe(row[role]);
      });
    }
  }
  const staffOnly: Record<string, Record<ModRole, boolean>> = {
    moderate: { anonymous: n, member: n, organiser: Y, admin: Y, "pending member": n, operator: Y },
    readAuditTrail: { anonymous: n, member: n, organiser: Y, admin: Y, "pending member": n, operator: Y },
  };
  const ask = {
    moderate: (g: Guardian) => g.canModerate(),
    readAuditTrail: (g: Guardian) => g.canReadAuditTrail(),
  };
  for (const [action, row] of Object.entries(staffOnly)) {
    for (const role of roles) {
      it(`${action} × ${role} → ${row[role] ? "allowed" : "refused"}`, () => {
        expect(ask[action as keyof typeof ask](guardianOf(role))).toBe(row[role]);
      });
    }
  }
  it("says why a flag is refused", () => {
    expect(guardianFor("member").whyNotFlagPost(posts["own post"])).toBe("not on your own post");
    expect(new Guardian(pending).whyNotFlagPost(posts["another's post"])).toBe(PENDING);
    expect(() => guardianFor("member").ensureCanModerate()).toThrow(Forbidden);
  });
});

describe("a suspended member: reads, writes nothing until the end date (decision 027)", () => {
  const until = new Date("2026-12-20T23:00:00Z");
  const suspended = new Guardian({ kind: "member", id: SELF_ID, handle: "ik", displayName: "Ik", role: "member", locale: "nl", suspendedUntil: until });
  const active = guardianFor("member");
  const open: DilemmaRef = { authorId: 99, lockedAt: null, hiddenAt: null };
  const own: DilemmaRef = { authorId: SELF_ID, lockedAt: null, hiddenAt: null };
  const reply: ReplyRef = { authorId: 99, hiddenAt: null, deletedByAuthorAt: null, dilemma: open };
  const ownReply: ReplyRef = { authorId: SELF_ID, hiddenAt: null, deletedByAuthorAt: null, dilemma: open };
  const agenda: MeetingRef = { status: "upcoming", agendaOpen: true, held: true };
  const refused: [string, (g: Guardian) => boolean][] = [
    ["askDilemma", (g) => g.canAskDilemma()],
    ["reply", (g) => g.canReply(open)],
    ["editDilemma (own)", (g) => g.canEditDilemma(own)],
    ["editDilemmaTags (own)", (g) => g.canEditDilemmaTags(own)],
    ["editReply (own)", (g) => g.canEditReply(ownReply)],
    ["markAnswer (own dilemma)", (g) => g.canMarkAnswer(own, reply)],
    ["markHelpful", (g) => g.canMarkHelpful(reply)],
    ["flagPost", (g) => g.canFlagPost({ authorId: 99, hiddenAt: null })],
    ["proposeAgendaItem", (g) => g.canProposeAgendaItem(agenda)],
    ["voteOnAgenda", (g) => g.canVoteOnAgenda(agenda)],
  ];
  for (const [action, can] of refused) {
    it(`${action}: refused while suspended, allowed when not`, () => {
      expect(can(suspended)).toBe(false);
      expect(can(active)).toBe(true);
    });
  }
  it("keeps reading, taking back their own words and managing their own account", () => {
    expect(suspended.canSeeDilemma(open)).toBe(true);
    expect(suspended.canSeeReply(reply)).toBe(true);
    expect(suspended.canSeeMembers()).toBe(true);
    expect(suspended.canDeleteReply(ownReply)).toBe(true);
    expect(suspended.whyNotManageOwnAccount()).toBeNull();
    expect(suspended.canEditProfile({ id: SELF_ID, role: "member" })).toBe(true);
    expect(suspended.canFollow()).toBe(true);
  });
  it("says why, so the page can explain it", () => {
    expect(suspended.whyNotAskDilemma()).toBe(SUSPENDED);
    expect(suspended.whyNotReply(open)).toBe(SUSPENDED);
    expect(suspended.whyNotEditDilemma(own)).toBe(SUSPENDED);
    expect(() => suspended.ensureCanAskDilemma()).toThrow(/suspended/);
  });
});

describe("suspend, lift and warn: role × target (decision 027)", () => {
  const now = new Date("2026-12-07T12:00:00Z");
  const roles = [...viewerRoles, "operator"] as const;
  type ActRole = (typeof roles)[number];
  const of = (role: ActRole) => (role === "operator" ? new Guardian(operatorViewer) : guardianFor(role));
  const members: Record<string, MemberRef & { suspendedUntil: Date | null }> = {
    "a member": { id: 20, role: "member", suspendedUntil: null },
    "a suspended member": { id: 21, role: "member", suspendedUntil: new Date("2026-12-20T23:00:00Z") },
    "a member whose suspension ended": { id: 22, role: "member", suspendedUntil: new Date("2026-12-01T23:00:00Z") },
    "an organiser": { id: 23, role: "organiser", suspendedUntil: null },
    "an admin": { id: 24, role: "admin", suspendedUntil: null },
    "an erased member": { id: 25, role: "member", erasedAt: new Date("2026-01-01"), suspendedUntil: null },
    "a member waiting for approval": { id: 26, role: "member", status: "pending", suspendedUntil: null },
    "themselves": { id: SELF_ID, role: "member", suspendedUntil: null },
  };
  // Columns: anonymous, member, organiser, admin, operator.
  const suspend: Record<string, boolean[]> = {
    "a member": [n, n, Y, Y, Y],
    "a suspended member": [n, n, Y, Y, Y],
    "a member whose suspension ended": [n, n, Y, Y, Y],
    "an organiser": [n, n, n, n, n],
    "an admin": [n, n, n, n, n],
    "an erased member": [n, n, n, n, n],
    "a member waiting for approval": [n, n, n, n, n],
    themselves: [n, n, n, n, Y], // the operator is nobody's self: member 10 is a member to them
  };
  const lift: Record<string, boolean[]> = {
    "a member": [n, n, n, n, n],
    "a suspended member": [n, n, Y, Y, Y],
    "a member whose suspension ended": [n, n, n, n, n],
    "an organiser": [n, n, n, n, n],
    "an admin": [n, n, n, n, n],
    "an erased member": [n, n, n, n, n],
    "a member waiting for approval": [n, n, n, n, n],
    themselves: [n, n, n, n, n],
  };
  for (const [target, row] of Object.entries(suspend)) {
    roles.forEach((role, i) => {
      it(`suspend and warn × ${role} × ${target} → ${row[i] ? "allowed" : "refused"}`, () => {
        expect(of(role).canSuspend(members[target]!)).toBe(row[i]);
        expect(of(role).canWarn(members[target]!)).toBe(row[i]);
      });
      it(`liftSuspension × ${role} × ${target} → ${lift[target]![i] ? "allowed" : "refused"}`, () => {
        expect(of(role).whyNotLiftSuspension(members[target]!, now) === null).toBe(lift[target]![i]);
      });
    });
  }
  it("says why", () => {
    expect(guardianFor("organiser").whyNotSuspend(members["an admin"]!)).toMatch(/change the role first/);
    expect(guardianFor("organiser").whyNotLiftSuspension(members["a member"]!, now)).toBe("the member is not suspended");
    expect(() => guardianFor("member").ensureCanSuspend(members["a member"]!)).toThrow(Forbidden);
  });
});

describe("an organiser's changes to a member's post, with a reason: role × post state (decision 033)", () => {
  const roles = [...viewerRoles, "operator"] as const;
  type ActRole = (typeof roles)[number];
  const of = (role: ActRole) => (role === "operator" ? new Guardian(operatorViewer) : guardianFor(role));
  const at = new Date("2026-12-01");
  const dilemma = (state: Partial<DilemmaRef> = {}): DilemmaRef => ({ authorId: 20, lockedAt: null, hiddenAt: null, ...state });
  const reply = (state: Partial<ReplyRef> = {}): ReplyRef => ({ authorId: 20, hiddenAt: null, deletedByAuthorAt: null, dilemma: dilemma(), ...state });
  // Columns: anonymous, member, organiser, admin, operator. Lock and retag already existed
  // (staff, any state); rewording is new: staff, any state, never their own post (they edit
  // that as its author), never a reply its author took back.
  const cases: Record<string, { reword: boolean[]; lock: boolean[]; tags: boolean[]; post: DilemmaRef | ReplyRef; isDilemma: boolean }> = {
    "another member's open dilemma": { post: dilemma(), isDilemma: true, reword: [n, n, Y, Y, Y], lock: [n, n, Y, Y, Y], tags: [n, n, Y, Y, Y] },
    "another member's locked dilemma": { post: dilemma({ lockedAt: at }), isDilemma: true, reword: [n, n, Y, Y, Y], lock: [n, n, Y, Y, Y], tags: [n, n, Y, Y, Y] },
    "another member's hidden dilemma": { post: dilemma({ hiddenAt: at }), isDilemma: true, reword: [n, n, Y, Y, Y], lock: [n, n, Y, Y, Y], tags: [n, n, Y, Y, Y] },
    "an erased member's dilemma": { post: dilemma({ authorErasedAt: at }), isDilemma: true, reword: [n, n, Y, Y, Y], lock: [n, n, Y, Y, Y], tags: [n, n, Y, Y, Y] },
    "one's own dilemma": { post: dilemma({ authorId: SELF_ID }), isDilemma: true, reword: [n, n, n, n, Y], lock: [n, n, Y, Y, Y], tags: [n, Y, Y, Y, Y] },
    "another member's reply": { post: reply(), isDilemma: false, reword: [n, n, Y, Y, Y], lock: [], tags: [] },
    "a hidden reply": { post: reply({ hiddenAt: at }), isDilemma: false, reword: [n, n, Y, Y, Y], lock: [], tags: [] },
    "a reply in a locked thread": { post: reply({ dilemma: dilemma({ lockedAt: at }) }), isDilemma: false, reword: [n, n, Y, Y, Y], lock: [], tags: [] },
    "a reply its author deleted": { post: reply({ deletedByAuthorAt: at }), isDilemma: false, reword: [n, n, n, n, n], lock: [], tags: [] },
    "one's own reply": { post: reply({ authorId: SELF_ID }), isDilemma: false, reword: [n, n, n, n, Y], lock: [], tags: [] },
  };
  for (const [state, row] of Object.entries(cases)) {
    roles.forEach((role, i) => {
      it(`rewordPost × ${role} × ${state} → ${row.reword[i] ? "allowed" : "refused"}`, () => {
        expect(of(role).canRewordPost(row.post)).toBe(row.reword[i]);
      });
      if (row.isDilemma) {
        it(`lock with a reason × ${role} × ${state} → ${row.lock[i] ? "allowed" : "refused"}`, () => {
          expect(of(role).canLockDilemma(row.post as DilemmaRef)).toBe(row.lock[i]);
        });
        it(`retag with a reason × ${role} × ${state} → ${row.tags[i] ? "allowed" : "refused"}`, () => {
          expect(of(role).canEditDilemmaTags(row.post as DilemmaRef)).toBe(row.tags[i]);
        });
      }
    });
  }
  it("says why", () => {
    expect(guardianFor("member").whyNotRewordPost(dilemma())).toBe("only organisers and admins change another member's words");
    expect(guardianFor("organiser").whyNotRewordPost(dilemma({ authorId: SELF_ID }))).toMatch(/edit it as its author/);
    expect(() => guardianFor("admin").ensureCanRewordPost(reply({ deletedByAuthorAt: at }))).toThrow(Forbidden);
  });
});

describe("holds for new members' first posts: role × post state (decision 037)", () => {
  const roles = [...viewerRoles, "operator"] as const;
  const of = (role: (typeof roles)[number]) => (role === "operator" ? new Guardian(operatorViewer) : guardianFor(role));
  const at = new Date("2026-12-01");
  const dilemma = (state: Partial<DilemmaRef> = {}): DilemmaRef => ({ authorId: 20, lockedAt: null, hiddenAt: null, ...state });
  const reply = (state: Partial<ReplyRef> = {}): ReplyRef => ({ authorId: 20, hiddenAt: null, deletedByAuthorAt: null, dilemma: dilemma(), ...state });
  const heldDilemma = (authorId = 20) => dilemma({ authorId, hiddenAt: at, heldAt: at });
  const heldReply = (authorId = 20) => reply({ authorId, hiddenAt: at, heldAt: at });
  // Columns: anonymous, member, organiser, admin, operator. A held post is a hidden one: seen by
  // staff and its author only. Staff approve it, or turn it down by hiding it (with a reason);
  // restoring is not how it is published. Its author may still edit it (it stays held).
  const cases: Record<string, { action: (g: Guardian) => boolean; cells: boolean[] }> = {
    "see another member's held dilemma": { action: (g) => g.canSeeDilemma(heldDilemma()), cells: [n, n, Y, Y, Y] },
    "see one's own held dilemma": { action: (g) => g.canSeeDilemma(heldDilemma(SELF_ID)), cells: [n, Y, Y, Y, Y] },
    "read another member's held reply": { action: (g) => g.canSeeReply(heldReply()), cells: [n, n, Y, Y, Y] },
    "read one's own held reply": { action: (g) => g.canSeeReply(heldReply(SELF_ID)), cells: [n, Y, Y, Y, Y] },
    "approve a held dilemma": { action: (g) => g.canApprovePost(heldDilemma()), cells: [n, n, Y, Y, Y] },
    "approve a held reply": { action: (g) => g.canApprovePost(heldReply()), cells: [n, n, Y, Y, Y] },
    "approve a published post": { action: (g) => g.canApprovePost(dilemma()), cells: [n, n, n, n, n] },
    "approve a post hidden by an organiser": { action: (g) => g.canApprovePost(dilemma({ hiddenAt: at })), cells: [n, n, n, n, n] },
    "turn a held reply down (hide it)": { action: (g) => g.canHideReply(heldReply()), cells: [n, n, Y, Y, Y] },
    "turn a held dilemma down (hide it)": { action: (g) => g.canHideDilemma(heldDilemma()), cells: [n, n, Y, Y, Y] },
    "restore a held reply": { action: (g) => g.canUnhideReply(heldReply()), cells: [n, n, n, n, n] },
    "restore a held post": { action: (g) => g.canRestorePost(heldDilemma()), cells: [n, n, n, n, n] },
    "restore a post hidden by an organiser": { action: (g) => g.canRestorePost(dilemma({ hiddenAt: at })), cells: [n, n, Y, Y, Y] },
    "edit one's own held reply": { action: (g) => g.canEditReply(heldReply(SELF_ID)), cells: [n, Y, Y, Y, n] },
    "edit one's own reply hidden by an organiser": { action: (g) => g.canEditReply(reply({ authorId: SELF_ID, hiddenAt: at })), cells: [n, n, n, n, n] },
    "edit one's own held dilemma": { action: (g) => g.canEditDilemma(heldDilemma(SELF_ID)), cells: [n, Y, Y, Y, n] },
    "reply in a held dilemma": { action: (g) => g.canReply(heldDilemma(SELF_ID)), cells: [n, n, n, n, n] },
    "mark another member's held reply helpful": { action: (g) => g.canMarkHelpful(heldReply()), cells: [n, n, n, n, n] },
  };
  for (const [action, row] of Object.entries(cases)) {
    roles.forEach((role, i) => {
      it(`${action} × ${role} → ${row.cells[i] ? "allowed" : "refused"}`, () => {
        expect(row.action(of(role))).toBe(row.cells[i]);
      });
    });
  }
  it("says why", () => {
    expect(guardianFor("member").whyNotApprovePost(heldReply())).toBe("only organisers and admins approve posts");
    expect(guardianFor("organiser").whyNotApprovePost(reply())).toBe("the post does not wait for approval");
    expect(guardianFor("organiser").whyNotUnhideReply(heldReply())).toBe("the post waits for approval");
    expect(() => guardianFor("admin").ensureCanRestorePost(heldDilemma())).toThrow(Forbidden);
  });
});

describe("attachments: role × post state (decision 045)", () => {
  // Who may add or remove a post's files is who may change its text; who is served a file is
  // who may read its text. "author" asked the dilemma; "member" is another member.
  type Who = "anonymous" | "member" | "author" | "organiser";
  const who: Who[] = ["anonymous", "member", "author", "organiser"];
  const ids = { member: 1, author: 2, organiser: 3 } as const;
  const guardianOf = (w: Who) =>
    w === "anonymous"
      ? new Guardian(anonymousViewer)
      : new Guardian({ kind: "member", id: ids[w], handle: "x", displayName: "X", role: w === "organiser" ? "organiser" : "member", locale: "nl" });
  type State = "normal" | "locked" | "hidden" | "held" | "deleted" | "author erased";
  const at = new Date("2026-01-01");
  const dilemma = (s: State): DilemmaRef => ({
    authorId: ids.author,
    lockedAt: s === "locked" ? at : null,
    hiddenAt: s === "hidden" || s === "held" ? at : null,
    heldAt: s === "held" ? at : null,
    deletedByAuthorAt: s === "deleted" ? at : null,
    authorErasedAt: s === "author erased" ? at : null,
  });
  const reply = (s: State): ReplyRef => ({
    authorId: ids.author,
    hiddenAt: s === "hidden" || s === "held" ? at : null,
    heldAt: s === "held" ? at : null,
    deletedByAuthorAt: s === "deleted" ? at : null,
    dilemma: dilemma(s === "locked" ? "locked" : "normal"),
  });
  // Columns: anonymous, member, author, organiser.
  const dilemmaCells: Record<State, { attach: boolean[]; see: boolean[] }> = {
    normal: { attach: [n, n, Y, n], see: [Y, Y, Y, Y] },
    locked: { attach: [n, n, n, n], see: [Y, Y, Y, Y] },
    hidden: { attach: [n, n, Y, n], see: [n, n, Y, Y] },
    held: { attach: [n, n, Y, n], see: [n, n, Y, Y] },
    deleted: { attach: [n, n, n, n], see: [n, n, n, n] },
    "author erased": { attach: [n, n, n, n], see: [n, n, n, n] },
  };
  const replyCells: Record<Exclude<State, "author erased">, { attach: boolean[]; see: boolean[] }> = {
    normal: { attach: [n, n, Y, n], see: [Y, Y, Y, Y] },
    locked: { attach: [n, n, n, n], see: [Y, Y, Y, Y] },
    hidden: { attach: [n, n, n, n], see: [n, n, Y, Y] },
    held: { attach: [n, n, Y, n], see: [n, n, Y, Y] },
    deleted: { attach: [n, n, n, n], see: [n, n, n, n] },
  };
  for (const [state, cells] of Object.entries(dilemmaCells) as [State, { attach: boolean[]; see: boolean[] }][]) {
    it(`a dilemma, ${state}`, () => {
      expect(who.map((w) => guardianOf(w).canAttachToDilemma(dilemma(state)))).toEqual(cells.attach);
      expect(who.map((w) => guardianOf(w).whyNotSeeDilemmaAttachment(dilemma(state)) === null)).toEqual(cells.see);
    });
  }
  for (const [state, cells] of Object.entries(replyCells) as [State, { attach: boolean[]; see: boolean[] }][]) {
    it(`a reply, ${state}`, () => {
      expect(who.map((w) => guardianOf(w).canAttachToReply(reply(state)))).toEqual(cells.attach);
      expect(who.map((w) => guardianOf(w).whyNotSeeReplyAttachment(reply(state)) === null)).toEqual(cells.see);
    });
  }
  it("a report: organisers attach to drafts and published reports, never to an upcoming meeting; a draft's files are theirs only", () => {
    const meeting = (status: MeetingRef["status"]): MeetingRef => ({ status, agendaOpen: false, held: true });
    expect(who.map((w) => guardianOf(w).canAttachToReport(meeting("draft")))).toEqual([n, n, n, Y]);
    expect(who.map((w) => guardianOf(w).canAttachToReport(meeting("published")))).toEqual([n, n, n, Y]);
    expect(who.map((w) => guardianOf(w).canAttachToReport(meeting("upcoming")))).toEqual([n, n, n, n]);
    expect(who.map((w) => guardianOf(w).whyNotSeeReportAttachment(meeting("published")) === null)).toEqual([Y, Y, Y, Y]);
    expect(who.map((w) => guardianOf(w).whyNotSeeReportAttachment(meeting("draft")) === null)).toEqual([n, n, n, Y]);
    expect(() => guardianOf("member").ensureCanSeeReportAttachment(meeting("draft"))).toThrow(NotFound);
    expect(() => guardianOf("member").ensureCanAttachToReport(meeting("draft"))).toThrow(Forbidden);
  });
});
