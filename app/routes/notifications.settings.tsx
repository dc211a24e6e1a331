import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { FieldErrors, FormErrors } from "~/components/FormFields";
import { FeedAddresses } from "~/components/notifications/FeedAddresses";
import { feedKeyMadeAt, feedLinks, resetFeedKey } from "~/notifications/feeds.server";
import { useTranslation } from "~/components/use-translation";
import { DELIVERIES, MAIL_GROUPS } from "~/notifications/kinds";
import { NOTIFICATION_SETTINGS_PATH, NOTIFICATIONS_PATH } from "~/notifications/paths";
import { MailSettingsSchema } from "~/notifications/schemas";
import { getDeliveries, saveDeliveries } from "~/notifications/settings.server";
import { guardianOf, viewerInfo } from "~/web/context.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/notifications.settings";

// /notifications/settings — per kind of notification: mail at once, in a daily or weekly
// summary, or none; and the summary itself. One page, radio buttons, no JavaScript needed.

const toLogin = () => redirect(`/login?redirectTo=${encodeURIComponent(NOTIFICATION_SETTINGS_PATH)}`);

export async function loader({ context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (!guardian.canManageOwnAccount()) throw toLogin();
  return { deliveries: await getDeliveries(guardian), hasFeedKey: (await feedKeyMadeAt(guardian)) !== null };
}

export async function action({ request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  if (!guardian.canManageOwnAccount()) throw toLogin();
  const formData = await readForm(request);
  // New feed addresses: shown in this answer only (only their hash is kept).
  if (formData.get("intent") === "feed-key") {
    const key = await resetFeedKey(guardian);
    return { feeds: await feedLinks(key, viewerInfo(context).locale) };
  }
  const submission = parseWithZod(formData, { schema: MailSettingsSchema });
  if (submission.status !== "success") return invalidForm(submission);
  try {
    await saveDeliveries(guardian, submission.value);
    return redirect(`${NOTIFICATION_SETTINGS_PATH}?done=saved`);
  } catch (error) {
    return formFailure(submission, error);
  }
}

export default function NotificationSettings() {
  const { t } = useTranslation();
  const { deliveries, hasFeedKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "mail-settings",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    constraint: getZodConstraint(MailSettingsSchema),
    defaultValue: deliveries,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MailSettingsSchema }),
  });
  return (
    <div className="page narrow">
      <title>{`${t("notifications.settings.title")} · ${t("app.name")}`}</title>
      <h1>{t("notifications.settings.title")}</h1>
      {searchParams.get("done") === "saved" ? (
        <p className="alert alert--success" role="status">
          {t("notifications.settings.saved")}
        </p>
      ) : null}
      <p>{t("notifications.settings.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        {MAIL_GROUPS.map((group) => {
          const field = fields[group];
          const options = group === "digest" ? DELIVERIES.filter((d) => d !== "instant") : DELIVERIES;
          return (
            <fieldset key={group} className="delivery-choices" aria-describedby={field.errors ? field.errorId : undefined}>
              <legend>{t(`notifications.settings.group.${group}`)}</legend>
              <ul className="choice-list">
                {options.map((delivery) => (
                  <li key={delivery} className="field field--checkbox">
                    <input
                      type="radio"
                      id={`${group}-${delivery}`}
                      name={field.name}
                      value={delivery}
                      defaultChecked={field.initialValue === delivery}
                    />
                    <label htmlFor={`${group}-${delivery}`}>{t(`notifications.settings.delivery.${delivery}`)}</label>
                  </li>
                ))}
              </ul>
              <FieldErrors id={field.errorId} errors={field.errors} />
            </fieldset>
          );
        })}
        <button type="submit" className="button">
          {t("notifications.settings.submit")}
        </button>
      </Form>
      <FeedAddresses have={hasFeedKey} made={actionData && "feeds" in actionData ? actionData.feeds : null} />
      <p>
        <Link to={NOTIFICATIONS_PATH}>{t("notifications.settings.back")}</Link>
      </p>
    </div>
  );
}
