// What a visitor sees while Concord cannot reach its database (HTTP 503).
// Client-safe: the root ErrorBoundary renders it for a 503 inside the app,
// and the HTTP server renders it as a page of its own when the root loader
// itself could not run. No internal detail (no host, no error text) appears.

export const DATABASE_UNAVAILABLE_TITLE = "Concord is temporarily unavailable";
export const DATABASE_UNAVAILABLE_MESSAGE =
  "Concord cannot reach its database just now; your work is safe. Please try again in a minute.";

export function DatabaseUnavailableNotice() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold text-brand-700">503</p>
      <h1 className="mt-2 text-2xl font-bold">{DATABASE_UNAVAILABLE_TITLE}</h1>
      <p className="mt-3 text-slate-700">{DATABASE_UNAVAILABLE_MESSAGE}</p>
      <p className="mt-3 text-sm text-slate-600">
        Anything you saved before this message appeared has been kept. If you were filling in a form, go back and send it again once
        the page loads.
      </p>
      {/* An empty href is this same address: reloading it (as a GET) is the retry. */}
      <a href="" className="mt-6 inline-block font-medium text-brand-700 underline">
        Try again
      </a>
    </div>
  );
}

/** A complete page (no scripts), for when the app shell cannot be rendered. */
export function DatabaseUnavailablePage({ stylesheetHref }: { stylesheetHref: string | null }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${DATABASE_UNAVAILABLE_TITLE} · Concord`}</title>
        {stylesheetHref ? <link rel="stylesheet" href={stylesheetHref} /> : null}
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900">
        <header className="border-b border-brand-900 bg-brand-800 text-white">
          <div className="mx-auto max-w-6xl px-4 py-3 text-lg font-bold">Concord</div>
        </header>
        <main className="px-4">
          <DatabaseUnavailableNotice />
        </main>
      </body>
    </html>
  );
}
