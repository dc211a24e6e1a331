import type { DilemmaEvent } from "~/dilemmas/events";
import type { MeetingEvent } from "~/meetings/events";
import type { EventDraft, InTransactionSubscriber } from "~/platform/events/event";
import type { ReplyEvent, ReplyEvents } from "~/replies/events";
import { documentWrites, replyDocument, replyText } from "./documents.server";
import { indexDilemma, indexReply, indexReport, removeFromIndex } from "./indexer.server";
import { noteNewWords } from "./vocabulary.server";

// The search index as a subscriber to the domains' events (decision 014), inside the writer's
// transaction: a post is searchable the moment its write commits, and a write that fails leaves
// the index as it was. The domains announce; they do not know that search listens.

type Heard = DilemmaEvent | ReplyEvent | MeetingEvent;

export const searchIndex: InTransactionSubscriber = {
  name: "search-index",

  async react(tx, events) {
    // Each thing once, however many of its events one write recorded.
    const dilemmas = new Set<number>();
    const replies = new Set<number>();
    const reports = new Set<number>();
    const goneReports = new Set<number>();
    for (const event of events as Heard[]) {
      switch (event.type) {
        case "dilemma.created":
        case "dilemma.edited":
        case "dilemma.retagged": // reports that link it are re-indexed by indexDilemma
        case "dilemma.hidden":
        case "dilemma.unhidden":
        case "dilemma.approved": // held until now (decision 037): searchable from here on
          dilemmas.add(event.subjectId);
          break;
        case "dilemma.deleted": // a tombstone keeps its title; a dilemma gone takes its replies' documents along
          dilemmas.add(event.subjectId);
          for (const id of event.payload.meetingIds) reports.add(id);
          break;
        case "reply.created":
        case "reply.edited":
        case "reply.deleted":
        case "reply.hidden":
        case "reply.unhidden":
        case "reply.approved":
          replies.add(event.subjectId);
          break;
        case "reply.marked_answer": // the answer's text joins its dilemma's document
        case "reply.unmarked_answer":
          dilemmas.add(event.payload.dilemmaId);
          break;
        case "meeting.created":
        case "report.drafted":
        case "report.edited":
        case "report.published":
        case "report.dilemma_linked":
        case "report.dilemma_unlinked":
          reports.add(event.subjectId);
          break;
        case "meeting.deleted":
          goneReports.add(event.subjectId);
          break;
        // Locks, agendas, votes and helpful marks change nothing a search shows.
      }
    }
    for (const id of dilemmas) await indexDilemma(tx, id);
    for (const id of replies) await indexReply(tx, id);
    for (const id of reports) if (!goneReports.has(id)) await indexReport(id, tx);
    for (const id of goneReports) await removeFromIndex(tx, "report", id);
  },

  // A new reply is written in one statement (decision 013): its document joins it, built from
  // what the writer has in hand, so posting still makes no extra round trip.
  inStatement(all) {
    // A reply published after the privacy guard's warning carries that record along: it
    // changes nothing a search shows.
    const events = all.filter((e) => e.type !== "privacy.warning_overridden");
    const [event] = events;
    if (events.length !== 1 || event?.type !== "reply.created") {
      throw new Error(`search cannot index ${events.map((e) => e.type).join(", ")} within one statement`);
    }
    const { subjectId, payload, inHand } = event as EventDraft<ReplyEvents, "reply.created">;
    if (!inHand) throw new Error("reply.created in one statement needs the reply in hand");
    const row = {
      ...inHand.thread,
      id: subjectId,
      dilemmaId: payload.dilemmaId,
      bodyHtml: inHand.bodyHtml,
      authorId: payload.authorId,
      // A held reply (decision 037) is hidden until approved: found only by its author and staff.
      hiddenAt: payload.held ? inHand.createdAt : null,
      deletedByAuthorAt: null,
      createdAt: inHand.createdAt,
      // A new reply is no accepted answer yet, so its dilemma's document stays as it is.
      inAnswerDocument: false,
    };
    const doc = replyDocument(row, replyText(row.bodyHtml, row.dilemmaId))!;
    let words: string[] = [];
    return {
      ctes: (onlyIf) => {
        const writes = documentWrites([doc], { addWords: true, onlyIf });
        words = writes.words;
        return writes.ctes;
      },
      afterwards: () => {
        if (words.length > 0) noteNewWords(words);
      },
    };
  },
};
