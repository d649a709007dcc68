import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff, requireUser } from "~/auth/auth.server";
import type { ActionResult } from "~/components/form/zod-form";
import { ReportPage } from "~/components/progress-reports/report-page";
import { useT } from "~/i18n/context";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestTranslator } from "~/i18n/request.server";
import { readReport } from "~/models/progress-report.server";
import { progressReportPath } from "~/models/progress-report-scope.server";
import { progressReportAction } from "~/utils/progress-report-action.server";
import { withDomainErrors } from "~/utils/respond.server";

// Issue 18: a progress report in the workspace. Staff review it here (each
// section beside the targets and the previous period's approved values,
// a comment per section, return / approve / reopen) and may fill it in for
// the reporter on the same page; donors read approved reports of the
// programmes they fund (any other is not found). Partners work in the portal.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.pageTitle ?? "Progress report"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requireUser(request);
  const id = params.id ?? "";
  if (scope.kind === "partner") throw redirect(progressReportPath(user.role, id));
  const [loaded, t] = await Promise.all([readReport({ scope }, id), requestTranslator(request)]);
  return json({
    data: inReaderLanguage(loaded, t.locale),
    staff: scope.kind === "staff",
    pageTitle: t("progressReport.pageTitle", { from: loaded.report.periodStart.toISOString().slice(0, 10), to: loaded.report.periodEnd.toISOString().slice(0, 10) }),
  });
});

// Only staff write here (donors read; partners write in the portal).
export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const id = params.id ?? "";
  return progressReportAction(request, context, requireStaff, id, `/progress-reports/${id}`);
});

export default function ProgressReportPage() {
  const { data, staff } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const t = useT();
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <p className="text-sm">
        <Link to={staff ? "/progress-reports" : "/donor"} className="text-brand-700 underline">{t("progressReport.back")}</Link>
      </p>
      <ReportPage data={data} actionData={actionData} showHistory={staff} />
    </div>
  );
}
