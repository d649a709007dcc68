import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireDonor } from "~/auth/auth.server";
import { DonorProgrammeList } from "~/components/donor/donor-programme";
import { StatCard } from "~/components/ui/card";
import { listDonorProgrammes } from "~/models/donor.server";
import { organisationNames } from "~/models/organisation.server";
import { portfolioSummary } from "~/models/programme.server";
import { formatNumber } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Funded programmes · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireDonor(request);
  const [summary, programmes, funders] = await Promise.all([
    portfolioSummary(scope),
    listDonorProgrammes(scope),
    organisationNames(scope.organisationIds),
  ]);
  return json({ summary, programmes, funders });
}

export default function Donor() {
  const { summary, programmes, funders } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold [overflow-wrap:anywhere]">
          {funders.length ? `Programmes funded by ${funders.join(", ")}` : "Funded programmes"}
        </h1>
        <p className="mt-1 text-slate-700">
          The programmes you fund: what has been committed and disbursed, the results so far, and reports for any period.
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Summary">
        <StatCard label="Programmes" value={formatNumber(summary.programmes)} />
        <StatCard label="Agreements" value={formatNumber(summary.agreements)} />
        <StatCard label="Activities" value={formatNumber(summary.activities)} />
        <StatCard label="Open deliverables" value={formatNumber(summary.deliverablesOpen)} />
        <StatCard
          label="Overdue deliverables"
          value={formatNumber(summary.deliverablesOverdue)}
          tone={summary.deliverablesOverdue > 0 ? "warning" : "default"}
        />
        <StatCard label="Participants recorded" value={formatNumber(summary.participants)} />
      </dl>
      <DonorProgrammeList programmes={programmes} />
    </div>
  );
}
