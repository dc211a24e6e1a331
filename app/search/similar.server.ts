import { Prisma } from "~/generated/prisma/client";
import { db } from "~/platform/db.server";
import { atLeast } from "./compile.server";
import { competenceCache, addCompetenceAlternatives } from "./competence-terms.server";
import { analyzeQuery, toTsQuery, type ParsedQuery } from "./dutch/analysis.server";
import { quoteLexeme } from "./dutch/query";
import { typingPrefix } from "./snippet.server";
import { synonymGroupsCache } from "./synonyms.server";
import { commonWords } from "./vocabulary.server";

// "Lijkt je vraag op een van deze?" with the search engine: the words of a title being typed,
// analysed as any search (forms, compound parts, synonyms; the last word may be unfinished),
// against the dilemmas' documents. Unlike a search, not every word has to match: a dilemma is
// similar when it has at least half of them (all of one or two). The index finds exactly those
// (an OR of every such combination of words, in the index of dilemmas alone), and
// they are ranked by how many words they share, then by ts_rank (a title match counts most).
// Hidden dilemmas are never suggested, not even to staff or their asker.

const MAX_TERMS = 6;

export type SimilarMatch = { id: number; score: number };

/** How many of n words a dilemma must share to count as similar. */
export function requiredTerms(n: number): number {
  return n <= 2 ? n : Math.ceil(n / 2);
}

function termQuery(term: ParsedQuery["terms"][number]): string {
  return toTsQuery({ text: term.text, terms: [term] });
}

export async function similarDilemmaIds(text: string, limit: number): Promise<SimilarMatch[]> {
  const [synonyms, competences] = await Promise.all([synonymGroupsCache.get(), competenceCache.get()]);
  const parsed = analyzeQuery(text.replace(/["-]/g, " "), { synonyms });
  addCompetenceAlternatives(parsed, competences.entries);
  const terms = parsed.terms
    .filter((t) => !t.negated)
    .slice(0, MAX_TERMS)
    .map((term) => ({ text: term.text, part: termQuery(term) }))
    .filter((t) => t.part);
  // The last word of a title being typed may be unfinished ("Hoe houd je bewo").
  const prefix = typingPrefix(text);
  const last = terms.at(-1);
  if (prefix && prefix.length >= 3 && last?.text.endsWith(prefix)) last.part = `${last.part} | ${quoteLexeme(prefix)}:*`;
  const parts = terms.map((t) => t.part);
  if (parts.length === 0 || limit < 1) return [];
  // Sharing a word that is everywhere ("bewoners", "willen") is no sign of a similar question:
  // such words still count in the ranking, but the words a dilemma must share are the others.
  const common = await commonWords();
  const telling = terms.filter((t) => !common.has(t.text)).map((t) => t.part);
  const any =
    telling.length === parts.length || telling.length === 0
      ? atLeast(parts, requiredTerms(parts.length))
      : atLeast(telling, Math.ceil(telling.length / 2)); // half of the telling words, at least one
  // The dilemmas' own index (WHERE kind = 'dilemma') finds them; no kind token needed.
  const match = any;
  const shared = Prisma.join(
    parts.map((p) => Prisma.sql`(s.doc @@ ${p}::tsquery)::int`),
    " + ",
  );
  const rank = parts.map((p) => `( ${p} )`).join(" | ");
  return db.$queryRaw<SimilarMatch[]>`
    SELECT s."sourceId" AS id,
           ((${shared})::float8 / ${parts.length} + ts_rank(s.doc, ${rank}::tsquery, 1))::float8 AS score
    FROM "SearchDocument" s
    WHERE s.doc @@ ${match}::tsquery AND s.kind = 'dilemma' AND NOT s."threadHidden"
    ORDER BY score DESC, s.date DESC, s."sourceId" DESC
    LIMIT ${limit}`;
}
