import { Link, useLocation } from "@remix-run/react";
import { useT } from "~/i18n/context";

// "Import" and "Download for editing" on a staff list page (issue 19, point 1;
// ADR 0042). The download carries the list's filters (not its page), so the
// file holds the rows the list shows; the links are plain downloads of a
// resource route (app/routes/imports.download.tsx).

const className = "inline-flex min-h-[2.5rem] items-center rounded-md px-3 py-2 text-sm font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50";

export function ImportLinks({ kind }: { kind: string }) {
  const t = useT();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  for (const key of ["page", "format", "_data"]) params.delete(key);
  params.set("of", kind);
  const href = (format: string) => {
    const p = new URLSearchParams(params);
    p.set("format", format);
    return `/imports/download?${p.toString()}`;
  };
  return (
    <>
      <a href={href("xlsx")} download className={className}>
        {t("imports.link.download")}
      </a>
      <a href={href("csv")} download className={className}>
        {t("imports.link.downloadCsv")}
      </a>
      <Link to={`/imports?kind=${encodeURIComponent(kind)}`} className={className}>
        {t("imports.link.import")}
      </Link>
    </>
  );
}
