import type { DraftOf } from "~/platform/events/event";

// What the competence domain announces (decision 014). Subject: the competence.

export type CompetenceEvents = {
  "competence.created": { payload: { slug: string; imported: boolean } };
  /** Renamed, described or given synonyms; slugBefore differs from slug when its address moved. */
  "competence.changed": { payload: { slug: string; slugBefore: string } };
  "competence.retired": { payload: { slug: string } };
  "competence.unretired": { payload: { slug: string } };
};

export type CompetenceEvent = DraftOf<CompetenceEvents>;
