import { I18nextProvider } from "react-i18next";
import {
  data,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "react-router";
import { ErrorPage } from "~/components/ErrorPage";
import { ScriptsAfterFirstPaint } from "~/components/ScriptsAfterFirstPaint";
import { useNonce } from "~/components/nonce";
import { useHydrationMark } from "~/components/hydration-mark";
import { MembersVisibleContext } from "~/components/members/members-visible";
import { useRoutedEvents } from "~/components/RoutedLink";
import { useTranslation } from "~/components/use-translation";
import { countUnread } from "~/notifications/inbox.server";
import { catalogueHref } from "~/platform/i18n-catalogue.server";
import { useLoadedLocale } from "~/components/use-loaded-locale";
import { createI18n, defaultLocale } from "~/platform/i18n";
import { SiteFooter } from "~/components/SiteFooter";
import { SiteHeader } from "~/components/SiteHeader";
import { ConsentBanner } from "~/components/privacy/ConsentBanner";
import { SuspendedBanner } from "~/components/moderation/SuspendedBanner";
import { StatusMessage } from "~/components/StatusMessage";
// The whole stylesheet, inlined in every page's <head> (decision 048): a separate file blocks
// the first paint for one more round trip; inline it adds ≈ 9 KB to a compressed page.
import styles from "~/styles/app.css?inline";
import { countQueue } from "~/moderation/queue.server";
import { NowProvider } from "~/components/Now";
import { env } from "~/platform/env.server";
import { viewerInfo } from "~/web/context.server";
import { viewerMiddleware } from "~/web/viewer-middleware.server";
import type { Route } from "./+types/root";

export const middleware: Route.MiddlewareFunction[] = [viewerMiddleware];

export const links: Route.LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export async function loader({ context }: Route.LoaderArgs) {
  const { viewer, locale, guardian, mayHaveUnread } = viewerInfo(context);
  return data({
    locale,
    /** Where the browser gets this language's words (decision 046): <html data-catalogue>. */
    catalogue: catalogueHref(locale),
    /** The page's scripts start after its first paint (decision 051; SCRIPTS_AFTER_FIRST_PAINT). */
    scriptsAfterFirstPaint: env().SCRIPTS_AFTER_FIRST_PAINT === "1",
    /** What relative times count from, the same on the server and in the hydrating browser (038). */
    now: new Date().toISOString(),
    viewer:
      viewer.kind === "member"
        ? {
            handle: viewer.handle,
            displayName: viewer.displayName,
            role: viewer.role,
            pending: viewer.pending === true,
            /** Asked to accept the new privacy statement before writing (decision 026). */
            consentNeeded: viewer.consentNeeded === true,
            /** Suspended until then (decision 027): a banner on every page says so. */
            suspendedUntil: viewer.suspendedUntil ?? null,
          }
        : null,
    /** Author names link to profiles, photos show, the directory is in the menu. */
    membersVisible: guardian.canSeeMembers(),
    /** The bell's number (notifications, issue 20). */
    unread: viewer.kind === "member" && mayHaveUnread !== false ? await countUnread(guardian) : 0,
    /** Organisers see how many posts wait in the moderation queue; null for everyone else. */
    moderationWaiting: guardian.canModerate() ? await countQueue(guardian) : null,
  });
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  // The language of this page is the root loader's: after a client-side login or logout it
  // can change without a page load (a member's saved choice), so the instance follows it.
  const root = useRootData();
  const locale = useLoadedLocale(root?.locale ?? defaultLocale);
  return (
    <I18nextProvider i18n={createI18n(locale)}>
      <Document root={root}>{children}</Document>
    </I18nextProvider>
  );
}

function Document({ root, children }: { root: ReturnType<typeof useRootData>; children: React.ReactNode }) {
  const nonce = useNonce();
  const { t, i18n } = useTranslation();
  const routedEvents = useRoutedEvents();
  useHydrationMark();
  return (
    <html lang={i18n.language} dir="ltr" data-catalogue={root?.catalogue}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {/* The CSP allows this one inline style by the response's nonce (server/app.ts). */}
        <style nonce={nonce} dangerouslySetInnerHTML={{ __html: styles }} />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("nav.skipToContent")}
        </a>
        <SiteHeader
          viewer={root?.viewer ?? null}
          membersVisible={root?.membersVisible ?? false}
          unread={root?.unread ?? 0}
          moderationWaiting={root?.moderationWaiting ?? null}
        />
        {root?.viewer?.pending ? (
          <p className="alert alert--info pending-banner" role="status">
            {t("accounts.pending.banner")}
          </p>
        ) : null}
        {root?.viewer?.consentNeeded ? <ConsentBanner /> : null}
        {root?.viewer?.suspendedUntil ? <SuspendedBanner until={root.viewer.suspendedUntil} /> : null}
        {/* Every page's RoutedLinks and RoutedForms: their clicks and submits bubble up here. */}
        <main id="main" tabIndex={-1} {...routedEvents}>
          <StatusMessage />
          <NowProvider serverNow={root?.now}>
            <MembersVisibleContext value={root?.membersVisible ?? false}>{children}</MembersVisibleContext>
          </NowProvider>
        </main>
        <SiteFooter locale={root?.locale ?? "nl"} />
        <ScrollRestoration nonce={nonce} />
        {root?.scriptsAfterFirstPaint ? <ScriptsAfterFirstPaint nonce={nonce} /> : <Scripts nonce={nonce} />}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return <ErrorPage status={status} />;
}
