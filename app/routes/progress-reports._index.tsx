import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TitleLink } from "~/components/lists/list-parts";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { DeadlineMarker, ReportStatusBadge } from "~/components/reporting/report-badges";
import { progressReportColumns } from "~/components/reporting/report-columns";
import { withNodes } from "~/components/ui/rich-text";
import { useFormat, useT } from "~/i18n/context";
import { createFormatter } from "~/i18n/format";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestTranslator } from "~/i18n/request.server";
import { listProgressReports, PROGRESS_REPORT_LIST } from "~/models/progress-report-list.server";
import { listFilterOptions } from "~/models/reference.server";
import { PROGRESS_REPORT_STATUSES } from "~/schemas/reporting-requirement";
import { staffListLoader } from "~/utils/list-loader.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data && "title" in data ? data.title : "Progress reports"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  const t = await requestTranslator(request);
  const list = await staffListLoader(
    { request, context },
    PROGRESS_REPORT_LIST,
    (scope, query, all) => listProgressReports(scope, query, all).then((r) => inReaderLanguage(r, t.locale)),
    (tr, fmt) => ({ columns: progressReportColumns(tr, fmt), filename: "concord-progress-reports", sheet: tr("reporting.list.sheet") }),
    () => listFilterOptions(t.locale),
  );
  if ("file" in list) return list.file;
  return json({ ...list.page, query: list.query, options: list.extra, today: new Date().toISOString(), title: t("reporting.list.title") });
});

export default function ProgressReports() {
  const { rows, total, query, options, today } = useLoaderData<typeof loader>();
  const t = useT();
  const fmt = useFormat();
  const columns = progressReportColumns(t, fmt);
  // Only today's midnight matters for the markers (the model computed them; the badge recomputes the same).
  const day = new Date(`${today.slice(0, 10)}T00:00:00Z`);
  const filters: FilterDef[] = [
    { kind: "select", name: "status", label: t("reporting.filter.status"), options: PROGRESS_REPORT_STATUSES.map((s) => ({ value: s, label: t(`reporting.status.${s}`) })) },
    { kind: "select", name: "programme", label: t("reporting.filter.programme"), options: options.programmes },
    { kind: "select", name: "country", label: t("reporting.filter.country"), options: options.countries },
    {
      kind: "select",
      name: "due",
      label: t("reporting.filter.due"),
      options: [
        { value: "overdue", label: t("reporting.filter.overdue") },
        { value: "next30", label: t("reporting.filter.next30") },
      ],
    },
  ];
  const filtered = Boolean(query.q) || Object.keys(query.filters).length > 0;
  return (
    <div className="space-y-4">
      <ListHeader title={t("reporting.list.title")} description={t("reporting.list.description")} actions={<CsvLink total={total} xlsx />} />
      <ListToolbar q={query.q} filters={filters} values={query.filters} searchLabel={t("reporting.list.search")} />
      <DataTable
        caption={t("reporting.list.title")}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        sort={query.sort}
        dir={query.dir}
        render={{
          requirement: (r) => <TitleLink to={`/progress-reports/${r.id}`} title={`${r.requirement.title} #${r.sequence}`} archived={r.requirement.archivedAt} />,
          programme: (r) => (
            <Link to={`/programmes/${r.programme.code}/reporting`} className="text-brand-700 underline-offset-2 hover:underline">
              {r.programme.title}
            </Link>
          ),
          dueDate: (r) => <span className="whitespace-nowrap">{fmt.date(r.dueDate)}</span>,
          status: (r) => <ReportStatusBadge status={r.status} />,
          deadline: (r) => <DeadlineMarker report={r} today={day} />,
        }}
        empty={
          filtered
            ? withNodes(t("reporting.list.empty"), {
                link: (
                  <Link to="?" className="text-brand-700 underline">
                    {t("reporting.list.clear")}
                  </Link>
                ),
              })
            : t("reporting.list.emptyNone")
        }
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
