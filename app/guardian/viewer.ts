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
};

export type AnonymousViewer = { kind: "anonymous" };

export type Viewer = MemberViewer | AnonymousViewer;

export const anonymousViewer: AnonymousViewer = Object.freeze({ kind: "anonymous" });
