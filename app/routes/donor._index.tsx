import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireDonor } from "~/auth/auth.server";
import { DonorProgrammeList } from "~/components/donor/donor-programme";
import { Pagination } from "~/components/lists/list-view";
import { StatCard } from "~/components/ui/card";
import { DONOR_PROGRAMMES_PER_PAGE, listDonorProgrammes } from "~/models/donor.server";
import { organisationNames } from "~/models/organisation.server";
import { portfolioSummary } from "~/models/programme.server";
import { approvedReportsByProgramme } from "~/models/progress-report.server";
import { narrative } from "~/i18n/narrative";
import { useFormat, useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { parseListQuery } from "~/utils/list-query";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "Funded programmes · Concord" }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireDonor(request);
  const translator = requestTranslator(request);
  // One page of cards (?page=2 for the next): the summary counts them all.
  const { page, perPage } = parseListQuery(new URL(request.url).searchParams, { sorts: [], defaultSort: "", filters: [], perPage: DONOR_PROGRAMMES_PER_PAGE });
  const [summary, programmes, funders, t] = await Promise.all([
    portfolioSummary(scope),
    // Titles in the reader's language where the records have them.
    translator.then((tr) => listDonorProgrammes(scope, tr.locale, { page, perPage })),
    organisationNames(scope.organisationIds),
    translator,
  ]);
  // The figures the page shows, and the cards without the ids it does not use.
  const { agreements, activities, deliverablesOpen, deliverablesOverdue, participants } = summary;
  // Issue 18: each card lists the programme's approved progress reports.
  const reports = await approvedReportsByProgramme(scope, programmes.map((p) => p.id));
  const reportLinks = (id: string) =>
    (reports.get(id) ?? []).map((r) => ({ id: r.id, title: narrative(r.requirement, "title", r.requirement.title, t.locale), periodStart: r.periodStart, periodEnd: r.periodEnd }));
  return json({
    summary: { programmes: summary.programmes, agreements, activities, deliverablesOpen, deliverablesOverdue, participants },
    programmes: programmes.map(({ id, ...card }) => ({ ...card, progressReports: reportLinks(id) })),
    page,
    perPage,
    funders,
    pageTitle: t("donor.pageTitle"),
  });
});

export default function Donor() {
  const { summary, programmes, page, perPage, funders } = useLoaderData<typeof loader>();
  const t = useT();
  const fmt = useFormat();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold [overflow-wrap:anywhere]">
          {funders.length ? t("donor.headingFunders", { funders: funders.join(", ") }) : t("donor.heading")}
        </h1>
        <p className="mt-1 text-slate-700">
          {t("donor.intro")}
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label={t("donor.summary")}>
        <StatCard label={t("donor.stat.programmes")} value={fmt.number(summary.programmes)} />
        <StatCard label={t("donor.stat.agreements")} value={fmt.number(summary.agreements)} />
        <StatCard label={t("donor.stat.activities")} value={fmt.number(summary.activities)} />
        <StatCard label={t("donor.stat.deliverablesOpen")} value={fmt.number(summary.deliverablesOpen)} />
        <StatCard
          label={t("donor.stat.deliverablesOverdue")}
          value={fmt.number(summary.deliverablesOverdue)}
          tone={summary.deliverablesOverdue > 0 ? "warning" : "default"}
        />
        <StatCard label={t("donor.stat.participants")} value={fmt.number(summary.participants)} />
      </dl>
      {/* Past the last page: no card, but not "no programme" either. */}
      {programmes.length > 0 || summary.programmes === 0 ? <DonorProgrammeList programmes={programmes} /> : null}
      {summary.programmes > perPage ? <Pagination page={page} perPage={perPage} total={summary.programmes} /> : null}
    </div>
  );
}
