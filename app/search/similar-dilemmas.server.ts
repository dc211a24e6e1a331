import type { DilemmaStatus } from "~/generated/prisma/enums";
import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { similarDilemmaIds } from "./similar.server";

// "Lijkt jouw vraag op een van deze?" while a member types a title: the search engine's
// similar-dilemmas lookup (app/search/similar.server.ts: the Dutch analysis, at least half of
// the words in common, ranked by words shared and title matches), after the question words
// below are taken out. Then the Guardian's filter, as for any list.

export type SimilarDilemma = { id: number; title: string; status: DilemmaStatus; replyCount: number };

const MIN_QUERY_LENGTH = 3;

// Question words, articles, pronouns, common verbs and prepositions: words that say nothing
// about a dilemma's subject.
const STOP_WORDS = [
  "aan", "al", "als", "bij", "dan", "dat", "de", "die", "dit", "doe", "doen", "door", "een", "en",
  "er", "hebben", "heb", "heeft", "het", "hoe", "ik", "in", "is", "je", "jij", "jouw", "jullie",
  "kan", "kun", "kunnen", "maar", "me", "met", "mij", "mijn", "naar", "niet", "nog", "of", "om",
  "ook", "op", "over", "te", "tot", "uit", "van", "voor", "waar", "waarom", "wanneer", "wat", "we",
  "welke", "wel", "wie", "wij", "word", "wordt", "worden", "ze", "zich", "zijn", "zo",
];

/** What the search compares: lowercase ASCII words without the stop words. */
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
  const ranked = await similarDilemmaIds(query, limit + 10); // room for what the Guardian's filter below may still drop
  if (ranked.length === 0) return [];
  const visible = await db.dilemma.findMany({
    where: { AND: [guardian.visibleDilemmasWhere(), { id: { in: ranked.map((r) => r.id) }, deletedByAuthorAt: null }] },
    select: { id: true, title: true, status: true, replyCount: true },
  });
  const byId = new Map(visible.map((d) => [d.id, d]));
  return ranked
    .map((r) => byId.get(r.id))
    .filter((d): d is SimilarDilemma => d !== undefined)
    .slice(0, limit);
}
