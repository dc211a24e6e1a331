import { RelativeTime } from "~/components/RelativeTime";
import { randomUUID } from "node:crypto";
import { Trans } from "react-i18next";
import { useTranslation } from "~/components/use-translation";
import {
  isRouteErrorResponse,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useLocation,
  useSearchParams,
  type ShouldRevalidateFunctionArgs,
} from "react-router";
import { AuthorName } from "~/components/AuthorName";
import { AttachmentList } from "~/components/attachments/AttachmentList";
import { attachmentsForThread } from "~/attachments/attachments.server";
import { CompetenceTags } from "~/components/CompetenceTags";
import { DilemmaMeetings } from "~/components/dilemmas/DilemmaMeetings";
import { DilemmaDelete } from "~/components/dilemmas/DilemmaDelete";
import { DilemmaModeration } from "~/components/dilemmas/DilemmaModeration";
import { deletionKeepsThread } from "~/dilemmas/delete.server";
import { ErrorPage } from "~/components/ErrorPage";
import { statusOf } from "~/components/status-message";
import { ReplyForm, REPLY_FORM_ID } from "~/components/thread/ReplyForm";
import { ReplyItem, type ReplyItemOptions } from "~/components/thread/ReplyItem";
import { ReplyRefused } from "~/components/thread/ReplyRefused";
import { ThreadList } from "~/components/thread/ThreadList";
import { ThreadPager } from "~/components/thread/ThreadPager";
import { dilemmaPath, dilemmaRevisionsPath, editDilemmaPath } from "~/dilemmas/paths";
import { flagPath } from "~/moderation/paths";
import { parseId } from "~/platform/ids";
import { loadDilemmaPage } from "~/replies/dilemma-page.server";
import { replyPermalink, threadPagePath } from "~/replies/paths";
import type { ThreadReply } from "~/replies/thread.server";
import type { ThreadNode } from "~/replies/thread-layout";
import { guardianOf, sharedReadsOf, viewerInfo } from "~/web/context.server";
import type { Guardian } from "~/guardian/guardian.server";
import { NotFound } from "~/platform/errors.server";
import { createI18n, type Locale } from "~/platform/i18n";
import { quoteMarkdown } from "~/replies/quote";
import { getReplyQuote } from "~/replies/quote.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { idOr404 } from "~/web/ids.server";
import { handleIntent } from "~/web/intents.server";
import { dilemmaIntents } from "./dilemma.intents.server";
import { WatchBox } from "~/components/notifications/WatchBox";
import { openDilemma } from "~/notifications/visits.server";
import { latestReplyId } from "~/replies/live.server";
import { LiveThreadNews } from "~/components/thread/LiveThreadNews";
import { useLiveThread } from "~/components/thread/use-live-thread";
import { withLiveReplies } from "~/components/thread/live-thread";
import { HeldNote } from "~/components/moderation/HeldNote";
import { wantsPublishAnyway } from "~/web/privacy-guard.server";
import { readPostForm } from "~/web/attachment-form.server";
import type { Route } from "./+types/dilemma";

// /dilemmas/:id/:slug — the question, the meetings it came up at, the accepted answer on top
// and the thread of replies, paged. Every button posts here with an `intent`, handled in
// dilemma.intents.server.ts; each answer is a redirect back to the reply it concerns
// (#reply-<id>), so the page works without JavaScript and a reload never posts twice.

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  const id = idOr404(params.id);
  const url = new URL(request.url);
  const page = url.searchParams.has("page") ? idOr404(url.searchParams.get("page")) : 1; // a page number reads as an id does
  const reads = sharedReadsOf(context);
  const pageData = await loadDilemmaPage(guardian, id, page, reads).catch(rethrowAsHttp);
  const canonical = dilemmaPath(pageData.dilemma);
  // The slug follows the title; an old or missing one redirects (302: titles can change back).
  if (url.pathname !== canonical) throw redirect(canonical + url.search);
  // The member's own: when they were here last (and now), whether they follow it.
  const [opened, latestReply, keepsThread] = await Promise.all([
    guardian.canFollow() ? openDilemma(guardian, id) : null,
    latestReplyId(id, reads), // where the live thread's stream starts (decision 029)
    pageData.can.delete ? deletionKeepsThread(guardian, id) : false,
  ]);
  const quote = pageData.can.reply ? await quoteFor(guardian, url.searchParams.get("quote"), viewerInfo(context).locale) : null;
  // Files of what the page shows: the page data applied the Guardian to each post's text.
  const readable = [...readableReplyIds(pageData.thread.nodes), ...(pageData.answer?.content ? [pageData.answer.id] : [])];
  const attachments = await attachmentsForThread(pageData.dilemma.deletedByAuthorAt ? null : id, readable, reads);
  const { newSince, watch } = opened ?? { newSince: null, watch: null };
  return { ...pageData, attachments, latestReply, signedIn: guardian.isMember, submissionId: randomUUID(), newSince, watch, keepsThread, quote };
}

