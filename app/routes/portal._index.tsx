import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePartner } from "~/auth/auth.server";
import { PortfolioHome } from "~/components/programmes/portfolio-home";
import { countryNames } from "~/models/country.server";
import { listProgrammes, portfolioSummary } from "~/models/programme.server";

export const meta: MetaFunction = () => [{ title: "Progress portal · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requirePartner(request);
  const [summary, programmes, countries] = await Promise.all([
    portfolioSummary(scope),
    listProgrammes(scope),
    countryNames(scope.countries),
  ]);
  return json({ summary, programmes, countries });
}

export default function Portal() {
  const { summary, programmes, countries } = useLoaderData<typeof loader>();
  return (
    <PortfolioHome
      heading={`Progress portal: ${countries.join(", ")}`}
      intro="The cooperation programmes with your country, and how their activities and deliverables are progressing."
      summary={summary}
      programmes={programmes}
      emptyMessage="No programme with your country has been recorded yet."
    />
  );
}
