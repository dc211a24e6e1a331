import { ReasonField } from "~/components/moderation/ReasonField";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { formatDate } from "~/components/format";
import { useTranslation } from "~/components/use-translation";
import { type ModeratedPost, POST_KINDS } from "~/moderation/posts.server";
import { approveFromQueue, dismissFromQueue, hideFromQueue, listQueue, warnFromQueue } from "~/moderation/queue.server";
import { memberModerationPath, postModerationPath } from "~/moderation/paths";
import { MODERATION_LIMITS } from "~/moderation/schemas";
import { Invalid, NotFound } from "~/platform/errors.server";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { idOr400 } from "~/web/ids.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/moderation._index";

// The organisers' queue (/moderation): what members flagged and what was published after a
// privacy warning, privacy first, and new members' posts that wait for approval (decision 037).
// Each entry: hide with a reason the author reads, or leave it; a waiting post: approve it, or
// turn it down with a reason (the same hide).

const PATH = "/moderation";

export async function loader({ context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (guardian.isAnonymous) throw redirect(`/login?redirectTo=${encodeURIComponent(PATH)}`);
  const entries = await listQueue(guardian).catch(rethrowAsHttp);
  return {
    entries: entries.map((e) => ({
      key: `${e.kind}-${e.postId}`,
      kind: e.kind,
      postId: e.postId,
      privacyUrgent: e.privacyUrgent,
      privacy: e.privacy,
      since: e.since,
      reasons: countReasons(e.flags),
      notes: e.flags.map((f) => f.note).filter((note): note is string => Boolean(note)),
      flagCount: e.flags.length,
      heldAt: e.heldAt,
      post: e.post
        ? { title: e.post.title, excerpt: e.post.excerpt, href: e.post.href, authorName: e.post.authorName, authorHandle: e.post.authorHandle, hidden: e.post.hiddenAt !== null }
        : null,
    })),
  };
}

function countReasons(flags: { reason: string }[]): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const f of flags) counts.set(f.reason, (counts.get(f.reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count }));
}

