import { Form, Link, useLocation, useMatches } from "@remix-run/react";
import { useRef, type ReactNode } from "react";
import { useT } from "~/i18n/context";
import { useFocusIfLost } from "~/utils/lost-focus";
import { withParams, type Column } from "~/utils/list-query";

// The parts of every list page: a GET form for search and filters (works
// without JavaScript), sortable column headers, pagination and the CSV link.

export type FilterDef =
  | { kind: "select"; name: string; label: string; options: { value: string; label: string }[] }
  | { kind: "date"; name: string; label: string };

export function ListToolbar({
  q,
  filters,
  values,
  searchLabel,
  archived,
}: {
  q: string;
  filters: FilterDef[];
  values: Record<string, string | undefined>;
  searchLabel: string;
  archived?: boolean;
}) {
  const t = useT();
  return (
    <Form method="get" className="rounded-lg border border-slate-200 bg-white p-4" role="search" aria-label={t("common.list.searchAndFilter")}>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div className="sm:col-span-2">
          <label htmlFor="list-q" className="block text-sm font-medium text-slate-800">
            {searchLabel}
          </label>
          <input
            id="list-q"
            type="search"
            name="q"
            defaultValue={q}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          />
        </div>
        {filters.map((f) => (
          <div key={f.name}>
            <label htmlFor={`filter-${f.name}`} className="block text-sm font-medium text-slate-800">
              {f.label}
            </label>
            {f.kind === "select" ? (
              <select
                id={`filter-${f.name}`}
                name={f.name}
                defaultValue={values[f.name] ?? ""}
                className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
              >
                <option value="">{t("common.list.any")}</option>
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={`filter-${f.name}`}
                type="date"
                name={f.name}
                defaultValue={values[f.name] ?? ""}
                className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
              />
            )}
          </div>
        ))}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="submit" className="min-h-[2.5rem] rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
          {t("common.list.apply")}
        </button>
        <Link to="?" className="text-sm font-medium text-brand-700 underline">
          {t("common.list.clearAll")}
        </Link>
        {archived !== undefined ? (
          <label className="ml-auto flex min-h-[24px] items-center gap-2 text-sm">
            <input type="checkbox" name="archived" value="1" defaultChecked={archived} className="h-4 w-4" />
            {t("common.list.archivedOnly")}
          </label>
        ) : null}
      </div>
    </Form>
  );
}