/** "Citeer" without JavaScript (?quote=<reply id>): the quote, ready in the form; null when it cannot be. */
async function quoteFor(guardian: Guardian, raw: string | null, locale: Locale): Promise<string | null> {
  const replyId = parseId(raw);
  if (!replyId) return null;
  const quote = await getReplyQuote(guardian, replyId).catch((error: unknown) => {
    if (error instanceof NotFound) return null; // gone meanwhile, or not theirs to quote: an empty form
    throw error;
  });
  const { t } = createI18n(locale);
  return quote && quoteMarkdown(quote, t("forum.quote.wrote", { name: quote.authorName ?? t("member.former") }));
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
  const dilemmaId = idOr404(params.id);
  const url = new URL(request.url);
  if (!guardian.isMember) throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  // The reply form is multipart (it may carry a photo or a PDF, decision 050); the buttons post plain forms.
  const { formData, file, tooLarge } = await readPostForm(request);
  // A file past the limit stops the reading before the button's field (it comes after the
  // file): only the reply form has a file, so that is the form it came from.
  const intent = tooLarge ? "reply" : formData.get("intent");
  return handleIntent(dilemmaIntents, intent, {
    guardian,
    dilemmaId,
    formData,
    file,
    tooLarge,
    back: url.pathname + url.search,
    anyway: wantsPublishAnyway(request),
  });
}

