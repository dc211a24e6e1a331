import { useTranslation } from "~/components/use-translation";
import { Avatar, type AvatarSize } from "~/components/members/Avatar";
import { useMembersVisible } from "~/components/members/members-visible";
import { RoutedLink } from "~/components/routed";
import type { AuthorView } from "~/members/author";
import { memberPath } from "~/members/paths";

// An author wherever one appears (lists, threads, revisions, agendas, search results): their
// avatar and name, linked to their profile for viewers who may see members. An erased member
// is "voormalig lid": no link, no initials, no photo. A plain routed link: a thread repeats
// this for every reply (decision 012).
export function AuthorName({ author, avatar = "inline" }: { author: AuthorView; avatar?: AvatarSize }) {
  const { t } = useTranslation();
  const membersVisible = useMembersVisible();
  if (!author) {
    return (
      <span className="author author--former">
        <Avatar member={null} size={avatar} showPhoto={false} />
        {t("member.former")}
      </span>
    );
  }
  const picture = <Avatar member={author} size={avatar} showPhoto={membersVisible} />;
  if (!membersVisible) {
    return (
      <span className="author">
        {picture}
        <span className="author__name">{author.displayName}</span>
      </span>
    );
  }
  return (
    <RoutedLink href={memberPath(author)} className="author">
      {picture}
      <span className="author__name">{author.displayName}</span>
    </RoutedLink>
  );
}
