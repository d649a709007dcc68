import { Form, useLocation } from "@remix-run/react";
import { useT } from "~/i18n/context";
import { SEARCH_MAX_LENGTH } from "~/utils/search";

/**
 * The search box in the header (issue 19, point 8): a plain GET form to
 * /search, so it works without JavaScript and the result page's URL can be
 * shared. On the result page it shows the query being looked at. Its label
 * differs from the result page's field and from the lists' "Search everything
 * (…)" filters, so no page has two fields of the same name.
 */
export function HeaderSearch() {
  const t = useT();
  const location = useLocation();
  const current = location.pathname === "/search" ? (new URLSearchParams(location.search).get("q") ?? "") : "";
  return (
    <Form method="get" action="/search" role="search" aria-label={t("search.header.label")} className="flex items-center gap-1 text-sm">
      <label htmlFor="header-search" className="sr-only">
        {t("search.header.label")}
      </label>
      <input
        id="header-search"
        key={current}
        type="search"
        name="q"
        defaultValue={current}
        maxLength={SEARCH_MAX_LENGTH}
        placeholder={t("search.box.placeholder")}
        className="w-40 rounded border border-brand-900 bg-white px-2 py-1 text-slate-900 placeholder:text-slate-500"
      />
      <button type="submit" className="min-h-[2rem] rounded px-2 py-1 font-medium hover:bg-brand-700">
        {t("search.box.submit")}
      </button>
    </Form>
  );
}
