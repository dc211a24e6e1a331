import { listCompetenceOptions, unusableCompetenceIds, type CompetenceOption } from "~/competences/competences.server";
import type { DilemmaStatus, Role } from "~/generated/prisma/enums";
import { memberIdOf, type Guardian } from "~/guardian/guardian.server";
import { applyRoleChange } from "~/accounts/roles.server";
import { db } from "~/platform/db.server";
import { Invalid, NotFound } from "~/platform/errors.server";
import { markdownToPlainText } from "~/platform/markdown.server";
import type { ProfileInput } from "./schemas";
import { competenceTagsSelect, toCompetenceTags, type CompetenceTag } from "~/competences/tags";

// Member profiles (/members/:handle): who someone is in the circle, what they know about and
// what they wrote (what the viewer may see of it). For the circle's members, as the directory
// is (Guardian.whyNotSeeProfile); the e-mail address only for the member and admins; an
// erased member has no profile (404) — their posts say "voormalig lid".

export const PROFILE_PAGE_SIZE = 10;
const EXCERPT_LENGTH = 200;
const ROLES: Role[] = ["member", "organiser", "admin"];

type Paged<T> = { items: T[]; count: number; page: number; pageCount: number };

export type ProfileDilemma = {
  id: number;
  title: string;
  status: DilemmaStatus;
  replyCount: number;
  createdAt: Date;
  hidden: boolean;
};

export type ProfileReply = {
  id: number;
  excerpt: string;
  createdAt: Date;
  dilemma: { id: number; title: string };
};

export type MemberProfile = {
  handle: string;
  displayName: string;
  organisation: string | null;
  role: Role;
  photoId: number | null;
  memberSince: Date;
  /** Null unless the viewer is this member or an admin. */
  email: string | null;
  expertise: { slug: string; nameNl: string; nameEn: string; retired: boolean }[];
  dilemmas: Paged<ProfileDilemma>;
  replies: Paged<ProfileReply>;
  /** What the page offers this viewer; the actions check again. */
  canEdit: boolean;
  /** Roles this viewer may give the member, the current one included; empty: no role form. */
  roleChoices: Role[];
  /** An admin may erase this (other) member's account at their request (decision 026). */
  canEraseOnRequest: boolean;
};

export async function getMemberProfile(
  guardian: Guardian,
  handle: string,
  pages: { dilemmas?: number; replies?: number } = {},
): Promise<MemberProfile> {
  const user = await db.user.findUnique({
    where: { handle },
    select: {
      id: true,
      handle: true,
      displayName: true,
      organisation: true,
      role: true,
      email: true,
      erasedAt: true,
      status: true,
      createdAt: true,
      photoId: true,
      expertise: competenceTagsSelect,
    },
  });
  if (!user) throw new NotFound("member");
  guardian.ensureCanSeeProfile(user);

  const [dilemmas, replies] = await Promise.all([
    memberDilemmas(guardian, user.id, pages.dilemmas),
    memberReplies(guardian, user.id, pages.replies),
  ]);
  const roleChoices = ROLES.filter((r) => r === user.role || guardian.canChangeRole(user, r));
  return {
    handle: user.handle,
    displayName: user.displayName,
    organisation: user.organisation,
    role: user.role,
    photoId: user.photoId,
    memberSince: user.createdAt,
    email: guardian.canSeeEmailOf(user) ? user.email : null,
    expertise: toCompetenceTags(user.expertise),
    dilemmas,
    replies,
    canEdit: guardian.canEditProfile(user),
    roleChoices: roleChoices.length > 1 ? roleChoices : [],
    canEraseOnRequest: guardian.isAdmin && guardian.userId !== user.id && guardian.canEraseAccount(user),
  };
}

async function memberDilemmas(guardian: Guardian, authorId: number, page = 1): Promise<Paged<ProfileDilemma>> {
  // A dilemma its asker deleted is theirs no more to show (decision 038).
  const where = { AND: [guardian.visibleDilemmasWhere(), { authorId, deletedByAuthorAt: null }] };
  const count = await db.dilemma.count({ where });
  const { current, pageCount, skip } = paging(count, page);
  const rows = await db.dilemma.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip,
    take: PROFILE_PAGE_SIZE,
    select: { id: true, title: true, status: true, replyCount: true, createdAt: true, hiddenAt: true },
  });
  const items = rows.map(({ hiddenAt, ...d }) => ({ ...d, hidden: hiddenAt !== null }));
  return { items, count, page: current, pageCount };
}

