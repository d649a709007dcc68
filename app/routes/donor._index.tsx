import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireDonor } from "~/auth/auth.server";
import { PortfolioHome } from "~/components/programmes/portfolio-home";
import { organisationNames } from "~/models/organisation.server";
import { listProgrammes, portfolioSummary } from "~/models/programme.server";

export const meta: MetaFunction = () => [{ title: "Funded programmes · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireDonor(request);
  const [summary, programmes, funders] = await Promise.all([
    portfolioSummary(scope),
    listProgrammes(scope),
    organisationNames(scope.organisationIds),
  ]);
  return json({ summary, programmes, funders });
}

export default function Donor() {
  const { summary, programmes, funders } = useLoaderData<typeof loader>();
  return (
    <PortfolioHome
      heading={`Programmes funded by ${funders.join(", ")}`}
      intro="The programmes you fund, with their agreements, activities and results."
      summary={summary}
      programmes={programmes}
      emptyMessage="No programme funded by your organisation has been recorded yet."
    />
  );
}
