import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { lazy, Suspense, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import type { RoleName } from "~/auth/permissions";
import { useT } from "~/i18n/context";
import { LOCALE_NAMES, LOCALES } from "~/i18n/locales";
import type { MessageKey } from "~/i18n/translate";
import { useClearLocalCopyOnSubmit } from "~/offline/sign-out";
import { HeaderSearch } from "./header-search";

export type ShellUser = { name: string; email: string; role: RoleName; /** Unread notifications (issue 18); absent on error pages. */ unread?: number };

type NavItem = { to: string; label: MessageKey };

function navFor(role: RoleName): NavItem[] {
  switch (role) {
    case "ADMIN":
      return navFor("STAFF");
    case "STAFF":
      return [
        { to: "/workspace", label: "common.nav.dashboard" },
        { to: "/portfolio", label: "common.nav.portfolio" },
        { to: "/programmes", label: "common.nav.programmes" },
        { to: "/agreements", label: "common.nav.agreements" },
        { to: "/activities", label: "common.nav.activities" },
        { to: "/deliverables", label: "common.nav.deliverables" },
        { to: "/progress-reports", label: "reporting.nav.staff" },
        { to: "/outcomes", label: "common.nav.outcomes" },
        { to: "/indicators", label: "common.nav.indicators" },
        { to: "/funding", label: "common.nav.funding" },
        { to: "/organisations", label: "common.nav.organisations" },
        { to: "/documents", label: "common.nav.documents" },
      ];
    case "PARTNER":
      return [{ to: "/portal", label: "common.nav.portal" }, { to: "/portal/reports", label: "reporting.nav.portal" }];
    case "DONOR":
      return [
        { to: "/donor", label: "common.nav.donor" },
        { to: "/portfolio", label: "common.nav.portfolio" },
      ];
  }
}

/**
 * The administrator's pages: one "Administration" menu among the header's
 * tools, next to the account, so that the navigation stays on one row on a
 * laptop in every language (Russian's labels fill it).
 */
const ADMIN_NAV: NavItem[] = [
  { to: "/admin/users", label: "common.nav.users" },
  { to: "/admin/tokens", label: "common.nav.tokens" },
  { to: "/admin/audit", label: "common.nav.audit" },
  { to: "/admin/jobs", label: "common.nav.jobs" },
  { to: "/admin/iati", label: "iatiCheck.navMain" },
];

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  `whitespace-nowrap rounded px-2 py-1.5 text-sm font-medium ${isActive ? "bg-brand-900" : "hover:bg-brand-700"}`;

/**
 * The administrator's menu: a native disclosure (<details>), so it opens
 * by mouse, keyboard (Enter, Space) and without JavaScript, and a screen
 * reader hears whether it is open. With JavaScript it also closes on
 * Escape (the focus back on its button), on a click elsewhere and when a
 * page is left. From xl up its links drop down below it; below xl, inside
 * the phone's menu, they open in place. Its own landmark ("Administration"),
 * apart from the main navigation.
 */
function AdminMenu() {
  const t = useT();
  const location = useLocation();
  const ref = useRef<HTMLDetailsElement>(null);
  const here = location.pathname.startsWith("/admin/");
  // Another page closes it (not the first render: a menu opened before the page hydrated stays open).
  const shownKey = useRef(location.key);
  useEffect(() => {
    if (shownKey.current === location.key) return;
    shownKey.current = location.key;
    if (ref.current) ref.current.open = false;
  }, [location.key]);
  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const details = ref.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    const details = ref.current;
    if (event.key !== "Escape" || !details?.open) return;
    // The menu closes first; a second Escape closes the phone's menu around it.
    event.stopPropagation();
    details.open = false;
    details.querySelector("summary")?.focus();
  };
  return (
    <nav aria-label={t("common.nav.admin")} className="w-full xl:w-auto">
      <details ref={ref} className="group relative" onKeyDown={onKeyDown}>
        <summary
          className={`flex cursor-pointer list-none items-center gap-1 whitespace-nowrap rounded px-2 py-1.5 text-sm font-medium [&::-webkit-details-marker]:hidden ${
            here ? "bg-brand-900" : "hover:bg-brand-700"
          }`}
        >
          {t("common.nav.admin")}
          <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 transition-transform group-open:rotate-180" fill="currentColor">
            <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
          </svg>
        </summary>
        <ul className="mt-0.5 flex flex-col gap-0.5 pl-4 xl:absolute xl:right-0 xl:z-40 xl:mt-1 xl:min-w-[14rem] xl:rounded xl:border xl:border-brand-900 xl:bg-brand-800 xl:p-1 xl:shadow-lg">
          {ADMIN_NAV.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} className={(state) => `block ${navLinkClass(state)}`}>
                {t(item.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </details>
    </nav>
  );
}

/**
 * The language switch: a plain form (works without JavaScript), answered by
 * routes/language.tsx, and a whole-page load so the browser gets the new
 * language's messages. An explicit button: changing a select must not
 * navigate by itself (WCAG 3.2.2).
 */
function LanguageSwitch() {
  const t = useT();
  const location = useLocation();
  return (
    <Form
      method="post"
      action="/language"
      reloadDocument
      className="flex items-center gap-1 text-sm"
    >
      <input
        type="hidden"
        name="returnTo"
        value={`${location.pathname}${location.search}`}
      />
      <label htmlFor="language-switch" className="sr-only">
        {t("common.language.label")}
      </label>
      <select
        id="language-switch"
        name="locale"
        defaultValue={t.locale}
        className="min-h-[2rem] rounded border border-brand-600 bg-brand-900 px-2 py-1 text-white"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="min-h-[2rem] rounded px-2 py-1 font-medium hover:bg-brand-700"
      >
        {t("common.language.change")}
      </button>
    </Form>
  );
}

/**
 * A header link with a count as a badge (the inbox's unread, the outbox's
 * waiting entries); `label` is its accessible name, which says the count too.
 */
export function CountLink({ to, name, label, count, prefetch }: { to: string; name: string; label: string; count: number; prefetch?: "render" }) {
  return (
    <NavLink
      to={to}
      prefetch={prefetch}
      aria-label={label}
      className={({ isActive }) => `flex items-center gap-1 rounded px-2 py-1 font-medium ${isActive ? "bg-brand-900" : "hover:bg-brand-700"}`}
    >
      <span>{name}</span>
      {/* A space between the name and the count: the visible text reads "Inbox 3", which the accessible name contains (WCAG 2.5.3). */}
      {count ? " " : null}
      {count ? (
        <span aria-hidden="true" className="rounded-full bg-amber-400 px-2 py-0.5 text-xs font-bold text-slate-900">
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </NavLink>
  );
}

/** The inbox, with the unread count. */
function InboxLink({ unread }: { unread: number }) {
  const t = useT();
  const name = t("notifications.nav");
  return <CountLink to="/inbox" name={name} label={unread ? t("notifications.navUnread", { count: unread }) : name} count={unread} />;
}

// Issue 20: the outbox's count (and its sending) load after hydration, never in the first load.
// Its code not loaded (the network went before it came): no indicator, rather than an error page.
const OutboxIndicator = lazy(() => import("~/components/offline/outbox-indicator").catch(() => ({ default: () => <></> })));

function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/**
 * Sign out. With JavaScript, entries still waiting in the outbox make it ask
 * first: they would be deleted from this device. (Signing out everywhere is
 * on the account page, with the list of sessions it ends.)
 */
function SignOutForm() {
  const t = useT();
  const onSubmit = useClearLocalCopyOnSubmit();
  return (
    <Form method="post" action="/sign-out" onSubmit={onSubmit}>
      <button type="submit" className="min-h-[2rem] rounded px-3 py-1 font-medium hover:bg-brand-700">
        {t("common.signOut")}
      </button>
    </Form>
  );
}

/**
 * Below Tailwind's xl (1280 px) the navigation and the header's tools (search,
 * language, account, sign out) sit behind a menu button: the Russian labels
 * need a laptop's whole width for one row. A disclosure: the button says
 * whether the menu is open (aria-expanded) and which element it opens
 * (aria-controls); Escape closes it and gives the focus back to the button;
 * following a link closes it. Without JavaScript the <noscript> style shows
 * the menu open and hides the button, which could do nothing.
 * From xl up the menu's box takes no room of its own (display: contents): the
 * tools join the first row, the navigation takes a row of its own, in the
 * same order as the focus moves.
 */
const MENU_ID = "site-menu";
const NO_SCRIPT_MENU = `@media (max-width: 1279.98px) { #${MENU_ID} { display: flex !important; } #${MENU_ID}-button { display: none !important; } }`;

function MenuButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const t = useT();
  return (
    <button
      type="button"
      id={`${MENU_ID}-button`}
      aria-expanded={open}
      aria-controls={MENU_ID}
      onClick={onToggle}
      className="flex min-h-[2.25rem] items-center gap-1.5 rounded px-2 py-1 text-sm font-medium ring-1 ring-brand-600 hover:bg-brand-700 xl:hidden"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
        {open ? (
          <path d="M4.3 4.3a1 1 0 0 1 1.4 0L10 8.6l4.3-4.3a1 1 0 1 1 1.4 1.4L11.4 10l4.3 4.3a1 1 0 0 1-1.4 1.4L10 11.4l-4.3 4.3a1 1 0 0 1-1.4-1.4L8.6 10 4.3 5.7a1 1 0 0 1 0-1.4Z" />
        ) : (
          <path d="M3 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm0 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm1 4a1 1 0 1 0 0 2h12a1 1 0 1 0 0-2H4Z" />
        )}
      </svg>
      {t("common.nav.menu")}
    </button>
  );
}

export function AppShell({
  user,
  children,
}: {
  user: ShellUser | null;
  children: ReactNode;
}) {
  const t = useT();
  const hydrated = useHydrated();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  // A followed link (or any other move to another page) closes the menu.
  useEffect(() => setMenuOpen(false), [location.key]);
  const onMenuKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !menuOpen) return;
    setMenuOpen(false);
    document.getElementById(`${MENU_ID}-button`)?.focus();
  };
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2"
      >
        {t("common.skipToContent")}
      </a>
      <header className="border-b border-brand-900 bg-brand-800 text-white" onKeyDown={onMenuKeyDown}>
        {user ? (
          <noscript>
            <style>{NO_SCRIPT_MENU}</style>
          </noscript>
        ) : null}
        <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-x-2 gap-y-2 px-4 py-3 xl:gap-x-4">
          <Link to="/" className="text-lg font-bold tracking-tight">
            {t("common.appName")}
          </Link>
          {user ? (
            <>
              <div className="ml-auto flex items-center gap-1 text-sm">
                <InboxLink unread={user.unread ?? 0} />
                {hydrated ? (
                  <Suspense fallback={null}>
                    <OutboxIndicator />
                  </Suspense>
                ) : null}
              </div>
              <MenuButton open={menuOpen} onToggle={() => setMenuOpen((open) => !open)} />
              <div id={MENU_ID} className={`${menuOpen ? "flex" : "hidden"} w-full flex-col gap-3 border-t border-brand-700 pt-3 xl:contents`}>
                <div className="flex flex-wrap items-center gap-3 text-sm">
                  <HeaderSearch />
                  <LanguageSwitch />
                  <span>
                    <Link
                      to="/account"
                      className="font-medium underline-offset-2 hover:underline"
                      title={t("common.account.title")}
                    >
                      {user.name}
                    </Link>
                    <span className="ml-2 rounded bg-brand-900 px-2 py-0.5 text-xs">
                      {t.label("role", user.role)}
                    </span>
                  </span>
                  {user.role === "ADMIN" ? <AdminMenu /> : null}
                  <SignOutForm />
                </div>
                <nav
                  aria-label={t("common.nav.label")}
                  className="flex flex-col gap-0.5 xl:basis-full xl:flex-row xl:flex-wrap"
                >
                  {navFor(user.role).map((item) => (
                    <NavLink key={item.to} to={item.to} className={navLinkClass}>
                      {t(item.label)}
                    </NavLink>
                  ))}
                </nav>
              </div>
            </>
          ) : (
            <div className="ml-auto text-sm">
              <LanguageSwitch />
            </div>
          )}
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
        {children}
      </main>
      <footer className="border-t border-slate-200 py-4 text-center text-xs text-slate-600">
        {t("common.footer")}
      </footer>
    </div>
  );
}
