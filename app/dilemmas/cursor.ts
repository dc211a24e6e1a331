// A place in the dilemma list, for keyset pages: the last activity time and id of the item a
// page ends (or starts) at. The list is ordered by exactly these two (newest activity first,
// id breaks ties), so "the items after this one" stays the same set when new dilemmas arrive,
// where an offset would shift every later page. In the URL as "<epoch ms>-<id>".

export type ListCursor = { lastActivityAt: Date; id: number };

export function encodeCursor(cursor: ListCursor): string {
  return `${cursor.lastActivityAt.getTime()}-${cursor.id}`;
}

/** null for anything that is not a cursor we made: the list then starts at the top. */
export function decodeCursor(value: string | null | undefined): ListCursor | null {
  const match = /^(\d{1,15})-(\d{1,10})$/.exec(value ?? "");
  if (!match) return null;
  const lastActivityAt = new Date(Number(match[1]));
  const id = Number(match[2]);
  if (Number.isNaN(lastActivityAt.getTime()) || !Number.isSafeInteger(id) || id > 2_147_483_647) return null;
  return { lastActivityAt, id };
}
