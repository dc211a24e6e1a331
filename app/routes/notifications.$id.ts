import { redirect } from "react-router";
import { openNotification } from "~/notifications/inbox.server";
import { openNotificationPath } from "~/notifications/paths";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { idOr404 } from "~/web/ids.server";
import type { Route } from "./+types/notifications.$id";

// /notifications/:id — marks the notification read and goes where it leads (a reply's
// permalink, a dilemma, a meeting). A link, so it works without JavaScript and from a mail.
export async function loader({ params, context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  const id = idOr404(params.id);
  if (!guardian.isMember) throw redirect(`/login?redirectTo=${encodeURIComponent(openNotificationPath(id))}`);
  throw redirect(await openNotification(guardian, id).catch(rethrowAsHttp));
}
