// Who reacts to the domain's events (decision 014), in one list. Domains record what changed
// (app/platform/events/outbox.server.ts) and never import their subscribers; every entry point
// imports this module once (entry.server.tsx, the scripts, the tests' setup), which installs
// them. A write recorded before that fails loudly instead of leaving the index behind.
//
// Adding a subscriber:
//  - inside the writer's transaction (it must commit or fail with the write; keep it to the
//    database writes the change makes necessary): an InTransactionSubscriber, in IN_TRANSACTION;
//  - after the commit (notifications, mail, the audit trail, live updates: anything that may
//    wait a moment, be retried, or reach outside Postgres): afterCommitSubscriber(name,
//    { "reply.created": async (tx, event) => … }) from ~/platform/events/event, in AFTER_COMMIT.
//    The relay (server/http.ts starts it in every server process; one relays at a time) hands
//    it every event from its registration on, at least once and in order.
import type { AfterCommitSubscriber, InTransactionSubscriber } from "~/platform/events/event";
import { auditTrail } from "~/moderation/audit-trail.server";
import { moderationReactions } from "~/moderation/reactions.server";
import { installSubscribers } from "~/platform/events/outbox.server";
import { notificationsSubscriber } from "~/notifications/subscriber.server";
import { searchIndex } from "~/search/subscriber.server";
import { liveThread } from "~/replies/live.server";
import { attachmentCleanup } from "~/attachments/subscriber.server";

export const IN_TRANSACTION: readonly InTransactionSubscriber[] = [searchIndex];

export const AFTER_COMMIT: readonly AfterCommitSubscriber[] = [notificationsSubscriber, auditTrail, moderationReactions, liveThread, attachmentCleanup];

installSubscribers({ inTransaction: IN_TRANSACTION, afterCommit: AFTER_COMMIT });
