import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { json } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { readSession } from "~/auth/session.server";
import { DatabaseUnavailableNotice } from "~/components/errors/database-unavailable";
import { AppShell, type ShellUser } from "~/components/layout/app-shell";
import { catalogueUrl } from "~/i18n/catalogues.server";
import { I18nProvider, useT } from "~/i18n/context";
import { resolveLocale } from "~/i18n/locale.server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/locales";
import { countUnread } from "~/notifications/inbox.server";
import { readNotice } from "~/utils/flash.server";
import { NoticeContext, useArrivedNotice } from "~/utils/notice";
import { useNonce } from "~/utils/nonce";
import { offlineUserKey } from "~/offline/user-key.server";
import stylesheet from "~/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.ico" },
  // Issue 20: installable (public/manifest.webmanifest, public/icons/).
  { rel: "manifest", href: "/manifest.webmanifest" },
  { rel: "apple-touch-icon", href: "/icons/apple-touch-icon.png" },
];

export const meta: MetaFunction = () => [{ title: "Concord" }];

// The root loader only tells the shell who is signed in; it protects nothing.
// Every route's own loader checks role and scope. It also takes the
// post/redirect/get notice out of the flash cookie (and clears it), so the
// notice shows on this page only.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, setCookie } = await readSession(request);
  const flash = await readNotice(request);
  // Issue 18: the header's unread count (one index-only count per page load).
  const shellUser: ShellUser | null = user ? { name: user.name, email: user.email, role: user.role, unread: await countUnread(user.id) } : null;
  const locale = resolveLocale(request, user?.locale);
  // The page's language depends on these; a shared cache must not mix them.
  const headers = new Headers({ Vary: "Cookie, Accept-Language" });
  if (setCookie) headers.append("Set-Cookie", setCookie);
  if (flash.setCookie) headers.append("Set-Cookie", flash.setCookie);
  // requestId: the error page of a page load names it (see ErrorBoundary).
  return json(
    {
      user: shellUser,
      offlineKey: user ? offlineUserKey(user.id) : null,
      locale,
      catalogue: catalogueUrl(locale),
      notice: flash.notice,
      requestId: context.requestId ?? null,
    },
    { headers },
  );
}

/**
 * Offline (issue 20: a form saved into the outbox goes to /outbox) the root's
 * data cannot be fetched again: keep what the page has.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ defaultShouldRevalidate }) =>
  typeof navigator !== "undefined" && navigator.onLine === false ? false : defaultShouldRevalidate;

/**
 * The page's language as the root loader chose it. In an error page whose
 * root loader did not run, the language the server rendered the page in
 * (`<html lang>`), else English.
 */
function usePageLocale(): { locale: Locale; catalogue: string | null; offlineKey: string | null } {
  const data = useRouteLoaderData<typeof loader>("root");
  if (data) return { locale: data.locale, catalogue: data.catalogue, offlineKey: data.offlineKey };
  const rendered = typeof document === "undefined" ? null : document.documentElement.lang;
  return { locale: isLocale(rendered) ? rendered : DEFAULT_LOCALE, catalogue: null, offlineKey: null };
}

function Document({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const { locale, catalogue, offlineKey } = usePageLocale();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#143f7d" />
        {/* entry.client.tsx loads this language's messages before it hydrates the page. */}
        {catalogue ? <meta name="concord-catalogue" content={catalogue} /> : null}
        {catalogue ? <link rel="preload" href={catalogue} as="fetch" crossOrigin="anonymous" /> : null}
        {/* Issue 20: whose offline copy and outbox this page may use (app/offline/user-key.server.ts). */}
        {offlineKey ? <meta name="concord-user" content={offlineKey} /> : null}
        <Meta />
        <Links />
      </head>
      <body>
        <I18nProvider locale={locale}>{children}</I18nProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { user, notice } = useLoaderData<typeof loader>();
  const arrivedNotice = useArrivedNotice(notice);
  return (
    <Document>
      <AppShell user={user}>
        <NoticeContext.Provider value={arrivedNotice}>
          <Outlet />
        </NoticeContext.Provider>
      </AppShell>
    </Document>
  );
}

/**
 * The id of the request that failed, for the user to quote (the server logs
 * every line of a request with it). A failed data request carries it in the
 * error's message (scripts/server.ts adds it); on a page load that failed
 * below the root, the root loader of the same request gave it.
 */
function requestIdOf(error: unknown, rootRequestId: string | null | undefined): string | null {
  const fromError = error instanceof Error ? /\[request ([0-9a-f-]{36})\]/.exec(error.message)?.[1] : undefined;
  return fromError ?? rootRequestId ?? null;
}

function ErrorPage({ status, requestId = null }: { status: number; requestId?: string | null }) {
  const t = useT();
  const [title, message] =
    status === 404
      ? [t("common.error.notFound.title"), t("common.error.notFound.text")]
      : status === 403
        ? [t("common.error.forbidden.title"), t("common.error.forbidden.text")]
        : status === 400
          ? [t("common.error.badRequest.title"), t("common.error.badRequest.text")]
          : [t("common.error.other.title"), t("common.error.other.text")];
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold text-brand-700">{status}</p>
      <h1 className="mt-2 text-2xl font-bold">{title}</h1>
      <p className="mt-3 text-slate-700">{message}</p>
      {requestId ? (
        <p className="mt-3 text-sm text-slate-600">
          {t("common.error.requestId")} <code className="select-all">{requestId}</code>
        </p>
      ) : null}
      <Link to="/" className="mt-6 inline-block font-medium text-brand-700 underline">
        {t("common.error.home")}
      </Link>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 503) {
    // The database went away while the app was open in the browser (a data
    // request answered 503): the same friendly notice as a full page load.
    return (
      <Document>
        <AppShell user={data?.user ?? null}>
          <DatabaseUnavailableNotice />
        </AppShell>
      </Document>
    );
  }
  return (
    <Document>
      <AppShell user={data?.user ?? null}>
        <ErrorPage status={status} requestId={status >= 500 ? requestIdOf(error, data?.requestId) : null} />
      </AppShell>
    </Document>
  );
}
