import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { PortfolioFilterForm } from "~/components/portfolio/filter-form";
import { ActivitiesByKindChart, DeliverablesChart, FundingCharts, ParticipantsChart } from "~/components/portfolio/portfolio-charts";
import { WorldMap } from "~/components/portfolio/world-map";
import { MAP_HEIGHT, MAP_WIDTH, worldShapes } from "~/models/portfolio-map.server";
import { loadPortfolio, parsePortfolioFilters } from "~/models/portfolio.server";

export const meta: MetaFunction = () => [{ title: "Portfolio · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireUser(request);
  // Partners see their countries' programmes in the progress portal; this
  // cross-programme page is for staff and donors only.
  if (scope.kind === "partner") throw new Response("You do not have access to this page.", { status: 403 });
  const filters = parsePortfolioFilters(new URL(request.url).searchParams);
  const portfolio = await loadPortfolio(scope, filters);
  return json({ portfolio, donor: scope.kind === "donor", map: { shapes: worldShapes(), width: MAP_WIDTH, height: MAP_HEIGHT } });
}

export default function Portfolio() {
  const { portfolio: p, donor, map } = useLoaderData<typeof loader>();
  const f = p.filters;
  const range =
    f.from !== null && f.to !== null ? `${f.from}–${f.to}` : f.from !== null ? `from ${f.from}` : f.to !== null ? `up to ${f.to}` : "all years";
  const programme = f.programme ? p.programmeOptions.find((o) => o.code === f.programme) : null;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Portfolio</h1>
        <p className="mt-1 max-w-3xl text-slate-700">
          {donor
            ? "Activities, deliverables, participants and funding across the programmes your organisation funds."
            : "Activities, deliverables, participants and funding across every programme that is not archived."}
        </p>
        <p className="mt-1 text-sm text-slate-600" aria-live="polite">
          Showing {programme ? `${programme.code} — ${programme.title}` : `${p.programmeCount} ${p.programmeCount === 1 ? "programme" : "programmes"}`}, {range}.
          {f.from !== null || f.to !== null ? " Records without a date are left out while a year range is set." : ""}
        </p>
      </div>

      <PortfolioFilterForm filters={f} programmes={p.programmeOptions} />

      {p.programmeOptions.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
          {donor
            ? "No programme funded by your organisation has been recorded yet. Figures appear here once one is."
            : "No programmes yet. Record a programme and its activities to see the portfolio."}
        </p>
      ) : (
        <>
          <div className="grid gap-6 lg:grid-cols-2">
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
            note="Where each activity took place; an activity with no country recorded counts for each partner country of its programme."
          />
        </>
      )}
    </div>
  );
}
