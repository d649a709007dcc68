import { Form, Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { ROLE_LABELS, type RoleName } from "~/auth/permissions";

export type ShellUser = { name: string; email: string; role: RoleName };

function navFor(role: RoleName): { to: string; label: string }[] {
  switch (role) {
    case "ADMIN":
      return [
        ...navFor("STAFF"),
        { to: "/admin/users", label: "Users" },
        { to: "/admin/audit", label: "Audit trail" },
      ];
    case "STAFF":
      return [
        { to: "/workspace", label: "Dashboard" },
        { to: "/portfolio", label: "Portfolio" },
        { to: "/programmes", label: "Programmes" },
        { to: "/agreements", label: "Agreements" },
        { to: "/activities", label: "Activities" },
        { to: "/deliverables", label: "Deliverables" },
        { to: "/outcomes", label: "Outcomes" },
        { to: "/indicators", label: "Indicators" },
        { to: "/funding", label: "Funding" },
        { to: "/organisations", label: "Organisations" },
        { to: "/documents", label: "Documents" },
      ];
    case "PARTNER":
      return [{ to: "/portal", label: "Progress portal" }];
    case "DONOR":
      return [
        { to: "/donor", label: "Funded programmes" },
        { to: "/portfolio", label: "Portfolio" },
      ];
  }
}

export function AppShell({ user, children }: { user: ShellUser | null; children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-brand-900 bg-brand-800 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link to="/" className="text-lg font-bold tracking-tight">
            Concord
          </Link>
          {user ? (
            <nav aria-label="Main" className="flex flex-wrap gap-1">
              {navFor(user.role).map((item) => (
                <NavLink
                  key={item.to}
                  to={item.to}
                  className={({ isActive }) =>
                    `rounded px-3 py-1.5 text-sm font-medium ${isActive ? "bg-brand-900" : "hover:bg-brand-700"}`
                  }
                >
                  {item.label}
                </NavLink>
              ))}
            </nav>
          ) : null}
          {user ? (
            <div className="ml-auto flex items-center gap-3 text-sm">
              <span>
                <Link to="/account" className="font-medium underline-offset-2 hover:underline" title="Your account: password and two-step sign-in">
                  {user.name}
                </Link>
                <span className="ml-2 rounded bg-brand-900 px-2 py-0.5 text-xs">{ROLE_LABELS[user.role]}</span>
              </span>
              <Form method="post" action="/sign-out" className="flex gap-1">
                <button type="submit" className="min-h-[2rem] rounded px-3 py-1 font-medium hover:bg-brand-700">
                  Sign out
                </button>
                <button
                  type="submit"
                  name="everywhere"
                  value="1"
                  className="min-h-[2rem] rounded px-3 py-1 text-brand-100 hover:bg-brand-700"
                >
                  Sign out everywhere
                </button>
              </Form>
            </div>
          ) : null}
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
        {children}
      </main>
      <footer className="border-t border-slate-200 py-4 text-center text-xs text-slate-600">
        Concord · international technical-cooperation programmes · vocabulary: IATI Standard 2.03
      </footer>
    </div>
  );
}
