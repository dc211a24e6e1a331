import { useEffect, useRef, useState } from "react";
import type { AttachmentView } from "~/attachments/schemas";
import type { LiveReply } from "~/replies/live.server";
import type { ThreadReply } from "~/replies/thread.server";

// The browser's side of the live thread (decision 029): an EventSource on the dilemma's stream
// of new reply ids; each reply is then fetched as the viewer may see it (a 404 for one they may
// not read is simply passed over). Without JavaScript none of this runs and the page is whole.
//
// Reconnecting: the browser does it by itself after a dropped connection, sending the last id
// it saw (Last-Event-ID); when the server refused (503: too many streams, or shutting down) the
// EventSource gives up, so we open a new one a little later with ?after=<last id>.
//
// An id heard again means the reply changed as the thread shows it (a photo attached just after
// the reply was stored): it is fetched anew and replaces what is shown, without a second
// announcement.

const RETRY_AFTER_REFUSAL_MS = 15_000;

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] };

export type LiveThread = {
  replies: ThreadReply[];
  /** The photos and documents of the replies that arrived live, by reply id. */
  attachments: Record<number, AttachmentView[]>;
  /** The latest announcement for screen readers (polite): who wrote the newest reply. */
  announcement: { authorName: string | null; id: number } | null;
};

export function useLiveThread(dilemmaId: number, latestReplyId: number): LiveThread {
  const [replies, setReplies] = useState<ThreadReply[]>([]);
  const [attachments, setAttachments] = useState<Record<number, AttachmentView[]>>({});
  const [announcement, setAnnouncement] = useState<LiveThread["announcement"]>(null);
  const lastSeen = useRef(latestReplyId);
  lastSeen.current = Math.max(lastSeen.current, latestReplyId);

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const announced = new Set<number>();
    // The newest fetch of each id wins, whichever answer comes back last.
    const asked = new Map<number, number>();
    let asks = 0;

    const show = async (id: number) => {
      const ask = ++asks;
      asked.set(id, ask);
      const response = await fetch(`/live/replies/${id}`, { headers: { Accept: "application/json" } }).catch(() => null);
      if (stopped || !response?.ok || asked.get(id) !== ask) return;
      // A body cut off (the page going away, a dropped connection) is passed over like a 404.
      const found = (await response.json().catch(() => null)) as (Json<LiveReply> & { reply: Json<ThreadReply>; attachments: AttachmentView[] }) | null;
      if (!found || stopped || found.dilemmaId !== dilemmaId || asked.get(id) !== ask) return;
      const reply: ThreadReply = { ...found.reply, createdAt: new Date(found.reply.createdAt) };
      setReplies((current) => [...current.filter((r) => r.id !== id), reply]);
      setAttachments((current) => ({ ...current, [id]: found.attachments }));
      if (announced.has(id)) return;
      announced.add(id);
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

  return { replies, attachments, announcement };
}
