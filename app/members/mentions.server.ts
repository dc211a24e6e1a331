import { db } from "~/platform/db.server";
import { linkMentions, mentionsIn } from "./mention-links";

/**
 * Links "@handle" in these HTML bodies to the profiles of the members they name (one query
 * for all of them): members who can take part, not erased ones. Returns the bodies in order.
 */
export async function withMentionLinks(bodies: string[]): Promise<string[]> {
  const handles = [...new Set(bodies.flatMap(mentionsIn))];
  if (!handles.length) return bodies;
  const members = await db.user.findMany({ where: { handle: { in: handles }, erasedAt: null, status: "active" }, select: { handle: true } });
  const known = new Set(members.map((m) => m.handle));
  return bodies.map((html) => linkMentions(html, known));
}
