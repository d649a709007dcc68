import { Form, Link } from "@remix-run/react";
import { useT } from "~/i18n/context";
import type { PortfolioFilters } from "~/models/portfolio.server";

// The portfolio's filters: a plain GET form, so the state is in the URL and
// it works without JavaScript.

export function PortfolioFilterForm({ filters, programmes }: { filters: PortfolioFilters; programmes: { code: string; title: string }[] }) {
  const t = useT();
  const active = filters.from !== null || filters.to !== null || filters.programme !== null;
  const input = "mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm";
  return (
    <Form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label={t("portfolio.filter.label")}>
      <label className="w-24 text-sm font-medium text-slate-800">
        {t("portfolio.filter.from")}
        <input type="number" name="from" min={1950} max={2200} inputMode="numeric" defaultValue={filters.from ?? ""} className={input} />
      </label>
      <label className="w-24 text-sm font-medium text-slate-800">
        {t("portfolio.filter.to")}
        <input type="number" name="to" min={1950} max={2200} inputMode="numeric" defaultValue={filters.to ?? ""} className={input} />
      </label>
      <label className="min-w-0 flex-1 basis-56 text-sm font-medium text-slate-800">
        {t("portfolio.filter.programme")}
        <select name="programme" defaultValue={filters.programme ?? ""} className={input}>
          <option value="">{t("portfolio.filter.allProgrammes")}</option>
          {programmes.map((p) => (
            <option key={p.code} value={p.code}>
              {p.code} — {p.title}
            </option>
          ))}
        </select>
      </label>
      <div className="flex gap-2">
        <button type="submit" className="min-h-[2.25rem] rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
          {t("portfolio.filter.apply")}
        </button>
        {active ? (
          <Link to="/portfolio" className="min-h-[2.25rem] rounded border border-slate-300 px-4 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
            {t("portfolio.filter.clear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
