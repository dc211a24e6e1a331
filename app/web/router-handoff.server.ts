import type { EntryContext } from "react-router";

/**
 * Reads the data the browser takes the page over with (React Router's "server handoff": the
 * loaders' data, encoded) whole, before the page renders, and leaves it where React Router's
 * <StreamTransfer> looks first: `renderMeta.streamCache`, the cache it keeps of the chunks it
 * has read. The page then renders without suspending, as one `<script>` with all the data and
 * one that closes the stream, so React's synchronous string renderer can render it.
 *
 * This relies on the shape of `renderMeta` (typed in React Router's EntryContext);
 * tests/integration/server-processes.test.ts fails if a page arrives without its data.
 */
export async function handOffWhole(context: EntryContext): Promise<void> {
  const stream = context.serverHandoffStream;
  if (!stream || !context.renderMeta) return;
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let value = "";
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      value += decoder.decode(chunk.value, { stream: true });
    }
    value += decoder.decode();
  } finally {
    reader.releaseLock();
  }
  const whole = Object.assign(Promise.resolve(), { result: { done: true, value } });
  context.renderMeta.streamCache = { 0: whole };
}
