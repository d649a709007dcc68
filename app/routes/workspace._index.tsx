import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { PortfolioHome } from "~/components/programmes/portfolio-home";
import { listProgrammes, portfolioSummary } from "~/models/programme.server";

export const meta: MetaFunction = () => [{ title: "Workspace · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const [summary, programmes] = await Promise.all([portfolioSummary(scope), listProgrammes(scope)]);
  return json({ summary, programmes });
}

export default function Workspace() {
  const { summary, programmes } = useLoaderData<typeof loader>();
  return (
    <PortfolioHome
      heading="Cooperation workspace"
      intro="Every programme of the cooperation centre, with its agreements, activities and deliverables."
      summary={summary}
      programmes={programmes}
      emptyMessage="No programmes yet. Programmes you record will be listed here."
    />
  );
}
