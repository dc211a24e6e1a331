import type { DraftOf } from "~/platform/events/event";

// What search announces of its own (decision 014): staff changing the synonym groups, for the
// audit trail. Subject: the synonym group.

type Group = { terms: string[]; competenceId: number | null };

export type SearchEvents = {
  "synonym_group.created": { payload: Group };
  "synonym_group.changed": { payload: Group & { before: Group } };
  "synonym_group.deleted": { payload: Group };
};

export type SearchEvent = DraftOf<SearchEvents>;
