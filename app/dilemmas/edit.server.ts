import type { Prisma } from "~/generated/prisma/client";
import type { Guardian } from "~/guardian/guardian.server";
import { memberIdOf } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { recordEvents } from "~/platform/events/outbox.server";
import { publishedAnywayEvents, type PublishedAnyway } from "~/privacy/published-anyway";
import { renderMarkdown } from "~/platform/markdown.server";
import {
  listCompetenceChoices,
  replaceDilemmaCompetences,
  resolveCompetenceIds,
  type CompetenceChoice,
} from "./competence-tags.server";
import { findVisibleDilemmaRef, lockVisibleDilemma } from "./dilemmas.server";
import type { DilemmaEvent } from "./events";
import { DilemmaTagsSchema, EditDilemmaSchema, type EditDilemmaInput, ModeratorReasonSchema, OptionalModeratorReasonSchema } from "./schemas";
import { parseOrInvalid } from "~/platform/validate.server";

// Editing a dilemma. The asker changes title, text and tags; every change of the words keeps
// the words it replaces as a Revision (subjectType "dilemma"), so the thread's replies can
// always be read against what they answered. Staff who may not reword change only the tags
// (setDilemmaCompetences in moderation.server.ts). An organiser may change the words too, with
// a reason the asker reads (decision 033: `moderatorReason`); the Revision then names the
// organiser and keeps the reason, so the history says who changed it and why.

export const REVISION_SUBJECT = "dilemma";

export type DilemmaForEdit = {
  id: number;
  title: string;
  bodyMd: string;
  competences: string[];
  choices: CompetenceChoice[];
  canEditText: boolean;
  canEditTags: boolean;
  /** An organiser may change the words of another member's dilemma, with a reason (decision 033). */
  canReword: boolean;
  hiddenReason: string | null;
};

/** The edit form's content; NotFound if the viewer cannot see it, Forbidden if they may change nothing. */
export async function getDilemmaForEdit(guardian: Guardian, id: number): Promise<DilemmaForEdit> {
  const ref = await findVisibleDilemmaRef(guardian, id);
  const canEditText = guardian.canEditDilemma(ref);
  const canEditTags = guardian.canEditDilemmaTags(ref);
  if (!canEditText && !canEditTags) guardian.ensureCanEditDilemma(ref); // throws with the reason
  const dilemma = await db.dilemma.findUniqueOrThrow({
    where: { id },
    select: { title: true, bodyMd: true, hiddenReason: true, competences: { select: { competence: true } } },
  });
  const tagged = dilemma.competences.map((c) => c.competence);
  return {
    id,
    title: dilemma.title,
    bodyMd: dilemma.bodyMd,
    competences: tagged.map((c) => c.slug),
    choices: await listCompetenceChoices(tagged.map((c) => c.id)),
    canEditText,
    canEditTags,
    canReword: guardian.canRewordPost(ref),
    hiddenReason: ref.hiddenAt ? dilemma.hiddenReason : null,
  };
}

export type EditedDilemma = { id: number; title: string; changed: boolean };

/** Who is editing: the asker (options.moderatorReason undefined), or an organiser with a reason. */
export type EditOptions = PublishedAnyway & { moderatorReason?: string };

