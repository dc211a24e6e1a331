import { useTranslation } from "~/components/use-translation";
import { Form } from "react-router";
import { AuthorName } from "~/components/AuthorName";
import type { AgendaItem } from "~/meetings/pages.server";
import { LinkedDilemmaItem } from "./LinkedDilemmaItem";

// The agenda, most votes first (a numbered list: the number is the rank). Each item: the
// dilemma with its competences and replies, its votes in words, who proposed it, and the
// member's vote as a plain form that says what it wants ("on" or "off"), so a double click or
// a resent form never counts twice.
export function AgendaList({
  items,
  origin,
  canVote,
  canRemove,
}: {
  items: AgendaItem[];
  origin: string;
  canVote: boolean;
  canRemove: boolean;
}) {
  const { t } = useTranslation();
  return (
    <ol className="agenda">
      {items.map((item) => (
        <LinkedDilemmaItem
          key={item.dilemma.id}
          dilemma={item.dilemma}
          origin={origin}
          headingLevel={3}
          before={
            <p className="agenda__votes" id={`agenda-item-${item.dilemma.id}`}>
              <strong>{t("meetings.agenda.votes", { count: item.votes })}</strong>
            </p>
          }
        >
          <p className="meta">
            {t("meetings.agenda.proposedBy")} <AuthorName author={item.proposedBy} />
          </p>
          {canVote || canRemove ? (
            <div className="button-row agenda__actions">
              {canVote ? (
                <Form method="post" className="inline-form" preventScrollReset>
                  <input type="hidden" name="dilemmaId" value={item.dilemma.id} />
                  <input type="hidden" name="vote" value={item.votedByViewer ? "off" : "on"} />
                  {item.votedByViewer ? <span className="agenda__voted">{t("meetings.agenda.youVoted")} </span> : null}
                  <button
                    type="submit"
                    name="intent"
                    value="vote"
                    className={item.votedByViewer ? "button button--secondary button--small" : "button button--small"}
                  >
                    {item.votedByViewer ? t("meetings.agenda.unvote") : t("meetings.agenda.vote")}
                    <span className="visually-hidden"> {t("meetings.agenda.voteFor", { title: item.dilemma.title })}</span>
                  </button>
                </Form>
              ) : null}
              {canRemove ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="dilemmaId" value={item.dilemma.id} />
                  <button type="submit" name="intent" value="remove-item" className="link-button">
                    {t("meetings.agenda.remove")}
                    <span className="visually-hidden"> – {item.dilemma.title}</span>
                  </button>
                </Form>
              ) : null}
            </div>
          ) : null}
        </LinkedDilemmaItem>
      ))}
    </ol>
  );
}
