import { useTranslation } from "~/components/use-translation";
import { avatarElement, type AvatarSize } from "~/components/members/Avatar";
import { useMembersVisible } from "~/components/members/members-visible";
import type { AuthorView } from "~/members/author";
import { memberPath } from "~/members/paths";

// An author wherever one appears (lists, threads, revisions, agendas, search results): their
// avatar and name, linked to their profile for viewers who may see members. An erased member
// is "voormalig lid": no link, no initials, no photo. The link is a routed plain link (the
// listener in root.tsx hands it to the router) written out here, and the avatar an element,
// not a component: a thread page draws this for every reply (decision 012).
export function AuthorName({ author, avatar = "inline" }: { author: AuthorView; avatar?: AvatarSize }) {
  const membersVisible = useMembersVisible();
  if (!author) return <FormerMember avatar={avatar} />;
  const picture = avatarElement(author, avatar, membersVisible);
  if (!membersVisible) {
    return (
      <span className="author">
        {picture}
        <span className="author__name">{author.displayName}</span>
      </span>
    );
  }
  return (
    <a href={memberPath(author)} className="author" data-routed="">
      {picture}
      <span className="author__name">{author.displayName}</span>
    </a>
  );
}

function FormerMember({ avatar }: { avatar: AvatarSize }) {
  const { t } = useTranslation();
  return (
    <span className="author author--former">
      {avatarElement(null, avatar, false)}
      {t("member.former")}
    </span>
  );
}
