import { db } from "~/platform/db.server";
import { cached } from "./cache.server";
import { analyzeWord, tokenize, type ParsedQuery } from "./dutch/analysis.server";
import { STOPWORDS } from "./dutch/word-lists";
import { competenceToken } from "./vector.server";

// Competences in a query. A document carries its competences as reference tokens (c:<id>,
// weight B); here a query's words are matched against each competence's names (Dutch and
// English) and "other words", and a matched word may also be satisfied by the tag. So
// "grenzen stellen" finds dilemmas tagged "Grenzen stellen", and renaming a competence or
// adding other words to it changes searches at once, without a re-index.
// A name with words in parentheses ("Proactief werken (erop uit)") is also recognised from its
// main words. English names only count when they are the whole query: their words are ordinary
// English ("working", "setting", "young people"), and in a forum of thousands of tagged
// dilemmas a partial match would make every English word find them.

export type CompetenceInfo = { id: number; slug: string; nameNl: string; nameEn: string; retired: boolean };

/** words: per content word, its tokens. whole: only when the query is this name and no more. */
type Entry = { competenceId: number; words: string[][]; whole: boolean };

/** The name as written and, when it has words in parentheses, the name without them. */
function namesOf(text: string): string[] {
  const main = text.replace(/\([^)]*\)/g, " ").replace(/\s+/g, " ").trim();
  return main && main !== text.trim() ? [text, main] : [text];
}

export const competenceCache = cached(async () => {
  const rows = await db.competence.findMany({
    select: { id: true, slug: true, nameNl: true, nameEn: true, synonyms: true, retiredAt: true },
    orderBy: [{ nameNl: "asc" }, { id: "asc" }],
  });
  const entries: Entry[] = [];
  for (const c of rows) {
    const texts = [
      ...[c.nameNl, ...c.synonyms].flatMap(namesOf).map((text) => ({ text, whole: false })),
      ...namesOf(c.nameEn).map((text) => ({ text, whole: true })),
    ];
    for (const { text, whole } of texts) {
      const words = tokenize(text)
        .map((t) => t.word)
        .filter((w) => !STOPWORDS.has(w))
        .map((w) => analyzeWord(w).wordTokens);
      if (words.length > 0 && words.length <= 4) entries.push({ competenceId: c.id, words, whole });
    }
  }
  const byId = new Map<number, CompetenceInfo>(
    rows.map((c) => [c.id, { id: c.id, slug: c.slug, nameNl: c.nameNl, nameEn: c.nameEn, retired: c.retiredAt !== null }]),
  );
  const bySlug = new Map([...byId.values()].map((c) => [c.slug, c]));
  return { entries, byId, bySlug, list: [...byId.values()] };
}, 60_000);

/** The tokens a term stands for as typed (its own forms), per word position. */
function termWordTokens(term: ParsedQuery["terms"][number]): Set<string>[] {
  return term.alternatives.filter((a) => a.source === "word").flatMap((a) => a.words.map((w) => new Set(w)));
}

/**
 * Adds, to every query term that names a competence (all the name's words among the query's
 * terms), the competence's tag as one more alternative. Quoted phrases and exclusions are
 * left as typed. Returns the ids of the competences the query named.
 */
export function addCompetenceAlternatives(parsed: ParsedQuery, entries: Entry[]): number[] {
  const terms = parsed.terms.filter((t) => !t.negated && !t.quoted);
  // One slot per word the query typed (a merged thesaurus term like "eigen kracht" has two).
  const slots = terms.flatMap((term, i) => termWordTokens(term).map((set) => ({ term: i, set })));
  const named = new Set<number>();
  for (const entry of entries) {
    const used = new Set<number>();
    const ok = entry.words.every((tokens) => {
      const k = slots.findIndex((slot, j) => !used.has(j) && tokens.some((t) => slot.set.has(t)));
      if (k < 0) return false;
      used.add(k);
      return true;
    });
    if (!ok || (entry.whole && used.size < slots.length)) continue;
    named.add(entry.competenceId);
    const token = competenceToken(entry.competenceId);
    for (const i of new Set([...used].map((k) => slots[k]!.term))) {
      const term = terms[i]!;
      if (term.alternatives.some((a) => a.words.length === 1 && a.words[0]!.includes(token))) continue;
      term.alternatives.push({ words: [[token]], join: "all", weight: 0.6, source: "synonym", text: token });
    }
  }
  return [...named];
}
