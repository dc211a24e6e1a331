import { competenceTagsSelect, toCompetenceTags, type CompetenceTag } from "~/competences/tags";
import { Prisma } from "~/generated/prisma/client";
import type { Role } from "~/generated/prisma/enums";
import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { SharedReadCache } from "~/platform/shared-read-cache.server";
import { DIRECTORY_PAGE_SIZE, filterWords, type DirectoryFilter, type DirectoryQuery } from "./directory-query";

// The member directory (/members): who is in the circle, what they know about, where they
// work. Only for those the Guardian lets see members (the circle is closed); never an e-mail
// address; an erased member is not a member any more and is never listed.
//
// One page is a few small statements whatever the size of the circle: the page's ids and the
// total (the filters in SQL: accents are folded by Postgres' unaccent, which Prisma cannot
// express), those members' details with their expertise, and the competences to filter by
// with how many members named each; and most requests read none (sharedPages).

export type DirectoryEntry = {
  handle: string;
  displayName: string;
  organisation: string | null;
  role: Role;
  photoId: number | null;
  expertise: CompetenceTag[];
};

export type CompetenceChoice = { slug: string; nameNl: string; nameEn: string; members: number };

export type DirectoryPage = {
  entries: DirectoryEntry[];
  total: number;
  page: number;
  pageCount: number;
  /** The filters as applied (a competence the circle does not have is dropped). */
  filter: DirectoryFilter;
  competences: CompetenceChoice[];
};

// Every member who may see the directory sees the same one, so a page read is kept for the
// next reader until content changes (decision 010): members, their expertise and competences
// are all content tables that announce their changes.
const sharedPages = new SharedReadCache<DirectoryPage>({ maxEntries: 200, maxBytes: 4 * 2 ** 20, name: "member directory pages" });

export async function listMembers(
  guardian: Guardian,
  query: DirectoryQuery,
  options: { readLive?: boolean } = {},
): Promise<DirectoryPage> {
  guardian.ensureCanSeeMembers();
  if (options.readLive) return readDirectoryPage(query);
  return sharedPages.read(JSON.stringify(query), () => readDirectoryPage(query));
}

async function readDirectoryPage(query: DirectoryQuery): Promise<DirectoryPage> {
  const competences = await competenceChoices(query.competence);
  const filter: DirectoryFilter = {
    ...query,
    competence: competences.some((c) => c.slug === query.competence) ? query.competence : null,
  };
  const where = whereListed(filter);
  const [idRows, [{ total }]] = await Promise.all([
    db.$queryRaw<{ id: number }[]>`
      SELECT u.id FROM "User" u WHERE ${where}
      ORDER BY ${orderOf(filter)}
      LIMIT ${DIRECTORY_PAGE_SIZE} OFFSET ${(query.page - 1) * DIRECTORY_PAGE_SIZE}`,
    db.$queryRaw<[{ total: bigint }]>`SELECT count(*) AS total FROM "User" u WHERE ${where}`,
  ]);
  const ids = idRows.map((r) => r.id);
  const rows = ids.length
    ? await db.user.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          handle: true,
          displayName: true,
          organisation: true,
          role: true,
          photoId: true,
          expertise: competenceTagsSelect,
        },
      })
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const entries = ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return []; // erased between the two reads
    const { id: _id, expertise, ...member } = row;
    return [{ ...member, expertise: toCompetenceTags(expertise) }];
  });
  const count = Number(total);
  return {
    entries,
    total: count,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(count / DIRECTORY_PAGE_SIZE)),
    filter,
    competences,
  };
}

/**
 * Folded for comparing: lower case, accents off (é → e, ø → o, ß → ss). kk_fold is unaccent
 * made indexable (migration 20261206200000_member_directory_indexes); the expressions below
 * are written exactly as the indexes are, so Postgres uses them.
 */
const fold = (sql: Prisma.Sql) => Prisma.sql`kk_fold(${sql})`;

function whereListed(filter: DirectoryFilter): Prisma.Sql {
  // Only members admitted to the circle (decision 016): not unconfirmed sign-ups or pending requests.
  const conditions: Prisma.Sql[] = [Prisma.sql`u."erasedAt" IS NULL`, Prisma.sql`u.status = 'active'`];
  if (filter.staffOnly) conditions.push(Prisma.sql`u.role IN ('organiser', 'admin')`);
  if (filter.competence) {
    conditions.push(Prisma.sql`EXISTS (
      SELECT 1 FROM "UserExpertise" e JOIN "Competence" c ON c.id = e."competenceId"
      WHERE e."userId" = u.id AND c.slug = ${filter.competence})`);
  }
  const haystack = fold(Prisma.sql`u."displayName" || ' ' || coalesce(u."organisation", '') || ' ' || u."handle"`);
  for (const word of filterWords(filter.text)) {
    conditions.push(Prisma.sql`${haystack} LIKE '%' || ${fold(Prisma.sql`${escapeLike(word)}::text`)} || '%'`);
  }
  return Prisma.join(conditions, " AND ");
}

/**
 * Alphabetical by name. With words typed, the members whose name has a word starting with the
 * first one come first ("jan" finds Jan Smit before Marjan Bakker).
 */
function orderOf(filter: DirectoryFilter): Prisma.Sql {
  const name = fold(Prisma.sql`u."displayName"`);
  const [first] = filterWords(filter.text);
  const alphabetical = Prisma.sql`${name}, u.id`;
  if (!first) return alphabetical;
  return Prisma.sql`(' ' || ${name}) LIKE '% ' || ${fold(Prisma.sql`${escapeLike(first)}::text`)} || '%' DESC, ${alphabetical}`;
}

/** A typed word as a LIKE pattern's literal part: %, _ and \ match only themselves. */
function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Competences in use (and the one filtered on, even if retired), with how many listed members
 * named each as their expertise, by Dutch name.
 */
async function competenceChoices(selected: string | null): Promise<CompetenceChoice[]> {
  const rows = await db.$queryRaw<{ slug: string; nameNl: string; nameEn: string; members: bigint }[]>`
    SELECT c.slug, c."nameNl", c."nameEn", count(u.id) AS members
    FROM "Competence" c
    LEFT JOIN "UserExpertise" e ON e."competenceId" = c.id
    LEFT JOIN "User" u ON u.id = e."userId" AND u."erasedAt" IS NULL AND u.status = 'active'
    WHERE c."retiredAt" IS NULL OR c.slug = ${selected ?? ""}
    GROUP BY c.id
    ORDER BY c."nameNl", c.id`;
  return rows.map((r) => ({ ...r, members: Number(r.members) }));
}
