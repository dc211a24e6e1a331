import type { DilemmaStatus } from "~/generated/prisma/enums";
import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";

// "Lijkt jouw vraag op een van deze?" while a member types a title: trigram similarity
// (pg_trgm) between what they typed and existing titles, or (weighed less, as a few words
// turn up in any long text) their texts.
// Until the search feature offers something better (it will replace this function's inside,
// not its signature).
//
// Trigrams of small words ("hoe", "je", "de") make every Dutch question look alike, so both
// sides lose them first; and accents go (unaccent), so "één" finds "een". The weights and the
// threshold were tuned on the demo content: a near title scores 0.45–0.9, an unrelated one
// under 0.2; a text has to contain most of the typed words, close together, to count.

export type SimilarDilemma = { id: number; title: string; status: DilemmaStatus; replyCount: number };

const THRESHOLD = 0.3;
const MIN_QUERY_LENGTH = 3;
// Candidates, so the cost does not grow with the number of dilemmas: titles found through
// their trigram index, and the most recently active dilemmas, whose texts are compared too
// (texts have no index: comparing every text took over a minute at 20 000 dilemmas; this way
// it stays under a second there even when every title shares words). A dilemma that only its
// text makes similar, and that nobody touched for a long time, is not found: the search
// feature, with its index over the texts, will do better.
const TITLE_CANDIDATE_THRESHOLD = 0.25;
const TITLE_CANDIDATES = 200;
const RECENT_CANDIDATES = 200;
const BODY_PREFIX = 1000; // the opening says what a dilemma is about

// Question words, articles, pronouns, common verbs and prepositions: words that say nothing
// about a dilemma's subject.
const STOP_WORDS = [
  "aan", "al", "als", "bij", "dan", "dat", "de", "die", "dit", "doe", "doen", "door", "een", "en",
  "er", "hebben", "heb", "heeft", "het", "hoe", "ik", "in", "is", "je", "jij", "jouw", "jullie",
  "kan", "kun", "kunnen", "maar", "me", "met", "mij", "mijn", "naar", "niet", "nog", "of", "om",
  "ook", "op", "over", "te", "tot", "uit", "van", "voor", "waar", "waarom", "wanneer", "wat", "we",
  "welke", "wel", "wie", "wij", "word", "wordt", "worden", "ze", "zich", "zijn", "zo",
];
// Postgres ARE: \m and \M are word boundaries.
const STOP_WORDS_PATTERN = `\\m(${STOP_WORDS.join("|")})\\M`;

/** What the database compares: lowercase ASCII words without the stop words. */
export function similarityText(text: string): string {
  const stop = new Set(STOP_WORDS);
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word && !stop.has(word))
    .join(" ");
}

/**
 * Up to `limit` visible dilemmas that look like `text` (a title being typed, perhaps with its
 * text), most alike first. Hidden dilemmas are never suggested, not even to staff or their
 * asker: a suggestion is an invitation to join a thread, and a hidden thread takes no one.
 */
export async function findSimilarDilemmas(guardian: Guardian, text: string, limit = 5): Promise<SimilarDilemma[]> {
  const query = similarityText(text.slice(0, 2000));
  if (query.length < MIN_QUERY_LENGTH || limit < 1) return [];
  const ranked = await db.$transaction(async (tx) => {
    // The `<%` operator below uses this threshold, and it is what lets the title's trigram
    // index pick the candidates instead of a scan of every dilemma.
    await tx.$queryRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(TITLE_CANDIDATE_THRESHOLD)}, true)`;
    return tx.$queryRaw<{ id: number; score: number }[]>`
      WITH candidate AS (
        (SELECT id FROM "Dilemma"
          WHERE "hiddenAt" IS NULL AND ${query} <% title
          ORDER BY word_similarity(${query}, title) DESC LIMIT ${TITLE_CANDIDATES})
        UNION
        (SELECT id FROM "Dilemma"
          WHERE "hiddenAt" IS NULL
          ORDER BY "lastActivityAt" DESC, id DESC LIMIT ${RECENT_CANDIDATES})
      ), prepared AS (
        SELECT d.id, d."lastActivityAt",
          trim(regexp_replace(regexp_replace(lower(unaccent(d.title)), ${STOP_WORDS_PATTERN}, ' ', 'g'),
               '[^a-z0-9]+', ' ', 'g')) AS title,
          lower(unaccent(left(d."bodyMd", ${BODY_PREFIX}))) AS body
        FROM "Dilemma" d JOIN candidate USING (id)
      ), scored AS (
        SELECT id, "lastActivityAt",
          greatest(
            0.5 * similarity(title, ${query}) + 0.5 * word_similarity(${query}, title),
            0.6 * word_similarity(${query}, body)
          ) AS score
        FROM prepared
      )
      SELECT id, score::float8 AS score FROM scored
      WHERE score >= ${THRESHOLD}
      ORDER BY score DESC, "lastActivityAt" DESC, id DESC
      LIMIT ${limit + 10}`; // room for what the Guardian's filter below may still drop
  });
  if (ranked.length === 0) return [];
  const visible = await db.dilemma.findMany({
    where: { AND: [guardian.visibleDilemmasWhere(), { id: { in: ranked.map((r) => r.id) } }] },
    select: { id: true, title: true, status: true, replyCount: true },
  });
  const byId = new Map(visible.map((d) => [d.id, d]));
  return ranked
    .map((r) => byId.get(r.id))
    .filter((d): d is SimilarDilemma => d !== undefined)
    .slice(0, limit);
}
