import { Prisma } from "~/generated/prisma/client";
import { db } from "~/platform/db.server";
import { atLeast } from "./compile.server";
import { competenceCache, addCompetenceAlternatives } from "./competence-terms.server";
import { analyzeQuery, toTsQuery, type ParsedQuery } from "./dutch/analysis.server";
import { quoteLexeme } from "./dutch/query";
import { typingPrefix } from "./snippet.server";
import { synonymGroupsCache } from "./synonyms.server";

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
  const terms = parsed.terms.filter((t) => !t.negated).slice(0, MAX_TERMS);
  const parts = terms.map(termQuery).filter(Boolean);
  // The last word of a title being typed may be unfinished ("Hoe houd je bewo").
  const prefix = typingPrefix(text);
  if (prefix && prefix.length >= 3 && parts.length > 0 && terms[terms.length - 1]!.text.endsWith(prefix)) {
    parts[parts.length - 1] = `${parts[parts.length - 1]} | ${quoteLexeme(prefix)}:*`;
  }
  if (parts.length === 0 || limit < 1) return [];
  const any = atLeast(parts, requiredTerms(parts.length));
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
