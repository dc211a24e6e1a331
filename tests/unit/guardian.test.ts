import { describe, expect, it } from "vitest";
import { Guardian, type MemberRef } from "~/guardian/guardian.server";
import { anonymousViewer, type Viewer } from "~/guardian/viewer";
import { Forbidden } from "~/platform/errors.server";

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
  };
  const ask = {
    signUp: (g: Guardian) => g.canSignUp(),
    logIn: (g: Guardian) => g.canLogIn(),
    manageOwnAccount: (g: Guardian) => g.canManageOwnAccount(),
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
  it("shows draft reports to staff only", () => {
    expect(guardianFor("member").visibleReportsWhere()).toEqual({ status: "published" });
    expect(guardianFor("organiser").visibleReportsWhere()).toEqual({ status: { in: ["draft", "published"] } });
  });
});
