import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { PeriodsTable, TargetActualChart } from "~/components/indicators/indicator-results";
import { ActionLink, Facts, HistoryList, LifecycleActions, Notice, RecordHeader, Section } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { listHistory } from "~/models/history.server";
import { deleteIndicator, requireIndicator, setIndicatorArchived } from "~/models/indicator.server";
import { lifecycleAction } from "~/utils/lifecycle.server";
import { formatMeasure, INDICATOR_MEASURE_LABELS, RESULT_TYPE_LABELS } from "~/utils/labels-results";
import { INDICATOR_FIELD_LABELS } from "~/schemas/indicator";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.indicator.title ?? "Indicator"} · Concord` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const indicator = await requireIndicator(scope, params.id ?? "");
  const history = await listHistory("Indicator", indicator.id);
  return json({ indicator, history });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, scope } = await requireStaff(request);
  const indicator = await requireIndicator(scope, params.id ?? "");
  const actor = { id: user.id, email: user.email };
  return lifecycleAction(request, {
    recordUrl: `/indicators/${indicator.id}`,
    afterDelete: `/indicators`,
    archive: (archived) => setIndicatorArchived(actor, indicator.id, archived, context.clientIp),
    remove: () => deleteIndicator(actor, indicator.id, context.clientIp),
  });
}

export default function IndicatorPage() {
  const { indicator: i, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ formError?: string | null }>();
  const unit = i.measure === "PERCENTAGE" ? "%" : i.unitLabel;
  const baseline =
    i.measure === "QUALITATIVE"
      ? i.baselineComment ?? "—"
      : i.baselineValue !== null
        ? `${i.measure === "PERCENTAGE" ? `${formatMeasure(i.baselineValue)}%` : formatMeasure(i.baselineValue, i.unitLabel)}${i.baselineYear ? ` in ${i.baselineYear}` : ""}`
        : i.baselineYear
          ? `Not recorded (year ${i.baselineYear})`
          : "Not recorded";
  return (
    <div className="space-y-6">
      <Notice />
      {actionData?.formError ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {actionData.formError}
        </div>
      ) : null}
      <RecordHeader
        kicker={
          <>
            {RESULT_TYPE_LABELS[i.resultType]} indicator ·{" "}
            <Link to={`/programmes/${i.programme.code}`} className="text-brand-700 underline">
              {i.programme.title}
            </Link>
          </>
        }
        title={i.title}
        archived={Boolean(i.archivedAt)}
        badges={<Badge tone="blue">{INDICATOR_MEASURE_LABELS[i.measure]}</Badge>}
        actions={
          <>
            <ActionLink to={`/indicators/${i.id}/edit`}>Edit</ActionLink>
            <LifecycleActions archived={Boolean(i.archivedAt)} />
          </>
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Section title="Details">
          <Facts
            items={[
              ["Programme", <Link key="p" to={`/programmes/${i.programme.code}`} className="break-keep text-brand-700 underline">{i.programme.title}</Link>],
              [
                "Agreement",
                i.agreement ? (
                  <Link key="a" to={`/agreements/${i.agreement.id}`} className="text-brand-700 underline">
                    {i.agreement.title}
                  </Link>
                ) : (
                  "Not linked to an agreement"
                ),
              ],
              ["Result type", RESULT_TYPE_LABELS[i.resultType]],
              ["Measure", INDICATOR_MEASURE_LABELS[i.measure]],
              ["Unit", unit],
              ["Direction", i.ascending ? "Higher is better" : "Lower is better"],
              ["Baseline", baseline],
              ...(i.measure !== "QUALITATIVE" && i.baselineComment ? ([["Baseline comment", i.baselineComment]] as [string, string][]) : []),
            ]}
          />
          {i.description ? <p className="mt-4 whitespace-pre-line text-sm text-slate-800">{i.description}</p> : null}
        </Section>
        <div className="space-y-6 lg:col-span-2">
          <Section title={`Periods (${i.periods.length})`}>
            <PeriodsTable periods={i.periods} measure={i.measure} unit={unit} />
          </Section>
          {i.measure !== "QUALITATIVE" && i.periods.length > 0 ? (
            <Section title="Target and actual by period">
              <TargetActualChart title={i.title} periods={i.periods} measure={i.measure} unit={unit} />
            </Section>
          ) : null}
        </div>
      </div>
      <Section title="History">
        <HistoryList items={history} labels={INDICATOR_FIELD_LABELS} />
      </Section>
    </div>
  );
}
