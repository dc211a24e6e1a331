import type { ReactNode } from "react";
import type { ThreadReply } from "~/replies/thread.server";
import type { ThreadNode } from "~/replies/thread-layout";
import { ReplyItem, type ReplyItemOptions } from "./ReplyItem";

// The thread as nested ordered lists: a screen reader announces "list, 3 items, level 2",
// so the structure is heard, not only seen as indentation.

export function ThreadList({
  nodes,
  options,
  after,
  nested = false,
}: {
  nodes: ThreadNode<ThreadReply>[];
  options: ReplyItemOptions;
  /** Rendered right under a reply (the inline reply form), or null. */
  after: (replyId: number) => ReactNode;
  nested?: boolean;
}) {
  return (
    <ol className={nested ? "thread thread--nested" : "thread"}>
      {nodes.map((node) => (
        <li key={node.reply.id} className="thread__item">
          <ReplyItem reply={node.reply} inReplyTo={node.inReplyTo} options={options} />
          {after(node.reply.id)}
          {node.children.length ? <ThreadList nodes={node.children} options={options} after={after} nested /> : null}
        </li>
      ))}
    </ol>
  );
}
