import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
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
import { useNonce } from "~/utils/nonce";
import stylesheet from "~/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.ico" },
];

export const meta: MetaFunction = () => [{ title: "Concord" }];

// The root loader only tells the shell who is signed in; it protects nothing.
// Every route's own loader checks role and scope.
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, setCookie } = await readSession(request);
  const shellUser: ShellUser | null = user ? { name: user.name, email: user.email, role: user.role } : null;
  return json({ user: shellUser }, setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
}

function Document({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <Document>
      <AppShell user={user}>
        <Outlet />
      </AppShell>
    </Document>
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
  const title = status === 404 ? "Not found" : status === 403 ? "No access" : "Something went wrong";
  const message =
    status === 404
      ? "There is nothing at this address, or you do not have access to it."
      : status === 403
        ? "Your account does not give access to this page."
        : "An unexpected error occurred. It has been logged; please try again.";
  return (
    <Document>
      <AppShell user={data?.user ?? null}>
        <div className="mx-auto max-w-xl py-16 text-center">
          <p className="text-sm font-semibold text-brand-700">{status}</p>
          <h1 className="mt-2 text-2xl font-bold">{title}</h1>
          <p className="mt-3 text-slate-700">{message}</p>
          <Link to="/" className="mt-6 inline-block font-medium text-brand-700 underline">
            Go to your home page
          </Link>
        </div>
      </AppShell>
    </Document>
  );
}
