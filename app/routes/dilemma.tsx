import { parseWithZod } from "@conform-to/zod/v4";
import { randomUUID } from "node:crypto";
import { Trans } from "react-i18next";
import { useTranslation } from "~/components/use-translation";
import {
  data,
  Form,
  isRouteErrorResponse,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useSearchParams,
  type ShouldRevalidateFunctionArgs,
} from "react-router";
import { AuthorName } from "~/components/AuthorName";
import { CompetenceTags } from "~/components/CompetenceTags";
import { ErrorPage } from "~/components/ErrorPage";
import { FieldErrors } from "~/components/FormFields";
import { formatDate, isoDate } from "~/components/format";
import { Pagination } from "~/components/Pagination";
import { ReplyForm, REPLY_FORM_ID } from "~/components/thread/ReplyForm";
import { ReplyItem, type ReplyItemOptions } from "~/components/thread/ReplyItem";
import { ThreadList } from "~/components/thread/ThreadList";
import { loadDilemmaPage } from "~/replies/dilemma-page.server";
import { hideDilemma, lockDilemma, unhideDilemma, unlockDilemma } from "~/dilemmas/moderation.server";
import { meetingPath } from "~/meetings/paths";
import { dilemmaPath, dilemmaRevisionsPath, editDilemmaPath } from "~/dilemmas/paths";
import { DILEMMA_LIMITS } from "~/dilemmas/schemas";
import { Forbidden, Invalid } from "~/platform/errors.server";
import { renderMarkdown } from "~/platform/markdown.server";
import { replyPermalink, threadPagePath } from "~/replies/paths";
import {
  createReply,
  deleteReply,
  hideReply,
  locateCreatedReply,
  locateReply,
  markAnswer,
  setHelpful,
  unhideReply,
  unmarkAnswer,
} from "~/replies/replies.server";
import { REPLY_BODY_MAX, ReplySchema } from "~/replies/schemas";
import type { ThreadReply } from "~/replies/thread.server";
import { THREAD_PAGE_SIZE } from "~/replies/thread.server";
import type { ThreadNode } from "~/replies/thread-layout";
import { guardianOf, sharedReadsOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import type { Route } from "./+types/dilemma";

// /dilemmas/:id/:slug — the question, the meetings it came up at, the accepted answer on top
// and the thread of replies, paged. Every button posts here with an `intent`; each answer is
// a redirect back to the reply it concerns (#reply-<id>), so the page works without
// JavaScript and a reload never posts twice.

const notFound = () => data(null, { status: 404 });

function positiveInt(value: string | null | undefined): number | null {
  if (value == null || !/^[1-9]\d{0,9}$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  const id = positiveInt(params.id);
  const url = new URL(request.url);
  const page = url.searchParams.has("page") ? positiveInt(url.searchParams.get("page")) : 1;
  if (id === null || page === null) throw notFound();
  const pageData = await loadDilemmaPage(guardian, id, page, sharedReadsOf(context)).catch(rethrowAsHttp);
  const canonical = dilemmaPath(pageData.dilemma);
  // The slug follows the title; an old or missing one redirects (302: titles can change back).
  if (url.pathname !== canonical) throw redirect(canonical + url.search);
  return { ...pageData, signedIn: guardian.isMember, submissionId: randomUUID() };
}

// Opening or closing the inline reply form only changes ?replyTo: the data stay the same.
export function shouldRevalidate({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (formMethod || currentUrl.pathname !== nextUrl.pathname) return defaultShouldRevalidate;
  const strip = (u: URL) => {
    const params = new URLSearchParams(u.search);
    params.delete("replyTo");
    return params.toString();
  };
  return strip(currentUrl) === strip(nextUrl) ? false : defaultShouldRevalidate;
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  const dilemmaId = positiveInt(params.id);
  if (dilemmaId === null) throw notFound();
  const url = new URL(request.url);
  if (!guardian.isMember) throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "reply" || intent === "preview") return replyAction(guardian, dilemmaId, formData, intent);

  // Moderation of the dilemma itself: back to the page as it was.
  const back = () => redirect(url.pathname + url.search);
  switch (intent) {
    case "lock":
      await lockDilemma(guardian, dilemmaId).catch(rethrowAsHttp);
      return back();
    case "unlock":
      await unlockDilemma(guardian, dilemmaId).catch(rethrowAsHttp);
      return back();
    case "unhide-dilemma":
      await unhideDilemma(guardian, dilemmaId).catch(rethrowAsHttp);
      return back();
    case "hide-dilemma": {
      const reason = String(formData.get("reason") ?? "");
      try {
        await hideDilemma(guardian, dilemmaId, reason);
      } catch (error) {
        if (error instanceof Invalid) {
          return data({ hideDilemmaError: { reason, errors: error.fieldErrors.reason ?? [] } }, { status: 400 });
        }
        rethrowAsHttp(error);
      }
      return back();
    }
  }

  // Everything else acts on one reply, then shows that reply where it sits in the thread.
  const replyId = positiveInt(String(formData.get("replyId") ?? ""));
  if (replyId === null) throw data(null, { status: 400 });
  try {
    switch (intent) {
      case "helpful":
        await setHelpful(guardian, replyId, formData.get("helpful") === "on");
        break;
      case "mark-answer":
        await markAnswer(guardian, replyId);
        break;
      case "unmark-answer":
        await unmarkAnswer(guardian, dilemmaId);
        break;
      case "delete":
        await deleteReply(guardian, replyId);
        break;
      case "unhide":
        await unhideReply(guardian, replyId);
        break;
      case "hide": {
        const reason = String(formData.get("reason") ?? "");
        try {
          await hideReply(guardian, replyId, reason);
        } catch (error) {
          if (!(error instanceof Invalid)) throw error;
          return data({ hideError: { replyId, reason, errors: error.fieldErrors.reason ?? [] } }, { status: 400 });
        }
        break;
      }
      default:
        throw data(null, { status: 400 });
    }
    const at = await locateReply(guardian, replyId, THREAD_PAGE_SIZE);
    return redirect(threadPagePath(at.dilemma, at.page, replyId));
  } catch (error) {
    return rethrowAsHttp(error);
  }
}

async function replyAction(
  guardian: ReturnType<typeof guardianOf>,
  dilemmaId: number,
  formData: FormData,
  intent: "reply" | "preview",
) {
  const submission = parseWithZod(formData, { schema: ReplySchema });
  if (intent === "preview") {
    // Without JavaScript this is the preview: the same page, the text kept, rendered below it.
    const body = String(submission.payload.body ?? "");
    const preview = body.length <= REPLY_BODY_MAX * 2 ? renderMarkdown(body) : null;
    return { result: submission.reply(), preview };
  }
  if (submission.status !== "success") return invalidForm(submission);
  try {
    const reply = await createReply(guardian, dilemmaId, submission.value);
    const at = await locateCreatedReply(guardian, reply, THREAD_PAGE_SIZE);
    return redirect(threadPagePath(at.dilemma, at.page, reply.id));
  } catch (error) {
    // Locked or hidden meanwhile, or the reply answered is gone: say so, and hand the text
    // back so nothing typed is lost.
    if (error instanceof Forbidden) {
      return data({ refused: { body: submission.value.body } }, { status: 403 });
    }
    return formFailure(submission, error);
  }
}

function findReply(nodes: ThreadNode<ThreadReply>[], id: number): ThreadReply | null {
  for (const node of nodes) {
    if (node.reply.id === id) return node.reply;
    const inChildren = findReply(node.children, id);
    if (inChildren) return inChildren;
  }
  return null;
}

export default function DilemmaPage() {
  const { t, i18n } = useTranslation();
  const { dilemma, competences, meetings, answer, thread, can, viewerIsAsker, signedIn, submissionId } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const lang = i18n.language;

  const pageHref = (page: number) => threadPagePath(dilemma, page);
  const withReplyTo = (replyId: number) => {
    const params = new URLSearchParams(searchParams);
    params.set("replyTo", String(replyId));
    return `?${params.toString()}#${REPLY_FORM_ID}`;
  };
  const withoutReplyTo = () => {
    const params = new URLSearchParams(searchParams);
    params.delete("replyTo");
    const query = params.toString();
    return `${dilemmaPath(dilemma)}${query ? `?${query}` : ""}#${REPLY_FORM_ID}`;
  };

  const requestedParent = Number(searchParams.get("replyTo")) || null;
  const parent = requestedParent ? findReply(thread.nodes, requestedParent) : null;
  const replyParent = parent?.can.reply && parent.content ? parent : null;

  const result = actionData && "result" in actionData ? actionData.result : undefined;
  const preview = actionData && "preview" in actionData ? actionData.preview : null;
  const refused = actionData && "refused" in actionData ? actionData.refused : null;
  const hideError = actionData && "hideError" in actionData ? actionData.hideError : null;
  const hideDilemmaError = actionData && "hideDilemmaError" in actionData ? actionData.hideDilemmaError : null;

  const options: ReplyItemOptions = { viewerIsAsker, hideError, replyHref: withReplyTo };
  const authorName = (r: ThreadReply) => r.content?.author?.displayName ?? t("member.former");

  const replyForm = (to: ThreadReply | null) => (
    <ReplyForm
      key={to?.id ?? "dilemma"}
      parent={to ? { id: to.id, authorName: authorName(to) } : null}
      submissionId={submissionId}
      lastResult={result}
      serverPreview={preview}
      cancelHref={to ? withoutReplyTo() : undefined}
      headingLevel={to ? 3 : 2}
    />
  );

  return (
    <div className="page narrow dilemma-page">
      <title>{`${dilemma.title} · ${t("app.name")}`}</title>
      <p className="eyebrow">
        <Link to="/dilemmas">{t("nav.dilemmas")}</Link>
      </p>
      <h1>{dilemma.title}</h1>

      {dilemma.hiddenAt ? (
        <div className="alert alert--error" role="note">
          <p>
            <strong>
              {dilemma.hiddenReason
                ? t("replies.page.hidden", { reason: dilemma.hiddenReason })
                : t("replies.page.hiddenNoReason")}
            </strong>
          </p>
          <p>{t("replies.page.hiddenWho")}</p>
        </div>
      ) : null}
      {dilemma.lockedAt ? (
        <p className="alert alert--info" role="note">
          {t("replies.page.locked")}
        </p>
      ) : null}

      <p className="meta">
        <span className={`status status--${dilemma.status}`}>
          <span className="visually-hidden">{t("replies.page.statusLabel")} </span>
          {t(`replies.page.status.${dilemma.status}`)}
        </span>{" "}
        · {t("replies.page.askedBy")} <AuthorName author={dilemma.author} />{" "}
        <time dateTime={isoDate(dilemma.createdAt)}>
          {t("replies.page.askedOn", { date: formatDate(dilemma.createdAt, lang) })}
        </time>
        {dilemma.edited ? (
          <>
            {" "}
            · <Link to={dilemmaRevisionsPath(dilemma)}>{t("replies.page.edited")}</Link>
          </>
        ) : null}{" "}
        · {t("replies.page.replyCount", { count: dilemma.replyCount })}
      </p>
      <CompetenceTags competences={competences} label={t("replies.page.competences")} />

      <div className="prose dilemma-page__body" dangerouslySetInnerHTML={{ __html: dilemma.bodyHtml }} />
      {can.edit ? (
        <p>
          <Link to={editDilemmaPath(dilemma)} className="button button--secondary">
            {t("replies.page.editDilemma")}
          </Link>
        </p>
      ) : null}

      {meetings.length ? (
        <section aria-labelledby="meetings-heading">
          <h2 id="meetings-heading">{t("replies.page.meetings")}</h2>
          <ul className="meeting-links">
            {meetings.map((m) => (
              <li key={`${m.id}-${m.kind}`}>
                <Trans
                  i18nKey={`replies.page.meetingKind.${m.kind}`}
                  values={{ title: m.title, date: formatDate(m.heldOn, lang) }}
                  components={{ meetingLink: <Link to={meetingPath(m)} /> }}
                />
                {m.status !== "published" ? <> {t("replies.page.meetingDraft")}</> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {can.lock || can.hide ? (
        <section aria-labelledby="moderation-heading" className="moderation">
          <h2 id="moderation-heading">{t("replies.page.moderation")}</h2>
          <div className="reply-form__buttons">
            {can.lock ? (
              <Form method="post" className="inline-form">
                <button
                  type="submit"
                  name="intent"
                  value={dilemma.lockedAt ? "unlock" : "lock"}
                  className="button button--secondary"
                >
                  {dilemma.lockedAt ? t("replies.page.unlock") : t("replies.page.lock")}
                </button>
              </Form>
            ) : null}
            {can.hide && dilemma.hiddenAt ? (
              <Form method="post" className="inline-form">
                <button type="submit" name="intent" value="unhide-dilemma" className="button button--secondary">
                  {t("replies.page.unhideDilemma")}
                </button>
              </Form>
            ) : null}
          </div>
          {can.hide && !dilemma.hiddenAt ? (
            <details className="confirm" open={hideDilemmaError !== null}>
              <summary>{t("replies.page.hideDilemma")}</summary>
              <Form method="post" className="confirm__body field">
                <label htmlFor="hide-dilemma-reason">{t("replies.page.hideDilemmaReason")}</label>
                <textarea
                  id="hide-dilemma-reason"
                  name="reason"
                  rows={2}
                  required
                  maxLength={DILEMMA_LIMITS.hideReasonMax}
                  defaultValue={hideDilemmaError?.reason}
                  aria-invalid={hideDilemmaError ? true : undefined}
                  aria-describedby={hideDilemmaError ? "hide-dilemma-reason-error" : undefined}
                />
                <FieldErrors id="hide-dilemma-reason-error" errors={hideDilemmaError?.errors} />
                <button type="submit" name="intent" value="hide-dilemma" className="button button--danger">
                  {t("replies.page.hideDilemma")}
                </button>
              </Form>
            </details>
          ) : null}
        </section>
      ) : null}

      {answer ? (
        <section aria-labelledby="answer-heading" className="accepted-answer">
          <h2 id="answer-heading">
            <span aria-hidden="true">✓ </span>
            {t("replies.page.answer")}
          </h2>
          <ReplyItem reply={answer} inReplyTo={null} options={options} anchored={false} />
          <p>
            <Link to={replyPermalink(answer.id)}>{t("replies.page.answerInThread")}</Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="replies-heading">
        <h2 id="replies-heading">
          {t("replies.page.replies")}{" "}
          <span className="heading-count">({dilemma.replyCount})</span>
        </h2>
        {thread.total === 0 ? <p>{t("replies.page.noReplies")}</p> : null}
        <ThreadPager page={thread.page} pageCount={thread.pageCount} hrefFor={pageHref} position="top" />
        {thread.nodes.length ? (
          <ThreadList
            nodes={thread.nodes}
            options={options}
            after={(id) => (replyParent?.id === id ? replyForm(replyParent) : null)}
          />
        ) : null}
        <ThreadPager page={thread.page} pageCount={thread.pageCount} hrefFor={pageHref} position="bottom" />
      </section>

      {refused ? (
        <section aria-labelledby="refused-heading" className="refused">
          <h2 id="refused-heading">{t("replies.form.heading")}</h2>
          <p className="alert alert--error" role="alert">
            {t("replies.form.refused")}
          </p>
          <div className="field">
            <label htmlFor="refused-text">{t("replies.form.refusedText")}</label>
            <textarea id="refused-text" readOnly rows={6} defaultValue={refused.body} />
          </div>
        </section>
      ) : can.reply && !replyParent ? (
        <section className="reply-form-section">{replyForm(null)}</section>
      ) : can.reply ? null : !signedIn ? (
        <p className="reply-login">
          <Trans
            i18nKey="replies.page.loginToReply"
            components={{
              loginLink: <Link to={`/login?redirectTo=${encodeURIComponent(dilemmaPath(dilemma))}`} />,
              signupLink: <Link to="/signup" />,
            }}
          />
        </p>
      ) : null}
    </div>
  );
}

function ThreadPager({
  page,
  pageCount,
  hrefFor,
  position,
}: {
  page: number;
  pageCount: number;
  hrefFor: (p: number) => string;
  position: "top" | "bottom";
}) {
  const { t } = useTranslation();
  return (
    <Pagination
      page={page}
      pageCount={pageCount}
      hrefFor={hrefFor}
      labels={{
        // Two navigation landmarks on one page need two names.
        nav: t(position === "top" ? "replies.page.pagination.nav" : "replies.page.pagination.navBottom"),
        previous: t("replies.page.pagination.previous"),
        next: t("replies.page.pagination.next"),
        current: t("replies.page.pagination.current", { page, count: pageCount }),
      }}
    />
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