export function DataTable<R>({
  caption,
  columns,
  rows,
  rowKey,
  sort,
  dir,
  render,
  empty,
}: {
  caption: string;
  columns: Column<R>[];
  rows: R[];
  rowKey: (row: R) => string;
  sort: string;
  dir: "asc" | "desc";
  render?: Partial<Record<string, (row: R) => ReactNode>>;
  empty: ReactNode;
}) {
  const t = useT();
  const location = useLocation();
  if (rows.length === 0) {
    return <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">{empty}</div>;
  }
  const sortable = columns.some((c) => c.sortKey);
  // One table, laid out two ways by CSS alone (so nothing is in the page
  // twice, for a screen reader or a search of the page): from md up, a table;
  // below, each row a card: the first cell (the record's title) as its
  // heading, then every other cell under its column's name (data-label, shown
  // by ::before), and the header row a wrapping line of the sort links.
  return (
    <div className="rounded-lg border border-slate-200 bg-white md:overflow-x-auto">
      <table className="block w-full text-sm md:table md:min-w-full md:divide-y md:divide-slate-200">
        <caption className="sr-only">{caption}</caption>
        <thead className={`${sortable ? "block" : "hidden"} border-b border-slate-200 bg-slate-50 md:table-header-group md:border-0`}>
          <tr className="flex flex-wrap gap-x-4 gap-y-1 px-3 py-2 md:table-row md:p-0">
            {columns.map((c) => {
              const active = c.sortKey && c.sortKey === sort;
              const nextDir = active && dir === "asc" ? "desc" : "asc";
              return (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
                  className={`${c.sortKey ? "block" : "hidden"} font-medium text-slate-700 md:table-cell md:px-3 md:py-2 ${c.align === "right" ? "text-left md:text-right" : "text-left"}`}
                >
                  {c.sortKey ? (
                    <Link
                      to={withParams(location.search, { sort: c.sortKey, dir: nextDir })}
                      className="inline-flex min-h-[24px] items-center gap-1 underline-offset-2 hover:underline"
                    >
                      {c.header}
                      <span aria-hidden="true">{active ? (dir === "asc" ? "▲" : "▼") : "↕"}</span>
                    </Link>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="block divide-y divide-slate-200 md:table-row-group md:divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)} className="block px-3 py-3 align-top hover:bg-slate-50 md:table-row md:p-0">
              {columns.map((c, i) => (
                <td
                  key={c.key}
                  data-label={i === 0 ? undefined : c.header}
                  className={`break-words break-keep md:table-cell md:px-3 md:py-2 ${
                    i === 0
                      ? "block pb-1 text-base md:text-sm"
                      : "grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-x-3 py-0.5 before:text-slate-600 before:content-[attr(data-label)] md:before:content-none"
                  } ${c.align === "right" ? "md:text-right md:tabular-nums" : ""}`}
                >
                  {/* One box, so that on a card it is the grid's second column, beside the column's name. */}
                  <span className="min-w-0">{render?.[c.key] ? render[c.key]!(row) : c.text(row) || t("common.none")}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Pagination({ page, perPage, total }: { page: number; perPage: number; total: number }) {
  const t = useT();
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / perPage));
  // A page past the last one (a bookmark, or rows archived since): say so and lead back to the last page.
  const pastEnd = total > 0 && page > pages;
  const from = total === 0 ? 0 : (page - 1) * perPage + 1;
  const to = Math.min(total, page * perPage);
  return (
    <nav aria-label={t("common.list.pages")} className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p>
        {/* Numbers as strings: written as they always were, without grouping. */}
        {total === 0
          ? t("common.list.noResults")
          : pastEnd
            ? t("common.list.pastEnd", { count: total, pages: String(pages) })
            : t("common.list.showing", { from: String(from), to: String(to), total: String(total) })}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className="rounded-md px-3 py-2 font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50" to={withParams(location.search, { page: String(Math.min(page - 1, pages)) })}>
            {pastEnd ? t("common.list.lastPage") : t("common.list.previous")}
          </Link>
        ) : null}
        {pastEnd ? null : (
          <span className="px-2 py-2" aria-current="page">
            {t("common.list.pageOf", { page: String(page), pages: String(pages) })}
          </span>
        )}
        {page < pages ? (
          <Link className="rounded-md px-3 py-2 font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50" to={withParams(location.search, { page: String(page + 1) })}>
            {t("common.list.next")}
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

/**
 * "Download CSV" (and, where the list's loader makes workbooks, "Download
 * Excel") for the rows the list shows now: every filtered row, not one page.
 */
export function CsvLink({ total, xlsx = false }: { total: number; xlsx?: boolean }) {
  const t = useT();
  const location = useLocation();
  const matches = useMatches();
  // A loader's non-JSON Response reaches the browser unchanged only on a
  // Remix data request (?_data=<route id>); a document request would render
  // it as page data. So the link asks the list route's own loader, which
  // answers ?format=csv (or xlsx) with the file.
  const routeId = matches[matches.length - 1]?.id ?? "";
  const href = (format: string) => `${location.pathname}${withParams(location.search, { format, page: null, _data: routeId })}`;
  const className = "inline-flex min-h-[2.5rem] items-center rounded-md px-3 py-2 text-sm font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50";
  const count = String(total);
  return (
    <>
      <a href={href("csv")} download className={className}>
        {t("common.list.downloadCsv", { count })}
      </a>
      {xlsx ? (
        <a href={href("xlsx")} download className={className}>
          {t("common.list.downloadExcel", { count })}
        </a>
      ) : null}
    </>
  );
}

export function ListHeader({ title, description, actions }: { title: string; description?: string; actions?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(heading);
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 ref={heading} tabIndex={-1} className="text-2xl font-bold">{title}</h1>
        {description ? <p className="mt-1 text-slate-700">{description}</p> : null}
      </div>
      <div className="flex flex-wrap gap-2">{actions}</div>
    </div>
  );
}
