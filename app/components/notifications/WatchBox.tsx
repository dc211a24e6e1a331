import { Form } from "react-router";
import { useTranslation } from "~/components/use-translation";
import type { WatchTarget } from "~/notifications/kinds";
import { WATCH_PATH } from "~/notifications/paths";

export type WatchBoxProps = { target: WatchTarget; targetId: number; state: "watching" | "muted" | "none"; back: string };

/** Which buttons each state offers: [label key, state it sets]. */
function choices(target: WatchTarget, state: WatchBoxProps["state"]): [string, WatchBoxProps["state"]][] {
  if (target === "meeting") return state === "watching" ? [["unfollow", "muted"]] : [["unmute", "watching"]];
  // A dilemma's asker hears of replies whether they follow or not: for a thread, "stop" is muting it.
  if (state === "watching") return target === "dilemma" ? [["mute", "muted"]] : [["unfollow", "none"]];
  if (state === "muted") return [["unmute", "watching"]];
  return [["follow", "watching"]];
}

/** One line saying whether the member hears about this, and the button(s) to change it: plain forms. */
export function WatchBox({ target, targetId, state, back }: WatchBoxProps) {
  const { t } = useTranslation();
  return (
    <section className="watch-box" aria-labelledby={`watch-${target}-heading`}>
      <h2 id={`watch-${target}-heading`} className="visually-hidden">
        {t("notifications.watch.heading")}
      </h2>
      <p>{t(`notifications.watch.${target}.${state}`)}</p>
      {choices(target, state).map(([label, next]) => (
        <Form method="post" action={WATCH_PATH} key={next} className="inline-form">
          <input type="hidden" name="target" value={target} />
          <input type="hidden" name="targetId" value={targetId} />
          <input type="hidden" name="state" value={next} />
          <input type="hidden" name="back" value={back} />
          <button type="submit" className="button button--secondary">
            {t(`notifications.watch.${label}`)}
          </button>
        </Form>
      ))}
    </section>
  );
}
