import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { PeriodsTable, TargetActualChart } from "~/components/indicators/indicator-results";
import { ActionLink, Facts, HistoryList, LifecycleActions, Notice, RecordHeader, Section } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestLocale } from "~/i18n/request.server";
import { listHistory } from "~/models/history.server";
import { deleteIndicator, getIndicator, indicatorIdOfPeriod, requireIndicator, setIndicatorArchived } from "~/models/indicator.server";
import { lifecycleAction } from "~/utils/lifecycle.server";
import { useFormat, useT } from "~/i18n/context";
import { indicatorFieldLabels } from "~/schemas/indicator";
import { notFoundError } from "~/utils/errors.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.indicator.title ?? "Indicator"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const stored = await getIndicator(scope, params.id ?? "");
  if (!stored) {
    // The spreadsheet import's preview links a period by its own id (ADR 0042): a period's page is its indicator's.
    const indicatorId = await indicatorIdOfPeriod(scope, params.id ?? "");
    if (indicatorId) throw redirect(`/indicators/${indicatorId}`);
    throw notFoundError("Indicator not found");
  }
  const [history, locale] = await Promise.all([listHistory("Indicator", stored.id), requestLocale(request)]);
  return json({ indicator: inReaderLanguage(stored, locale), history });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const { scope } = ctx;
  const indicator = await requireIndicator(scope, params.id ?? "");
  return lifecycleAction(request, {
    recordUrl: `/indicators/${indicator.id}`,
    afterDelete: `/indicators`,
    archive: (archived) => setIndicatorArchived(ctx, indicator.id, archived),
    remove: () => deleteIndicator(ctx, indicator.id),
  });
});

export default function IndicatorPage() {
  const { indicator: i, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ formError?: string | null }>();
  const t = useT();
  const fmt = useFormat();
  const unit = i.measure === "PERCENTAGE" ? "%" : i.unitLabel;
  const baselineValue =
    i.baselineValue !== null ? (i.measure === "PERCENTAGE" ? `${fmt.measure(i.baselineValue)}%` : fmt.measure(i.baselineValue, i.unitLabel)) : "";
  const baseline =
    i.measure === "QUALITATIVE"
      ? i.baselineComment ?? "—"
      : i.baselineValue !== null
        ? i.baselineYear
          ? t("indicators.detail.baselineIn", { value: baselineValue, year: String(i.baselineYear) })
          : baselineValue
        : i.baselineYear
          ? t("indicators.detail.notRecordedYear", { year: String(i.baselineYear) })
          : t("indicators.detail.notRecorded");
  return (
    <div className="space-y-6">
      <Notice />
      {actionData?.formError ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {t.text(actionData.formError)}
        </div>
      ) : null}
      <RecordHeader
        kicker={
          <>
            {t("indicators.detail.kicker", { type: t.label("resultType", i.resultType) })} ·{" "}
            <Link to={`/programmes/${i.programme.code}`} className="text-brand-700 underline">
              {i.programme.title}
            </Link>
          </>
        }
        title={i.title}
        archived={Boolean(i.archivedAt)}
        badges={<Badge tone="blue">{t.label("indicatorMeasure", i.measure)}</Badge>}
        actions={
          <>
            <ActionLink to={`/indicators/${i.id}/edit`}>{t("indicators.detail.edit")}</ActionLink>
            <LifecycleActions archived={Boolean(i.archivedAt)} />
          </>
        }
      />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
        <Section title={t("indicators.detail.details")}>
          <Facts
            items={[
              [t("indicators.detail.programme"), <Link key="p" to={`/programmes/${i.programme.code}`} className="break-keep text-brand-700 underline">{i.programme.title}</Link>],
              [
                t("indicators.detail.agreement"),
                i.agreement ? (
                  <Link key="a" to={`/agreements/${i.agreement.id}`} className="text-brand-700 underline">
                    {i.agreement.title}
                  </Link>
                ) : (
                  t("indicators.detail.noAgreement")
                ),
              ],
              [t("indicators.detail.resultType"), t.label("resultType", i.resultType)],
              [t("indicators.detail.measure"), t.label("indicatorMeasure", i.measure)],
              [t("indicators.detail.unit"), unit],
              [t("indicators.detail.direction"), i.ascending ? t("indicators.detail.higherBetter") : t("indicators.detail.lowerBetter")],
              [t("indicators.detail.baseline"), baseline],
              ...(i.measure !== "QUALITATIVE" && i.baselineComment ? ([[t("indicators.detail.baselineComment"), i.baselineComment]] as [string, string][]) : []),
            ]}
          />
          {i.description ? <p className="mt-4 whitespace-pre-line text-sm text-slate-800">{i.description}</p> : null}
        </Section>
        <div className="space-y-6 lg:col-span-2">
          <Section title={t("indicators.detail.periods", { count: i.periods.length })}>
            <PeriodsTable periods={i.periods} measure={i.measure} unit={unit} />
          </Section>
          {i.measure !== "QUALITATIVE" && i.periods.length > 0 ? (
            <Section title={t("indicators.detail.chart")}>
              <TargetActualChart title={i.title} periods={i.periods} measure={i.measure} unit={unit} />
            </Section>
          ) : null}
        </div>
      </div>
      <Section title={t("indicators.detail.history")}>
        <HistoryList items={history} labels={indicatorFieldLabels(t)} />
      </Section>
    </div>
  );
}