function readableReplyIds(nodes: ThreadNode<ThreadReply>[]): number[] {
  return nodes.flatMap((node) => [...(node.reply.content ? [node.reply.id] : []), ...readableReplyIds(node.children)]);
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
  const { t } = useTranslation();
  const { dilemma, competences, meetings, answer, thread, can, viewerIsAsker, signedIn, submissionId, newSince, watch, latestReply, keepsThread, quote, attachments } =
    useLoaderData<typeof loader>();
  const live = useLiveThread(dilemma.id, latestReply);
  const shown = withLiveReplies(thread.nodes, live.replies, thread.page === thread.pageCount);
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();

  const pageHref = (page: number) => threadPagePath(dilemma, page);
  const withReplyTo = (replyId: number) => {
    const params = new URLSearchParams(searchParams);
    params.set("replyTo", String(replyId));
    return `?${params.toString()}#${REPLY_FORM_ID}`;
  };
  const withQuote = (replyId: number) => {
    const params = new URLSearchParams(searchParams);
    params.set("quote", String(replyId));
    return `?${params.toString()}#${REPLY_FORM_ID}`;
  };
  const withoutReplyTo = () => {
    const params = new URLSearchParams(searchParams);
    params.delete("replyTo");
    const query = params.toString();
    return `${dilemmaPath(dilemma)}${query ? `?${query}` : ""}#${REPLY_FORM_ID}`;
  };

  // The reply this page says was just posted (`?notice=replied#reply-N`): the draft of the form
  // it came from is done, even when it was sent before this page's scripts ran.
  const location = useLocation();
  const postedId = statusOf(location.search) === "replied" ? parseId(location.hash.replace(/^#reply-/, "")) : null;
  const postedReply = postedId ? findReply(shown.nodes, postedId) : null;

  const requestedParent = parseId(searchParams.get("replyTo"));
  const parent = requestedParent ? findReply(thread.nodes, requestedParent) : null;
  const replyParent = parent?.can.reply && parent.content ? parent : null;

  const result = actionData && "result" in actionData ? actionData.result : undefined;
  const preview = actionData && "preview" in actionData ? actionData.preview : null;
  const refused = actionData && "refused" in actionData ? actionData.refused : null;
  const privacy = actionData && "privacy" in actionData ? actionData.privacy : null;
  const fileSent = actionData && "fileSent" in actionData ? actionData.fileSent : false;
  const hideError = actionData && "hideError" in actionData ? actionData.hideError : null;
  const hideDilemmaError = actionData && "hideDilemmaError" in actionData ? actionData.hideDilemmaError : null;

  const options: ReplyItemOptions = { viewerIsAsker, hideError, replyHref: withReplyTo, quoteHref: withQuote, newSince, attachments: { ...attachments.replies, ...live.attachments } };
  const authorName = (r: ThreadReply) => r.content?.author?.displayName ?? t("member.former");

  const replyForm = (to: ThreadReply | null) => (
    <ReplyForm
      key={`${to?.id ?? "dilemma"}-${quote ? "quote" : ""}`}
      initialBody={quote}
      draftPlace={`reply:${dilemma.id}:${to?.id ?? 0}`}
      postedHere={postedReply !== null && (postedReply.parentId ?? 0) === (to?.id ?? 0)}
      parent={to ? { id: to.id, authorName: authorName(to) } : null}
      submissionId={submissionId}
      lastResult={result}
      serverPreview={preview}
      cancelHref={to ? withoutReplyTo() : undefined}
      headingLevel={to ? 3 : 2}
      privacy={privacy}
      fileSent={fileSent}
    />
  );

  return (
    <div className="page narrow dilemma-page">
      <title>{`${dilemma.title} · ${t("app.name")}`}</title>
      <p className="eyebrow">
        <Link to="/dilemmas">{t("nav.dilemmas")}</Link>
      </p>
      <h1>{dilemma.title}</h1>

      {dilemma.heldAt ? (
        <HeldNote staff={can.approve} />
      ) : dilemma.hiddenAt ? (
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
        {dilemma.deletedByAuthorAt ? null : (
          <>
            · {t("replies.page.askedBy")} <AuthorName author={dilemma.author} />
          </>
        )}{" "}
        · <RelativeTime at={dilemma.createdAt} />
        {dilemma.edited ? (
          <>
            {" "}
            · <Link to={dilemmaRevisionsPath(dilemma)}>{t("replies.page.edited")}</Link>
          </>
        ) : null}{" "}
        · {t("replies.page.replyCount", { count: dilemma.replyCount })}
      </p>
      <CompetenceTags competences={competences} label={t("replies.page.competences")} />

      {dilemma.deletedByAuthorAt ? (
        <p className="reply__placeholder dilemma-page__tombstone">{t("forum.dilemmaDelete.tombstone")}</p>
      ) : (
        <>
          <div className="prose dilemma-page__body" dangerouslySetInnerHTML={{ __html: dilemma.bodyHtml }} />
          <AttachmentList attachments={attachments.dilemma} />
        </>
      )}
      {can.edit || can.delete ? (
        <ul className="action-list dilemma-page__actions">
          {can.edit ? (
            <li>
              <Link to={editDilemmaPath(dilemma)} className="button button--secondary">
                {t("replies.page.editDilemma")}
              </Link>
            </li>
          ) : null}
          {can.delete ? (
            <li className="action-list__confirm">
              <DilemmaDelete keepsThread={keepsThread} editHref={can.edit ? editDilemmaPath(dilemma) : null} />
            </li>
          ) : null}
        </ul>
      ) : null}
      {can.flag ? (
        <p>
          <Link to={flagPath("dilemma", dilemma.id)} className="button button--small button--secondary">
            {t("moderation.flag.link")}
            <span className="visually-hidden"> {t("moderation.flag.linkLabel", { post: t("moderation.posts.dilemma") })}</span>
          </Link>
        </p>
      ) : null}

      {watch ? <WatchBox target="dilemma" targetId={dilemma.id} state={watch} back={dilemmaPath(dilemma)} /> : null}
      <DilemmaMeetings meetings={meetings} />
      <DilemmaModeration dilemma={dilemma} can={can} hideError={hideDilemmaError} />

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
          <span className="heading-count">({dilemma.replyCount + shown.added})</span>
        </h2>
        {thread.total + shown.added === 0 ? <p>{t("replies.page.noReplies")}</p> : null}
        <ThreadPager page={thread.page} pageCount={thread.pageCount} hrefFor={pageHref} position="top" />
        {shown.nodes.length ? (
          <ThreadList
            nodes={shown.nodes}
            options={options}
            after={(id) => (replyParent?.id === id ? replyForm(replyParent) : null)}
          />
        ) : null}
        <LiveThreadNews announcement={live.announcement} elsewhere={shown.elsewhere} />
        <ThreadPager page={thread.page} pageCount={thread.pageCount} hrefFor={pageHref} position="bottom" />
      </section>

      {refused ? (
        <ReplyRefused body={refused.body} />
      ) : can.reply && !replyParent ? (
        <section className="reply-form-section">{replyForm(null)}</section>
      ) : can.reply ? null : !signedIn ? (
        <p className="reply-login">
          <Trans
            i18nKey="replies.page.loginToReply"
            components={{
              loginLink: <Link to={`/login?redirectTo=${encodeURIComponent(dilemmaPath(dilemma))}`} />,
              signupLink: <Link to={`/signup?redirectTo=${encodeURIComponent(dilemmaPath(dilemma))}`} />,
            }}
          />
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
