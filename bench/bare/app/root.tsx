import { Links, Meta, Outlet, Scripts, ScrollRestoration } from "@remix-run/react";

// The bare yardstick's document: what every Remix page has (meta, links, the
// client scripts and the hydration data), nothing of Concord's.
export default function App() {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}
