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
};

export type AnonymousViewer = { kind: "anonymous" };

export type Viewer = MemberViewer | AnonymousViewer;

export const anonymousViewer: AnonymousViewer = Object.freeze({ kind: "anonymous" });
