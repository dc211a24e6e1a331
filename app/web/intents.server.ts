import { data } from "react-router";

// A page with several buttons posts each with an `intent` (works without JavaScript: the
// button's name and value travel with the form). The route's action hands it to one small
// handler per intent; an intent the page does not have is a 400. The handlers' answers keep
// their types, so the page's useActionData knows each one.

export type IntentHandlers<Context> = Record<string, (context: Context) => Promise<unknown>>;

export async function handleIntent<Context, Handlers extends IntentHandlers<Context>>(
  handlers: Handlers,
  intent: FormDataEntryValue | null,
  context: Context,
): Promise<Awaited<ReturnType<Handlers[keyof Handlers]>>> {
  const handler = typeof intent === "string" && Object.hasOwn(handlers, intent) ? handlers[intent] : undefined;
  if (!handler) throw data(null, { status: 400 });
  return (await handler(context)) as Awaited<ReturnType<Handlers[keyof Handlers]>>;
}
