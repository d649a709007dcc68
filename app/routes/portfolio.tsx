import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { PortfolioFilterForm } from "~/components/portfolio/filter-form";
import { ActivitiesByKindChart, DeliverablesChart, FundingCharts, ParticipantsChart } from "~/components/portfolio/portfolio-charts";
import { WorldMap } from "~/components/portfolio/world-map";
import { MAP_HEIGHT, MAP_WIDTH, worldShapes } from "~/models/portfolio-map.server";
import { loadPortfolio, parsePortfolioFilters } from "~/models/portfolio.server";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "Portfolio · Concord" }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireUser(request);
  const t = await requestTranslator(request);
  // Partners see their countries' programmes in the progress portal; this
  // cross-programme page is for staff and donors only.
  if (scope.kind === "partner") throw new Response(t("portfolio.forbidden"), { status: 403 });
  const filters = parsePortfolioFilters(new URL(request.url).searchParams);
  const portfolio = await loadPortfolio(scope, filters);
  return json({
    pageTitle: t("portfolio.pageTitle"),
    portfolio,
    donor: scope.kind === "donor",
    map: { shapes: worldShapes(), width: MAP_WIDTH, height: MAP_HEIGHT },
  });
});

export default function Portfolio() {
  const { portfolio: p, donor, map } = useLoaderData<typeof loader>();
  const t = useT();
  const f = p.filters;
  // Years as text: a year is not a quantity ("2024", never "2,024").
  const from = f.from === null ? null : String(f.from);
  const to = f.to === null ? null : String(f.to);
  const range =
    from !== null && to !== null
      ? t("portfolio.range.between", { from, to })
      : from !== null
        ? t("portfolio.range.from", { from })
        : to !== null
          ? t("portfolio.range.to", { to })
          : t("portfolio.range.all");
  const programme = f.programme ? p.programmeOptions.find((o) => o.code === f.programme) : null;
  const what = programme ? `${programme.code} — ${programme.title}` : t("portfolio.count.programmes", { count: p.programmeCount });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("portfolio.heading")}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">{donor ? t("portfolio.introDonor") : t("portfolio.intro")}</p>
        <p className="mt-1 text-sm text-slate-600" aria-live="polite">
          {t("portfolio.showing", { what, range })}
          {f.from !== null || f.to !== null ? ` ${t("portfolio.undatedLeftOut")}` : ""}
        </p>
      </div>

      <PortfolioFilterForm filters={f} programmes={p.programmeOptions} />

      {p.programmeOptions.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
          {donor ? t("portfolio.emptyDonor") : t("portfolio.empty")}
        </p>
      ) : (
        <>
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            <ActivitiesByKindChart rows={p.activitiesByKindYear} />
            <DeliverablesChart rows={p.deliverablesByStatus} overdue={p.deliverablesOverdue} today={p.today} />
            <ParticipantsChart total={p.participantsTotal} byYear={p.participantsByYear} />
            <FundingCharts rows={p.funding} />
          </div>
          <WorldMap
            shapes={map.shapes}
            width={map.width}
            height={map.height}
            counts={p.countries}
            note={t("portfolio.map.note")}
          />
        </>
      )}
    </div>
  );
}
