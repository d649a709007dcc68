import { NavLink } from "@remix-run/react";
import { useT } from "~/i18n/context";
import type { MessageKey } from "~/i18n/translate";

// The IATI pages of the administration (issue 17) as one section: the main
// navigation has one "IATI" entry (the readiness check) and each of these
// pages shows the same row of links, with the public files last.

const PAGES: { to: string; label: MessageKey }[] = [
  { to: "/admin/iati", label: "iatiCheck.tabs.check" },
  { to: "/admin/publisher", label: "iatiCheck.tabs.publisher" },
  { to: "/admin/organisations-without-iati", label: "iatiCheck.tabs.identifiers" },
  { to: "/admin/iati-organisation", label: "iatiCheck.tabs.organisation" },
  { to: "/admin/iati-import", label: "iatiCheck.tabs.import" },
];

export function IatiAdminNav() {
  const t = useT();
  return (
    <nav aria-label={t("iatiCheck.tabs.label")} className="mb-4 flex flex-wrap items-center gap-x-1 gap-y-2 border-b border-slate-200 pb-2 text-sm">
      {PAGES.map((p) => (
        <NavLink
          key={p.to}
          to={p.to}
          end
          className={({ isActive }) =>
            `rounded px-2 py-1 ${isActive ? "bg-slate-800 font-semibold text-white" : "text-slate-700 underline-offset-2 hover:bg-slate-100 hover:underline"}`
          }
        >
          {t(p.label)}
        </NavLink>
      ))}
      <span className="ml-auto flex gap-3 text-slate-700">
        <a className="underline" href="/iati/activities.xml">
          {t("iatiCheck.tabs.activityFile")}
        </a>
        <a className="underline" href="/iati/organisation.xml">
          {t("iatiCheck.tabs.organisationFile")}
        </a>
      </span>
    </nav>
  );
}
