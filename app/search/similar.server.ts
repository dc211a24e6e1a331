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
  const plain = telling.length === parts.length || telling.length === 0; // no common words to set apart
  const rank = parts.map((p) => `( ${p} )`).join(" | ");
  // Ranked by how many words they share, then by ts_rank: one level per number of shared
  // words, most first, each ranked and cut to the limit on its own. The levels are read in
  // that order and reading stops once the limit is reached, so a title whose words are in
  // thousands of dilemmas ranks only the few that share all of them (ts_rank is the costly
  // part). The index of dilemmas and reports (WHERE kind <> 'reply') finds every level.
  // Without common words a dilemma must share half the words (all of one or two); with them,
  // any number of words, as long as half the telling ones (at least one) are among them.
  const required = plain ? requiredTerms(parts.length) : 1;
  // What the index is asked (decision 060): only the telling words' posting lists. A dilemma
  // that shares k words, c of the title's words being common, shares at least k − c telling
  // ones (and at least half of them), so the index hands over the dilemmas with that many
  // telling words and the words shared are counted per dilemma it hands over. Asking it for
  // "k of all n words" made it walk the posting lists of the words everywhere ("bewoners" and
  // its synonyms: most dilemmas) and test the combination on each of them, at every level.
  const everyIndex = parts.map((_, i) => i);
  const commonIndex = plain ? [] : everyIndex.filter((i) => common.has(terms[i]!.text));
  const tellingParts = everyIndex.filter((i) => !commonIndex.includes(i)).map((i) => parts[i]!);
  const countOf = (idx: number[]) => Prisma.join(idx.map((i) => Prisma.sql`(s.doc @@ ${parts[i]}::tsquery)::int`), " + ");
  const tellingNeeded = plain ? 0 : Math.ceil(tellingParts.length / 2);
  // Dilemmas as "neither a reply nor a report": the index of dilemmas and reports answers it,
  // and the planner cannot AND it with the (kind, sourceId) btree, which `kind = 'dilemma'`
  // invited (40 000 entries read per level for nothing).
  const levels: Prisma.Sql[] = [];
  for (let k = parts.length; k >= required; k--) {
    // Of k shared words, at most k − tellingNeeded may be common ones (the rest are telling).
    const alsoTelling =
      k - tellingNeeded >= commonIndex.length ? Prisma.empty : Prisma.sql`AND (${countOf(commonIndex)}) <= ${k - tellingNeeded}`;
    const indexed = atLeast(tellingParts, Math.max(k - commonIndex.length, tellingNeeded));
    // All the words: one test of them together (the index asked for the telling ones already).
    const shared = k === parts.length ? Prisma.sql`s.doc @@ ${atLeast(parts, k)}::tsquery` : Prisma.sql`(${countOf(everyIndex)}) = ${k}`;
    levels.push(Prisma.sql`(
      SELECT s."sourceId" AS id, (${k / parts.length} + ts_rank(s.doc, ${rank}::tsquery, 1))::float8 AS score, ${k}::int AS shared
      FROM "SearchDocument" s
      WHERE s.doc @@ ${indexed}::tsquery AND ${shared} ${alsoTelling}
        AND s.kind <> 'reply' AND s.kind <> 'report' AND NOT s."threadHidden"
      ORDER BY score DESC, s.date DESC, s."sourceId" DESC
      LIMIT ${limit})`);
  }
  // Postgres runs UNION ALL's branches in order (Append), so LIMIT stops after the level that
  // fills it; the sort below only makes the order independent of that.
  const rows = await db.$queryRaw<(SimilarMatch & { shared: number })[]>`
    SELECT id, score, shared FROM (${Prisma.join(levels, " UNION ALL ")}) x LIMIT ${limit}`;
  return rows
    .sort((a, b) => b.shared - a.shared || b.score - a.score)
    .map(({ id, score }) => ({ id, score }));
}
