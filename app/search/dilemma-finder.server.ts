import type { Guardian } from "~/guardian/guardian.server";
import { search } from "./search.server";

// The meeting pages' dilemma pickers (an agenda's "stel voor", a report's links) find dilemmas
// with the same engine as the search page: a word in a reply, a compound's part, a synonym or
// an inflected form finds the thread, where a title substring found nothing ("loslaten" found
// seven threads in search and none in the picker). Meetings sit below search (014), so the
// route asks here for ranked dilemma ids and lets meetings read and filter its candidates.

/** Dilemma ids for `query`, best first: threads whose dilemma or a reply matches, then those
 *  with most of the words. `openOnly` keeps open questions (an agenda's proposals). */
export async function findDilemmaIds(guardian: Guardian, query: string, options: { openOnly: boolean; limit: number }): Promise<number[]> {
  const outcome = await search(
    guardian,
    {
      q: query,
      kinds: ["dilemma", "reply"],
      competences: [],
      status: options.openOnly ? "open" : null,
      period: null,
      sort: "relevance",
      page: 1,
    },
    { facets: false, pageSize: options.limit },
  );
  const ids = [...outcome.hits, ...outcome.partial].flatMap((h) => (h.dilemmaId === null ? [] : [h.dilemmaId]));
  return [...new Set(ids)].slice(0, options.limit);
}
