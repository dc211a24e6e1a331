import { childPath, depthOf } from "~/replies/thread-path";
import { reindexAll } from "~/search/reindex.server";
import { db } from "~/platform/db.server";
import { renderMarkdown } from "~/platform/markdown.server";
import { amsterdamToday, amsterdamToUtc, toDateInput } from "~/meetings/dates";
import { competences, dilemmas, meeting, members, upcomingMeeting, type DemoReply } from "./demo-content";

/**
 * Fills an empty database with the demo circle. Returns false (and does nothing) when any
 * member exists already, so a real circle's data is never touched. `onSeeding` is told once it
 * is decided to seed (the server says so while it runs).
 */
export async function seedDemoIfEmpty(onSeeding?: () => void): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  onSeeding?.();
  await db.$transaction(
    async (tx) => {
      const heldOn = new Date(`${meeting.heldOn}T00:00:00Z`);
      const at = (minutes: number) => new Date(Date.UTC(2009, 6, 2, 14, minutes));

      const memberIds = new Map<string, number>();
      for (const m of members) {
        const user = await tx.user.create({
          data: {
            handle: m.key,
            displayName: m.displayName,
            organisation: m.organisation,
            role: m.role,
            createdAt: heldOn,
          },
        });
        memberIds.set(m.key, user.id);
      }
      const idOf = (key: string) => {
        const id = memberIds.get(key);
        if (id === undefined) throw new Error(`demo content names an unknown member: ${key}`);
        return id;
      };

      const competenceIds = new Map<string, number>();
      for (const c of competences) {
        const row = await tx.competence.create({
          data: { ...c, descriptionHtml: renderMarkdown(c.descriptionMd), createdAt: heldOn },
        });
        competenceIds.set(c.slug, row.id);
      }
      for (const m of members) {
        await tx.userExpertise.createMany({
          data: m.expertise.map((slug) => {
            const competenceId = competenceIds.get(slug);
            if (competenceId === undefined) throw new Error(`demo member ${m.key} names an unknown competence: ${slug}`);
            return { userId: idOf(m.key), competenceId };
          }),
        });
      }

      const report = await tx.meeting.create({
        data: {
          title: meeting.title,
          heldOn,
          hostOrganisation: meeting.hostOrganisation,
          status: "published",
          summaryMd: meeting.summaryMd,
          summaryHtml: renderMarkdown(meeting.summaryMd),
          takeaways: meeting.takeaways,
          contributors: meeting.contributors,
          publishedAt: heldOn,
          createdAt: heldOn,
          updatedAt: heldOn,
        },
      });

      let minute = 0;
      const dilemmaIds = new Map<string, number>();
      for (const d of dilemmas) {
        const created = at(minute++);
        const dilemma = await tx.dilemma.create({
          data: {
            title: d.title,
            bodyMd: d.body,
            bodyHtml: renderMarkdown(d.body),
            authorId: idOf(d.author),
            createdAt: created,
            updatedAt: created,
            lastActivityAt: created,
            competences: { create: d.competences.map((slug) => ({ competenceId: competenceIds.get(slug)! })) },
          },
        });
        dilemmaIds.set(d.title, dilemma.id);
        await tx.meetingDilemma.create({ data: { meetingId: report.id, dilemmaId: dilemma.id, kind: "raised" } });

        let replyCount = 0;
        let accepted: number | null = null;
        let last = created;
        const addReplies = async (replies: DemoReply[], parent: { id: number; path: string } | null) => {
          let sequence = 0;
          for (const r of replies) {
            const path = childPath(parent?.path ?? null, ++sequence);
            last = at(minute++);
            const reply = await tx.reply.create({
              data: {
                dilemmaId: dilemma.id,
                parentId: parent?.id ?? null,
                authorId: idOf(r.author),
                bodyMd: r.body,
                bodyHtml: renderMarkdown(r.body),
                path,
                depth: depthOf(path),
                createdAt: last,
                updatedAt: last,
              },
            });
            replyCount++;
            if (r.accepted) accepted = reply.id;
            await addReplies(r.replies ?? [], { id: reply.id, path });
          }
        };
        await addReplies(d.replies, null);
        await tx.dilemma.update({
          where: { id: dilemma.id },
          data: {
            replyCount,
            lastActivityAt: last,
            ...(accepted ? { acceptedReplyId: accepted, status: "answered" as const } : {}),
          },
        });
      }

      // The next meeting, a few weeks from the day of seeding, its agenda open and voted on.
      const day = toDateInput(new Date(amsterdamToday().getTime() + upcomingMeeting.weeksAhead * 7 * 86_400_000));
      const next = await tx.meeting.create({
        data: {
          title: upcomingMeeting.title,
          heldOn: new Date(`${day}T00:00:00Z`),
          startsAt: amsterdamToUtc(day, upcomingMeeting.startTime),
          endsAt: amsterdamToUtc(day, upcomingMeeting.endTime),
          place: upcomingMeeting.place,
          hostOrganisation: upcomingMeeting.hostOrganisation,
          status: "upcoming",
          agendaOpenedAt: new Date(),
        },
      });
      for (const item of upcomingMeeting.agenda) {
        const dilemmaId = dilemmaIds.get(item.dilemma);
        if (dilemmaId === undefined) throw new Error(`demo agenda names an unknown dilemma: ${item.dilemma}`);
        await tx.meetingDilemma.create({
          data: { meetingId: next.id, dilemmaId, kind: "agenda", proposedById: idOf(item.proposedBy), votes: item.votes.length },
        });
        await tx.meetingVote.createMany({
          data: item.votes.map((key) => ({ meetingId: next.id, dilemmaId, userId: idOf(key) })),
        });
      }
    },
    { timeout: 30_000 },
  );
  await reindexAll(); // the demo content is searchable at once
  return true;
}
