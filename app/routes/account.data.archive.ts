import { redirect } from "react-router";
import { memberArchive } from "~/rights/archive.server";
import { memberDataOf } from "~/rights/member-data.server";
import { guardianOf, viewerInfo } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import type { Route } from "./+types/account.data.archive";

// GET /account/data/archive.zip — the member's archive, zipped while it is sent (never cached).
export async function loader({ context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (guardian.isAnonymous) throw redirect("/login?redirectTo=/account/data");
  const data = await memberDataOf(guardian).catch(rethrowAsHttp);
  const day = data.exportedAt.toISOString().slice(0, 10);
  return new Response(memberArchive(data, viewerInfo(context).locale === "en" ? "en" : "nl"), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="kenniskring-${data.account.handle}-${day}.zip"`,
      "Cache-Control": "private, no-store",
    },
  });
}
