import { createContext, useContext } from "react";

// Whether this viewer may see who the members are (Guardian.canSeeMembers, sent by the root
// loader): then author names link to profiles and photos show. For visitors the names stay
// plain text with initials, so no link leads to a page they may not open. One context read
// per author, instead of each author asking the router for the root's data.
export const MembersVisibleContext = createContext(false);

export function useMembersVisible(): boolean {
  return useContext(MembersVisibleContext);
}
