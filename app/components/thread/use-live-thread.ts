import { useEffect, useRef, useState } from "react";
import type { LiveReply } from "~/replies/live.server";
import type { ThreadReply } from "~/replies/thread.server";

// The browser's side of the live thread (decision 029): an EventSource on the dilemma's stream
// of new reply ids; each reply is then fetched as the viewer may see it (a 404 for one they may
// not read is simply passed over). Without JavaScript none of this runs and the page is whole.
//
// Reconnecting: the browser does it by itself after a dropped connection, sending the last id
// it saw (Last-Event-ID); when the server refused (503: too many streams, or shutting down) the
// EventSource gives up, so we open a new one a little later with ?after=<last id>.

const RETRY_AFTER_REFUSAL_MS = 15_000;

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] };

export type LiveThread = {
  replies: ThreadReply[];
  /** The latest announcement for screen readers (polite): who wrote the newest reply. */
  announcement: { authorName: string | null; id: number } | null;
};

export function useLiveThread(dilemmaId: number, latestReplyId: number): LiveThread {
  const [replies, setReplies] = useState<ThreadReply[]>([]);
  const [announcement, setAnnouncement] = useState<LiveThread["announcement"]>(null);
  const lastSeen = useRef(latestReplyId);
  lastSeen.current = Math.max(lastSeen.current, latestReplyId);

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const fetched = new Set<number>();

    const show = async (id: number) => {
      if (fetched.has(id)) return;
      fetched.add(id);
      const response = await fetch(`/live/replies/${id}`, { headers: { Accept: "application/json" } }).catch(() => null);
      if (stopped || !response?.ok) return;
      const found = (await response.json()) as Json<LiveReply> & { reply: Json<ThreadReply> };
      if (found.dilemmaId !== dilemmaId) return;
      const reply: ThreadReply = { ...found.reply, createdAt: new Date(found.reply.createdAt) };
      setReplies((current) => (current.some((r) => r.id === id) ? current : [...current, reply]));
      if (!found.mine) setAnnouncement({ authorName: reply.content?.author?.displayName ?? null, id });
    };

    const open = () => {
      source = new EventSource(`/live/dilemmas/${dilemmaId}?after=${lastSeen.current}`);
      source.addEventListener("reply", (event) => {
        const id = Number((event as MessageEvent<string>).data);
        if (!Number.isSafeInteger(id)) return;
        lastSeen.current = Math.max(lastSeen.current, id);
        void show(id);
      });
      source.addEventListener("error", () => {
        if (stopped || source?.readyState !== EventSource.CLOSED) return;
        source = null;
        retry = setTimeout(open, RETRY_AFTER_REFUSAL_MS);
      });
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [dilemmaId]);

  return { replies, announcement };
}
