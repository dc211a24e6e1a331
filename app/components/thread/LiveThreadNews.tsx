import { useTranslation } from "~/components/use-translation";
import { RoutedLink } from "~/components/RoutedLink";
import { replyPermalink } from "~/replies/paths";
import type { ThreadReply } from "~/replies/thread.server";
import type { LiveThread } from "./use-live-thread";

// What the live thread (decision 029) tells beside the replies it placed: a polite
// announcement for screen readers of the newest reply (the region is always in the page, so it
// is heard when its text changes; focus stays where the reader is), and links to new replies
// whose place is on another page of the thread.
export function LiveThreadNews({ announcement, elsewhere }: { announcement: LiveThread["announcement"]; elsewhere: ThreadReply[] }) {
  const { t } = useTranslation();
  const name = (r: ThreadReply) => r.content?.author?.displayName ?? t("member.former");
  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="live-announcement">
        {announcement ? (
          // A new node per reply: the same words twice (two replies by one person) are heard twice.
          <span key={announcement.id}>
            {announcement.authorName ? t("live.newReply", { name: announcement.authorName }) : t("live.newReplyUnknown")}
          </span>
        ) : null}
      </p>
      {elsewhere.length ? (
        <div className="alert alert--info live-elsewhere">
          <p>{t("live.elsewhere")}</p>
          <ul>
            {elsewhere.map((r) => (
              <li key={r.id}>
                <RoutedLink href={replyPermalink(r.id)}>{t("live.elsewhereItem", { name: name(r) })}</RoutedLink>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
