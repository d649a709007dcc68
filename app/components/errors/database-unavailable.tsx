import { useT } from "~/i18n/context";
import type { Translator } from "~/i18n/translate";

// What a visitor sees while Concord cannot reach its database (HTTP 503).
// Client-safe: the root ErrorBoundary renders it for a 503 inside the app,
// and the HTTP server renders it as a page of its own when the root loader
// itself could not run (in the language of the cookie or Accept-Language:
// the user's saved choice is in the database). No internal detail (no host,
// no error text) appears.

/** The one-line notice, for a data request's JSON or a plain-text answer. */
export function databaseUnavailableMessage(t: Translator): string {
  return t("common.dbDown.message");
}

function Notice({ t }: { t: Translator }) {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold text-brand-700">503</p>
      <h1 className="mt-2 text-2xl font-bold">{t("common.dbDown.title")}</h1>
      <p className="mt-3 text-slate-700">{t("common.dbDown.message")}</p>
      <p className="mt-3 text-sm text-slate-600">{t("common.dbDown.kept")}</p>
      {/* An empty href is this same address: reloading it (as a GET) is the retry. */}
      <a href="" className="mt-6 inline-block font-medium text-brand-700 underline">
        {t("common.dbDown.retry")}
      </a>
    </div>
  );
}

export function DatabaseUnavailableNotice() {
  return <Notice t={useT()} />;
}

/** A complete page (no scripts), for when the app shell cannot be rendered. */
export function DatabaseUnavailablePage({ stylesheetHref, t }: { stylesheetHref: string | null; t: Translator }) {
  return (
    <html lang={t.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${t("common.dbDown.title")} · ${t("common.appName")}`}</title>
        {stylesheetHref ? <link rel="stylesheet" href={stylesheetHref} /> : null}
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900">
        <header className="border-b border-brand-900 bg-brand-800 text-white">
          <div className="mx-auto max-w-6xl px-4 py-3 text-lg font-bold">{t("common.appName")}</div>
        </header>
        <main className="px-4">
          <Notice t={t} />
        </main>
      </body>
    </html>
  );
}
