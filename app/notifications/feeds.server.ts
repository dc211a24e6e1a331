import { createHash, randomBytes } from "node:crypto";
import { competencePath } from "~/competences/paths";
import { dilemmaPath } from "~/dilemmas/paths";
import { type Guardian, memberIdOf } from "~/guardian/guardian.server";
import { meetingPath, MEETINGS_PATH } from "~/meetings/paths";
import type { AtomFeed } from "~/platform/atom.server";
import { db } from "~/platform/db.server";
import { absoluteUrl } from "~/platform/env.server";
import { createI18n, isLocale } from "~/platform/i18n";
import { competenceFeedPath, DILEMMAS_FEED_PATH, REPORTS_FEED_PATH, withKey } from "./feed-paths";
import { recipientGuardian } from "./present.server";

// Atom feeds of the circle (issue 20, decision 028): new dilemmas, those of one competence,
// and published meeting reports. The circle is closed, and a feed reader cannot log in, so a
// feed's URL carries the member's own key; only its SHA-256 is kept (the URL is shown once,
// when made). A new key voids the old URLs. What a feed shows is what the Guardian lets that
// member read, and never anything hidden or in draft, even for staff: a feed is read outside
// the forum, where no "hidden" mark goes with it. A member who is no longer active (removed,
// erased, waiting) reads nothing, whatever key they hold.

export const FEED_ENTRIES = 30;

const hashOf = (key: string) => createHash("sha256").update(key).digest("hex");

/** Makes the member's feed key (a new one voids the old): shown once, kept only as a hash. */
export async function resetFeedKey(guardian: Guardian): Promise<string> {
  guardian.ensureCanManageOwnAccount();
  const userId = memberIdOf(guardian);
  const key = randomBytes(24).toString("base64url");
  await db.feedToken.upsert({
    where: { userId },
    create: { userId, tokenHash: hashOf(key) },
    update: { tokenHash: hashOf(key), createdAt: new Date() },
  });
  return key;
}

/** When the member's current key was made; null: none yet. */
export async function feedKeyMadeAt(guardian: Guardian): Promise<Date | null> {
  guardian.ensureCanManageOwnAccount();
  const row = await db.feedToken.findUnique({ where: { userId: memberIdOf(guardian) }, select: { createdAt: true } });
  return row?.createdAt ?? null;
}

/** The reader a key belongs to, as the Guardian knows them; null: no such key, or not active. */
export async function feedReader(key: string): Promise<{ guardian: Guardian; locale: string } | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(key)) return null;
  const row = await db.feedToken.findUnique({
    where: { tokenHash: hashOf(key) },
    select: { user: { select: { id: true, handle: true, displayName: true, role: true, locale: true, status: true, erasedAt: true } } },
  });
  const user = row?.user;
  if (!user || user.status !== "active" || user.erasedAt) return null;
  return { guardian: recipientGuardian(user), locale: user.locale };
}

const authorName = (author: { displayName: string; erasedAt: Date | null }, former: string) => (author.erasedAt ? former : author.displayName);

/** New dilemmas, of one competence when a slug is given (null: no such competence). */
export async function dilemmasFeed(guardian: Guardian, locale: string, competenceSlug?: string): Promise<AtomFeed | null> {
  const t = createI18n(isLocale(locale) ? locale : "nl").t;
  let competence: { id: number; slug: string; name: string } | null = null;
  if (competenceSlug !== undefined) {
    const row = await db.competence.findUnique({ where: { slug: competenceSlug }, select: { id: true, slug: true, nameNl: true, nameEn: true } });
    if (!row) return null;
    competence = { id: row.id, slug: row.slug, name: locale === "en" ? row.nameEn : row.nameNl };
  }
  const dilemmas = await db.dilemma.findMany({
    where: {
      AND: [guardian.visibleDilemmasWhere(), { hiddenAt: null, deletedByAuthorAt: null }, competence ? { competences: { some: { competenceId: competence.id } } } : {}],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: FEED_ENTRIES,
    select: { id: true, title: true, bodyHtml: true, createdAt: true, updatedAt: true, author: { select: { displayName: true, erasedAt: true } } },
  });
  const path = competence ? competenceFeedPath(competence.slug) : DILEMMAS_FEED_PATH;
  return {
    id: absoluteUrl(path),
    self: absoluteUrl(path),
    page: absoluteUrl(competence ? competencePath(competence) : "/dilemmas"),
    title: competence ? t("inbound.feeds.competenceTitle", { name: competence.name }) : t("inbound.feeds.dilemmasTitle"),
    subtitle: t("app.tagline"),
    language: locale,
    entries: dilemmas.map((d) => ({
      url: absoluteUrl(dilemmaPath(d)),
      title: d.title,
      published: d.createdAt,
      updated: d.updatedAt > d.createdAt ? d.updatedAt : d.createdAt,
      author: authorName(d.author, t("member.former")),
      html: d.bodyHtml,
    })),
  };
}

/** Published meeting reports, newest first. */
export async function reportsFeed(guardian: Guardian, locale: string): Promise<AtomFeed> {
  const t = createI18n(isLocale(locale) ? locale : "nl").t;
  const meetings = await db.meeting.findMany({
    // Drafts never, even for staff: visibleReportsWhere shows them drafts in the forum.
    where: { AND: [guardian.visibleReportsWhere(), { status: "published", publishedAt: { not: null } }] },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: FEED_ENTRIES,
    select: { id: true, title: true, summaryHtml: true, publishedAt: true, updatedAt: true, hostOrganisation: true },
  });
  return {
    id: absoluteUrl(REPORTS_FEED_PATH),
    self: absoluteUrl(REPORTS_FEED_PATH),
    page: absoluteUrl(MEETINGS_PATH),
    title: t("inbound.feeds.reportsTitle"),
    subtitle: t("app.tagline"),
    language: locale,
    entries: meetings.map((m) => ({
      url: absoluteUrl(meetingPath(m)),
      title: m.title,
      published: m.publishedAt!,
      updated: m.updatedAt > m.publishedAt! ? m.updatedAt : m.publishedAt!,
      author: m.hostOrganisation || "Kenniskring",
      html: m.summaryHtml,
    })),
  };
}

/** The member's feed URLs (with a key just made): the circle's, and one per competence. */
export async function feedLinks(key: string, locale: string) {
  const competences = await db.competence.findMany({
    where: { retiredAt: null },
    orderBy: locale === "en" ? { nameEn: "asc" } : { nameNl: "asc" },
    select: { slug: true, nameNl: true, nameEn: true },
  });
  return {
    dilemmas: absoluteUrl(withKey(DILEMMAS_FEED_PATH, key)),
    reports: absoluteUrl(withKey(REPORTS_FEED_PATH, key)),
    competences: competences.map((c) => ({ name: locale === "en" ? c.nameEn : c.nameNl, url: absoluteUrl(withKey(competenceFeedPath(c.slug), key)) })),
  };
}