/** The asker (or an organiser, with a reason) saves title, text and tags; a Revision keeps the previous title and text. */
export async function editDilemma(guardian: Guardian, id: number, input: EditDilemmaInput, options: EditOptions = {}): Promise<EditedDilemma> {
  const byModerator = options.moderatorReason !== undefined;
  const ensureMayEdit = (ref: Awaited<ReturnType<typeof findVisibleDilemmaRef>>) =>
    byModerator ? guardian.ensureCanRewordPost(ref) : guardian.ensureCanEditDilemma(ref);
  ensureMayEdit(await findVisibleDilemmaRef(guardian, id));
  const { title, body, competences } = parseOrInvalid(EditDilemmaSchema, input);
  const reason = byModerator ? parseOrInvalid(ModeratorReasonSchema, { reason: options.moderatorReason }).reason : null;
  const editorId = memberIdOf(guardian);
  return db.$transaction(async (tx) => {
    // One edit at a time per dilemma, and the rules again under the lock: an organiser may
    // have locked it since the check above, and two saves must not both store the same
    // "previous" text.
    const ref = await lockVisibleDilemma(tx, guardian, id);
    ensureMayEdit(ref);
    const current = await tx.dilemma.findUniqueOrThrow({
      where: { id },
      select: { title: true, bodyMd: true, competences: { select: { competenceId: true } } },
    });
    const before = current.competences.map((c) => c.competenceId);
    const competenceIds = await resolveCompetenceIds(tx, competences, before);
    const titleChanged = current.title !== title;
    const bodyChanged = current.bodyMd !== body;
    const events: DilemmaEvent[] = [];
    if (titleChanged || bodyChanged) {
      const revision = await tx.revision.create({
        data: { subjectType: REVISION_SUBJECT, subjectId: id, title: current.title, bodyMd: current.bodyMd, editorId, reason },
        select: { id: true },
      });
      await tx.dilemma.update({
        where: { id },
        data: { title, bodyMd: body, bodyHtml: renderMarkdown(body), updatedAt: new Date() },
      });
      const moderated = byModerator ? { reason, revisionId: revision.id } : {};
      events.push({ type: "dilemma.edited", subjectId: id, actorId: editorId, payload: { authorId: ref.authorId, titleChanged, bodyChanged, ...moderated } });
    }
    if (await replaceDilemmaCompetences(tx, id, competenceIds)) {
      events.push(retagged(ref, editorId, before, competenceIds, byModerator ? { reason, alongEdit: events.length > 0 } : {}));
    }
    const anyway = titleChanged || bodyChanged ? options.privacyOverridden : undefined;
    await recordEvents(tx, [...events, ...publishedAnywayEvents(anyway, { post: "dilemma", id, dilemmaId: null }, editorId)]);
    return { id, title, changed: events.length > 0 };
  });
}

/** Only the tags: for staff (any state; a reason the asker reads, decision 033) and the asker (while they may edit). */
export async function setDilemmaCompetences(guardian: Guardian, id: number, slugs: string[], rawReason?: string): Promise<EditedDilemma> {
  guardian.ensureCanEditDilemmaTags(await findVisibleDilemmaRef(guardian, id));
  const { competences } = parseOrInvalid(DilemmaTagsSchema, { competences: slugs });
  const reason = parseOrInvalid(OptionalModeratorReasonSchema, { reason: rawReason }).reason || null;
  return db.$transaction(async (tx) => {
    const ref = await lockVisibleDilemma(tx, guardian, id);
    guardian.ensureCanEditDilemmaTags(ref);
    const current = await tx.dilemma.findUniqueOrThrow({
      where: { id },
      select: { title: true, competences: { select: { competenceId: true } } },
    });
    const before = current.competences.map((c) => c.competenceId);
    const ids = await resolveCompetenceIds(tx, competences, before);
    const changed = await replaceDilemmaCompetences(tx, id, ids);
    if (changed) await recordEvents(tx, [retagged(ref, guardian.userId, before, ids, reason ? { reason } : {})]);
    return { id, title: current.title, changed };
  });
}

function retagged(
  ref: { id: number; authorId: number },
  actorId: number | null,
  before: number[],
  after: number[],
  moderated: { reason?: string | null; alongEdit?: boolean },
): DilemmaEvent {
  const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
  return { type: "dilemma.retagged", subjectId: ref.id, actorId, payload: { authorId: ref.authorId, before: sorted(before), after: sorted(after), ...moderated } };
}

export async function lockDilemmaRow(tx: Prisma.TransactionClient, id: number): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Dilemma" WHERE id = ${id} FOR UPDATE`;
}