/** Replies nobody took away (not hidden by staff, not deleted by the author) in dilemmas the viewer may see. */
async function memberReplies(guardian: Guardian, authorId: number, page = 1): Promise<Paged<ProfileReply>> {
  const where = { authorId, hiddenAt: null, deletedByAuthorAt: null, dilemma: guardian.visibleDilemmasWhere() };
  const count = await db.reply.count({ where });
  const { current, pageCount, skip } = paging(count, page);
  const rows = await db.reply.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip,
    take: PROFILE_PAGE_SIZE,
    select: { id: true, bodyMd: true, createdAt: true, dilemma: { select: { id: true, title: true } } },
  });
  const items = rows.map(({ bodyMd, ...r }) => ({ ...r, excerpt: markdownToPlainText(bodyMd, EXCERPT_LENGTH) }));
  return { items, count, page: current, pageCount };
}

function paging(count: number, page: number) {
  const pageCount = Math.max(1, Math.ceil(count / PROFILE_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  return { current, pageCount, skip: (current - 1) * PROFILE_PAGE_SIZE };
}

// ── The member's own profile form ─────────────────────────────────────────────────────────

export type OwnProfile = {
  handle: string;
  displayName: string;
  organisation: string | null;
  locale: "nl" | "en";
  photoId: number | null;
  expertiseIds: number[];
  /** Active competences, plus retired ones the member chose before (so saving keeps them). */
  competenceOptions: CompetenceOption[];
};

export async function getOwnProfile(guardian: Guardian): Promise<OwnProfile> {
  const user = await ownUser(guardian);
  guardian.ensureCanEditProfile(user);
  const expertiseIds = user.expertise.map((e) => e.competenceId);
  return {
    handle: user.handle,
    displayName: user.displayName,
    organisation: user.organisation,
    locale: user.locale === "en" ? "en" : "nl",
    photoId: user.photoId,
    expertiseIds,
    competenceOptions: await listCompetenceOptions(guardian, { alsoIds: expertiseIds }),
  };
}

export async function updateOwnProfile(guardian: Guardian, input: ProfileInput): Promise<{ handle: string }> {
  const user = await ownUser(guardian);
  guardian.ensureCanEditProfile(user);
  const had = user.expertise.map((e) => e.competenceId);
  if ((await unusableCompetenceIds(input.expertise, { alsoIds: had })).length) {
    throw new Invalid({ expertise: ["members.errors.unknownCompetence"] });
  }
  await db.$transaction([
    db.user.update({
      where: { id: user.id },
      data: { displayName: input.displayName, organisation: input.organisation || null, locale: input.locale },
    }),
    db.userExpertise.deleteMany({ where: { userId: user.id, competenceId: { notIn: input.expertise } } }),
    db.userExpertise.createMany({
      data: input.expertise.map((competenceId) => ({ userId: user.id, competenceId })),
      skipDuplicates: true,
    }),
  ]);
  return { handle: user.handle };
}

async function ownUser(guardian: Guardian) {
  guardian.ensureCanManageOwnAccount();
  const user = await db.user.findUnique({
    where: { id: memberIdOf(guardian) },
    select: {
      id: true,
      handle: true,
      displayName: true,
      organisation: true,
      locale: true,
      role: true,
      erasedAt: true,
      photoId: true,
      expertise: { select: { competenceId: true } },
    },
  });
  if (!user) throw new NotFound("member");
  return user;
}

// ── Roles (admins) ────────────────────────────────────────────────────────────────────────

export async function changeMemberRole(guardian: Guardian, handle: string, role: Role): Promise<void> {
  const user = await db.user.findUnique({ where: { handle }, select: { id: true, role: true, erasedAt: true, status: true } });
  if (!user) throw new NotFound("member");
  guardian.ensureCanSeeProfile(user);
  guardian.ensureCanChangeRole(user, role);
  if (user.role !== role) await applyRoleChange(user.id, role, guardian.userId); // mails the member
}

/** The competences the signed-in member named as their expertise (none for a visitor), for the home page. */
export async function listOwnExpertise(guardian: Guardian): Promise<CompetenceTag[]> {
  const userId = guardian.userId;
  if (userId === null) return [];
  const rows = await db.userExpertise.findMany({
    where: { userId },
    select: { competence: { select: { slug: true, nameNl: true, nameEn: true, retiredAt: true } } },
    orderBy: { competence: { nameNl: "asc" } },
  });
  return toCompetenceTags(rows);
}
