import { data, redirect } from "react-router";
import { WATCH_TARGETS, type WatchTarget } from "~/notifications/kinds";
import { setWatch, type WatchState } from "~/notifications/watches.server";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { safeRedirect } from "~/web/form-failure.server";
import { idOr400 } from "~/web/ids.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/notifications.watch";

// POST /notifications/watch — the follow / mute buttons of dilemma, competence and meeting
// pages. Back to the page it came from (a path on this site only), so it works without JS.
const STATES: readonly WatchState[] = ["watching", "muted", "none"];

export async function action({ request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  const formData = await readForm(request);
  const back = safeRedirect(formData.get("back"));
  if (!guardian.isMember) throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  const target = formData.get("target") as WatchTarget;
  const state = formData.get("state") as WatchState;
  if (!WATCH_TARGETS.includes(target) || !STATES.includes(state)) throw data(null, { status: 400 });
  await setWatch(guardian, target, idOr400(formData.get("targetId")), state).catch(rethrowAsHttp);
  return redirect(back);
}

export async function loader() {
  throw data(null, { status: 405 });
}
