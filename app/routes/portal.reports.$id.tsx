import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePartner } from "~/auth/auth.server";
import type { ActionResult } from "~/components/form/zod-form";
import { ReportPage } from "~/components/progress-reports/report-page";
import { useT } from "~/i18n/context";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestTranslator } from "~/i18n/request.server";
import { loadReport } from "~/models/progress-report.server";
import { progressReportAction } from "~/utils/progress-report-action.server";
import { withDomainErrors } from "~/utils/respond.server";

// Issue 18: a progress report in the partner portal: read it, fill it in and
// submit it when the partner reports, see the review comments by section.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.pageTitle ?? "Progress report"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requirePartner(request);
  const [loaded, t] = await Promise.all([loadReport({ scope }, params.id ?? ""), requestTranslator(request)]);
  const data = inReaderLanguage(loaded, t.locale);
  return json({ data, pageTitle: t("progressReport.pageTitle", { from: loaded.report.periodStart.toISOString().slice(0, 10), to: loaded.report.periodEnd.toISOString().slice(0, 10) }) });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const id = params.id ?? "";
  return progressReportAction(request, context, requirePartner, id, `/portal/reports/${id}`);
});

export default function PortalReportPage() {
  const { data } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const t = useT();
  return (
    <div className="space-y-4">
      <nav aria-label={t("portal.breadcrumb")} className="break-words text-sm">
        <Link to="/portal" className="text-brand-700 underline">{t("portal.title")}</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/portal/programmes/${encodeURIComponent(data.programme.code)}`} className="text-brand-700 underline">{data.programme.title}</Link>
      </nav>
      <ReportPage data={data} actionData={actionData} showHistory={false} />
    </div>
  );
}
