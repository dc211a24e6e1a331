import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import type { Guardian } from "~/guardian/guardian.server";
import { closeAgenda, convertToReport, openAgenda, proposeAgendaItem, removeAgendaItem, setAgendaVote } from "~/meetings/agenda.server";
import { createRaisedDilemma, linkDilemma, unlinkDilemma } from "~/meetings/links.server";
import { MEETINGS_PATH, meetingPath } from "~/meetings/paths";
import { deleteMeeting, publishReport } from "~/meetings/reports.server";
import { LINK_KINDS, LinkDilemmaSchema, ProposeSchema, RaisedDilemmaSchema } from "~/meetings/schemas";
import { Invalid } from "~/platform/errors.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import { spendPostingBudget } from "~/web/posting-limits.server";
import { idOr400 } from "~/web/ids.server";
import type { IntentHandlers } from "~/web/intents.server";

// What the buttons of a meeting's page do (/meetings/:id posts here by `intent`): the agenda's
// proposals and votes, the organisers' tools, the report's links and its question raised.
// Each answer is a redirect back to what it changed; a form with something to fix comes back
// with its messages, marked with the form it belongs to so only that one shows them.

export type MeetingAction = { guardian: Guardian; meetingId: number; formData: FormData };

/** A change without a form to fill in: done, then to `where` on the page. */
const button = (change: (c: MeetingAction) => Promise<unknown>, where: (c: MeetingAction) => string) => async (c: MeetingAction) => {
  await change(c).catch(rethrowAsHttp);
  return redirect(where(c));
};
const here = ({ meetingId }: MeetingAction, anchor = "") => `${meetingPath({ id: meetingId })}${anchor}`;
const dilemmaIdOf = ({ formData }: MeetingAction) => idOr400(formData.get("dilemmaId"));

/** Which of the page's forms the answer belongs to, so only that form shows the messages. */
function withForm<F extends string>(form: F, answer: { data: { result: SubmissionResult<string[]> }; init: ResponseInit | null }) {
  return data({ form, result: answer.data.result }, answer.init ?? undefined);
}

export const meetingIntents = {
  async propose({ guardian, meetingId, formData }: MeetingAction) {
    const submission = parseWithZod(formData, { schema: ProposeSchema });
    if (submission.status !== "success") return withForm("propose", invalidForm(submission));
    try {
      const { dilemmaId } = await proposeAgendaItem(guardian, meetingId, submission.value);
      return redirect(`${meetingPath({ id: meetingId })}#agenda-item-${dilemmaId}`);
    } catch (error) {
      return withForm("propose", formFailure(submission, error));
    }
  },

  async link({ guardian, meetingId, formData }: MeetingAction) {
    const submission = parseWithZod(formData, { schema: LinkDilemmaSchema });
    if (submission.status !== "success") return withForm("link", invalidForm(submission));
    try {
      const { dilemmaId, kind } = await linkDilemma(guardian, meetingId, submission.value);
      return redirect(`${meetingPath({ id: meetingId })}#${kind}-${dilemmaId}`);
    } catch (error) {
      return withForm("link", formFailure(submission, error));
    }
  },

  async raise({ guardian, meetingId, formData }: MeetingAction) {
    const submission = parseWithZod(formData, { schema: RaisedDilemmaSchema });
    if (submission.status !== "success") return withForm("raise", invalidForm(submission));
    try {
      await spendPostingBudget(guardian, "post");
      const dilemma = await createRaisedDilemma(guardian, meetingId, submission.value);
      return redirect(`${meetingPath({ id: meetingId })}#raised-${dilemma.id}`);
    } catch (error) {
      return withForm("raise", formFailure(submission, error));
    }
  },

  async publish({ guardian, meetingId }: MeetingAction) {
    try {
      await publishReport(guardian, meetingId);
      return redirect(meetingPath({ id: meetingId }));
    } catch (error) {
      if (error instanceof Invalid) return data({ form: "publish" as const, errors: error.fieldErrors[""] ?? [] }, { status: 400 });
      return rethrowAsHttp(error);
    }
  },

  async convert({ guardian, meetingId }: MeetingAction) {
    try {
      await convertToReport(guardian, meetingId);
      return redirect(meetingPath({ id: meetingId }));
    } catch (error) {
      if (error instanceof Invalid) return data({ form: "convert" as const, errors: error.fieldErrors[""] ?? [] }, { status: 400 });
      return rethrowAsHttp(error);
    }
  },

  async vote(c: MeetingAction) {
    const dilemmaId = dilemmaIdOf(c);
    await setAgendaVote(c.guardian, c.meetingId, dilemmaId, c.formData.get("vote") !== "off").catch(rethrowAsHttp);
    return redirect(here(c, `#agenda-item-${dilemmaId}`));
  },
  async "remove-item"(c: MeetingAction) {
    await removeAgendaItem(c.guardian, c.meetingId, dilemmaIdOf(c)).catch(rethrowAsHttp);
    return redirect(here(c, "#agenda-heading"));
  },
  async unlink(c: MeetingAction) {
    const dilemmaId = dilemmaIdOf(c);
    const kind = LINK_KINDS.find((k) => k === c.formData.get("kind"));
    if (!kind) throw data(null, { status: 400 });
    await unlinkDilemma(c.guardian, c.meetingId, dilemmaId, kind).catch(rethrowAsHttp);
    return redirect(here(c, "#dilemmas-heading-2"));
  },
  "open-agenda": button(({ guardian, meetingId }) => openAgenda(guardian, meetingId), (c) => here(c)),
  "close-agenda": button(({ guardian, meetingId }) => closeAgenda(guardian, meetingId), (c) => here(c)),
  delete: button(({ guardian, meetingId }) => deleteMeeting(guardian, meetingId), () => MEETINGS_PATH),
} satisfies IntentHandlers<MeetingAction>;
