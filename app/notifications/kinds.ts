// What members are told about, and how each kind reaches them by mail. Plain module: the
// settings page, the inbox and the mail jobs share it.

export const NOTIFICATION_KINDS = [
  "reply",
  "mention",
  "answer",
  "helpful",
  "new_dilemma",
  "meeting_planned",
  "meeting_agenda",
  "meeting_changed",
  "meeting_cancelled",
  "report_published",
  "dilemma_linked",
  "join_request",
  // Moderation's decisions, to the member they concern (decision 027). In the forum only: the
  // moderation domain mails them itself (tell-author.server.ts), whatever the settings say.
  "post_hidden",
  "post_restored",
  "thread_locked",
  "thread_unlocked",
  "post_edited", // decision 033: an organiser changed the member's words or tags, with a reason
  "post_retagged",
  "member_warned",
  "member_suspended",
  "suspension_lifted",
  "post_approved", // decision 037: a new member's post that waited is published
  "post_rejected",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The groups a member chooses a delivery for (one row of the settings page each). */
export const MAIL_GROUPS = ["replies", "mentions", "answers", "newDilemmas", "meetings", "digest"] as const;
export type MailGroup = (typeof MAIL_GROUPS)[number];

export const DELIVERIES = ["instant", "daily", "weekly", "off"] as const;
export type Delivery = (typeof DELIVERIES)[number];

/** A new member's choices: what is about them at once, the circle's news in the digest. */
export const DEFAULT_DELIVERY: Record<MailGroup, Delivery> = {
  replies: "instant",
  mentions: "instant",
  answers: "instant",
  newDilemmas: "daily",
  meetings: "instant",
  digest: "weekly",
};

/**
 * The group whose delivery a kind follows; null: in the forum only. A join request is mailed
 * to organisers by the accounts domain already (decision 016), so its bell is enough here.
 */
export function groupOf(kind: string): Exclude<MailGroup, "digest"> | null {
  switch (kind) {
    case "reply":
      return "replies";
    case "mention":
      return "mentions";
    case "answer":
    case "helpful":
      return "answers";
    case "new_dilemma":
      return "newDilemmas";
    case "meeting_planned":
    case "meeting_agenda":
    case "meeting_changed":
    case "meeting_cancelled":
    case "report_published":
    case "dilemma_linked":
      return "meetings";
    default:
      return null;
  }
}

export const WATCH_TARGETS = ["dilemma", "competence", "meeting"] as const;
export type WatchTarget = (typeof WATCH_TARGETS)[number];
export type WatchLevel = "watching" | "muted";

/** Moderation's news about a membership: no post, it leads to the member's standing page. */
export const MEMBER_KINDS: ReadonlySet<string> = new Set(["member_warned", "member_suspended", "suspension_lifted"]);
const DECISION_KINDS: ReadonlySet<string> = new Set(["post_hidden", "post_restored", "thread_locked", "thread_unlocked", "post_edited", "post_retagged", "post_approved", "post_rejected", ...MEMBER_KINDS]);

/**
 * Kinds addressed to one member about themselves: they reach them even in a thread they muted
 * (a mention by name; an organiser's decision about their post or membership).
 */
export function isAddressed(kind: string): boolean {
  return kind === "mention" || kind === "join_request" || DECISION_KINDS.has(kind);
}
