import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePartner } from "~/auth/auth.server";
import { ProgrammeCards } from "~/components/portal/programme-cards";
import { StatCard } from "~/components/ui/card";
import { countryNames } from "~/models/country.server";
import { listPortalProgrammes } from "~/models/portal.server";
import { portfolioSummary } from "~/models/programme.server";
import { formatNumber } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Progress portal · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requirePartner(request);
  const [summary, programmes, countries] = await Promise.all([
    portfolioSummary(scope),
    listPortalProgrammes(scope),
    countryNames(scope.countries),
  ]);
  return json({ summary, programmes, countries });
}

export default function Portal() {
  const { summary, programmes, countries } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-600">Progress portal</p>
        <h1 className="break-words text-2xl font-bold">Cooperation programmes with {countries.join(", ") || "your country"}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">
          How the activities, deliverables and agreed outcomes of each programme are progressing. Open a programme to acknowledge outcomes and
          deliverables and to leave comments for the cooperation centre.
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" aria-label="Summary">
        <StatCard label="Programmes" value={formatNumber(summary.programmes)} />
        <StatCard label="Activities" value={formatNumber(summary.activities)} />
        <StatCard label="Open deliverables" value={formatNumber(summary.deliverablesOpen)} />
        <StatCard
          label="Overdue deliverables"
          value={formatNumber(summary.deliverablesOverdue)}
          tone={summary.deliverablesOverdue > 0 ? "warning" : "default"}
        />
        <StatCard label="Participants recorded" value={formatNumber(summary.participants)} />
      </dl>
      <section aria-labelledby="programmes-heading" className="space-y-3">
        <h2 id="programmes-heading" className="text-lg font-semibold">
          Programmes ({programmes.length})
        </h2>
        <ProgrammeCards programmes={programmes} />
      </section>
    </div>
  );
}