export async function action({ request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  const form = await readForm(request);
  const kind = POST_KINDS.find((k) => k === form.get("post"));
  if (!kind) throw new Response(null, { status: 400 });
  const postId = idOr400(form.get("postId"));
  const reason = String(form.get("reason") ?? "");
  try {
    if (form.get("intent") === "approve") {
      await approveFromQueue(guardian, kind, postId);
      return redirect(`${PATH}?moderated=approved`);
    }
    if (form.get("intent") === "hide") {
      await hideFromQueue(guardian, kind, postId, reason);
      return redirect(`${PATH}?moderated=${form.get("held") === "1" ? "rejected" : "hidden"}`);
    }
    if (form.get("intent") === "warn") {
      await warnFromQueue(guardian, kind, postId, reason);
      return redirect(`${PATH}?moderated=warned`);
    }
    if (form.get("intent") === "dismiss") {
      await dismissFromQueue(guardian, kind, postId, reason);
      return redirect(`${PATH}?moderated=dismissed`);
    }
  } catch (error) {
    if (error instanceof NotFound) return redirect(`${PATH}?moderated=gone`);
    // A reason missing or too long: the message beside that entry's field, the text kept.
    if (error instanceof Invalid) {
      return { failed: { key: `${kind}-${postId}`, intent: String(form.get("intent")), reason, errors: error.fieldErrors.reason ?? error.fieldErrors[""] ?? [] } };
    }
    rethrowAsHttp(error);
  }
  throw new Response(null, { status: 400 });
}

export default function ModerationQueue() {
  const { t, i18n } = useTranslation();
  const { entries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("moderated"); // not "done": that one is the layout's status message (status-message.ts)
  return (
    <div className="page">
      <title>{`${t("moderation.queue.title")} · ${t("app.name")}`}</title>
      <h1>{t("moderation.queue.title")}</h1>
      {done === "hidden" || done === "warned" || done === "dismissed" || done === "gone" ? (
        <p className={`alert ${done === "gone" ? "alert--info" : "alert--success"}`} role="status">
          {t(`moderation.queue.done.${done}`)}
        </p>
      ) : null}
      {done === "approved" || done === "rejected" ? (
        <p className="alert alert--success" role="status">
          {t(`holds.queue.done.${done}`)}
        </p>
      ) : null}
      <p>{t("moderation.queue.intro")}</p>
      <p>
        <Link to="/moderation/log">{t("moderation.queue.log")}</Link>
      </p>
      {entries.length === 0 ? (
        <p>{t("moderation.queue.none")}</p>
      ) : (
        <>
          <p>{t("moderation.queue.count", { count: entries.length })}</p>
          <ol className="request-list moderation-queue">
            {entries.map((e) => {
              const postName = t(`moderation.posts.${e.kind}`);
              const title = e.post?.title ?? "";
              const failed = actionData?.failed?.key === e.key ? actionData.failed : null;
              const hideFailed = failed?.intent === "hide" ? failed : null;
              const warnFailed = failed?.intent === "warn" ? failed : null;
              return (
                <li key={e.key}>
                  <h2>
                    {e.privacyUrgent ? <span className="badge badge--warning">{t("moderation.queue.privacyFirst")}</span> : null}{" "}
                    {e.heldAt ? <span className="badge">{t("holds.queue.badge")}</span> : null}{" "}
                    {e.post ? <Link to={e.post.href}>{title}</Link> : t("moderation.queue.gone")}
                  </h2>
                  <p className="meta">
                    {[
                      postName,
                      e.post?.authorName ? t("moderation.queue.by", { name: e.post.authorName }) : null,
                      e.flagCount ? t("moderation.queue.flags", { count: e.flagCount }) : null,
                      t("moderation.queue.since", { date: formatDate(e.since, i18n.language) }),
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </p>
                  {e.post?.excerpt ? <blockquote className="quote">{e.post.excerpt}</blockquote> : null}
                  {e.privacy ? (
                    <p>{t("moderation.queue.privacyWarning", { kinds: e.privacy.kinds.map((k) => t(`privacyGuard.kind.${k}`, { defaultValue: k })).join(", ") })}</p>
                  ) : null}
                  {e.reasons.length ? (
                    <ul>
                      {e.reasons.map((r) => (
                        <li key={r.reason}>
                          {t(`moderation.reasons.${r.reason}`)}
                          {r.count > 1 ? ` (${r.count})` : null}
                        </li>
                      ))}
                      {e.notes.map((note, i) => (
                        <li key={`note-${i}`}>
                          <q>{note}</q>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {e.post && e.heldAt ? <HeldPostActions kind={e.kind} postId={e.postId} postName={postName} title={title} failed={hideFailed} /> : null}
                  {e.post?.hidden && !e.heldAt ? <p>{t("moderation.queue.alreadyHidden")}</p> : null}
                  {e.post && !e.post.hidden && e.kind !== "report" ? (
                    <Form method="post" className="stack">
                      <input type="hidden" name="post" value={e.kind} />
                      <input type="hidden" name="postId" value={e.postId} />
                      <ReasonField id={`hide-${e.key}`} label={t("moderation.queue.hideReason")} hint={t("moderation.queue.hideReasonHint")} value={hideFailed?.reason} errors={hideFailed?.errors} />
                      <button type="submit" name="intent" value="hide" className="button button--danger" aria-label={t("moderation.queue.hideLabel", { post: postName, title })}>
                        {t("moderation.queue.hide")}
                      </button>
                    </Form>
                  ) : null}
                  {e.kind === "report" ? <p className="field__hint">{t("moderation.queue.reportHint")}</p> : null}
                  {e.post?.authorName ? (
                    <details open={warnFailed !== null}>
                      <summary>{t("moderation.queue.warn")}</summary>
                      <Form method="post" className="stack">
                        <input type="hidden" name="post" value={e.kind} />
                        <input type="hidden" name="postId" value={e.postId} />
                        <ReasonField id={`warn-${e.key}`} label={t("moderation.queue.warnReason")} hint={t("moderation.queue.warnReasonHint")} value={warnFailed?.reason} errors={warnFailed?.errors} />
                        <button type="submit" name="intent" value="warn" className="button" aria-label={t("moderation.queue.warnLabel", { post: postName, title })}>
                          {t("moderation.queue.warn")}
                        </button>
                      </Form>
                    </details>
                  ) : null}
                  {e.post && e.kind !== "report" ? (
                    <p>
                      <Link to={postModerationPath(e.kind, e.postId)} aria-label={t("moderation.post.linkLabel", { post: postName, title })}>
                        {t("moderation.post.link")}
                      </Link>
                    </p>
                  ) : null}
                  {e.post?.authorHandle && e.post.authorName ? (
                    <p>
                      <Link to={memberModerationPath(e.post.authorHandle)}>{t("moderation.member.linkLabel", { name: e.post.authorName })}</Link>
                    </p>
                  ) : null}
                  {e.flagCount || e.privacy ? (
                  <details>
                    <summary>{t("moderation.queue.dismiss")}</summary>
                    <Form method="post" className="stack">
                      <input type="hidden" name="post" value={e.kind as ModeratedPost} />
                      <input type="hidden" name="postId" value={e.postId} />
                      <div className="field">
                        <label htmlFor={`dismiss-${e.key}`}>{t("moderation.queue.dismissReason")}</label>
                        <textarea id={`dismiss-${e.key}`} name="reason" rows={2} maxLength={MODERATION_LIMITS.reasonMax} />
                      </div>
                      <button type="submit" name="intent" value="dismiss" className="button" aria-label={t("moderation.queue.dismissLabel", { post: postName, title })}>
                        {t("moderation.queue.dismiss")}
                      </button>
                    </Form>
                  </details>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </div>
  );
}

/** A post that waits for approval (decision 037): publish it, or turn it down with a reason the author reads. */
function HeldPostActions({ kind, postId, postName, title, failed }: { kind: ModeratedPost; postId: number; postName: string; title: string; failed: { reason: string; errors: string[] } | null }) {
  const { t } = useTranslation();
  const key = `${kind}-${postId}`;
  return (
    <div className="stack">
      <p>{t("holds.queue.waiting")}</p>
      <Form method="post">
        <input type="hidden" name="post" value={kind} />
        <input type="hidden" name="postId" value={postId} />
        <button type="submit" name="intent" value="approve" className="button" aria-label={t("holds.queue.approveLabel", { post: postName, title })}>
          {t("holds.queue.approve")}
        </button>
      </Form>
      <details open={failed !== null}>
        <summary>{t("holds.queue.reject")}</summary>
        <Form method="post" className="stack">
          <input type="hidden" name="post" value={kind} />
          <input type="hidden" name="postId" value={postId} />
          <input type="hidden" name="held" value="1" />
          <ReasonField id={`reject-${key}`} label={t("holds.queue.rejectReason")} hint={t("holds.queue.rejectReasonHint")} value={failed?.reason} errors={failed?.errors} />
          <button type="submit" name="intent" value="hide" className="button button--danger" aria-label={t("holds.queue.rejectLabel", { post: postName, title })}>
            {t("holds.queue.reject")}
          </button>
        </Form>
      </details>
    </div>
  );
}
