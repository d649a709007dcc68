import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { ActionLink, Facts, HistoryList, LifecycleActions, Notice, RecordHeader, Section } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { deleteFundingLine, requireFundingLine, setFundingLineArchived } from "~/models/funding.server";
import { listHistory } from "~/models/history.server";
import { lifecycleAction } from "~/utils/lifecycle.server";
import { useFormat, useT } from "~/i18n/context";
import { createFormatter } from "~/i18n/format";
import { requestTranslator } from "~/i18n/request.server";
import { fundingFieldLabels, isTransactionKind } from "~/schemas/funding";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Funding line"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const line = await requireFundingLine(scope, params.id ?? "");
  const history = await listHistory("FundingLine", line.id);
  const t = await requestTranslator(request);
  const title = t("funding.meta.title", { kind: t.label("fundingKind", line.kind), amount: createFormatter(t).amount(line.amount, line.currency) });
  return json({ line, history, title });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const { scope } = ctx;
  const line = await requireFundingLine(scope, params.id ?? "");
  return lifecycleAction(request, {
    recordUrl: `/funding/${line.id}`,
    afterDelete: `/funding`,
    archive: (archived) => setFundingLineArchived(ctx, line.id, archived),
    remove: () => deleteFundingLine(ctx, line.id),
  });
});

function OrgLink({ org }: { org: { id: string; shortName: string; fullName: string } | null }) {
  const t = useT();
  if (!org) return <>{t("funding.detail.notRecorded")}</>;
  return (
    <>
      <Link to={`/organisations/${org.id}`} className="text-brand-700 underline">
        {org.shortName}
      </Link>
      <span className="block font-normal text-slate-700">{org.fullName}</span>
    </>
  );
}

export default function FundingLinePage() {
  const { line: f, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ formError?: string | null }>();
  const t = useT();
  const fmt = useFormat();
  const kind = t.label("fundingKind", f.kind);
  const amount = fmt.amount(f.amount, f.currency);
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
            {t("funding.detail.kicker")} ·{" "}
            <Link to={`/programmes/${f.programme.code}`} className="text-brand-700 underline">
              {f.programme.title}
            </Link>
          </>
        }
        title={t("funding.detail.title", { kind, amount })}
        archived={Boolean(f.archivedAt)}
        badges={<Badge tone={f.kind === "BUDGET" ? "slate" : "blue"}>{f.kind === "BUDGET" ? t("funding.detail.budget") : isTransactionKind(f.kind) ? t("funding.detail.transaction") : t.label("fundingKind", f.kind)}</Badge>}
        actions={
          <>
            <ActionLink to={`/funding/${f.id}/edit`}>{t("funding.detail.edit")}</ActionLink>
            <LifecycleActions archived={Boolean(f.archivedAt)} />
          </>
        }
      />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Section title={t("funding.detail.details")}>
            <Facts
              items={[
                [t("funding.detail.kind"), kind],
                [t("funding.detail.amount"), amount],
                [t("funding.detail.programme"), <Link key="p" to={`/programmes/${f.programme.code}`} className="break-keep text-brand-700 underline">{f.programme.title}</Link>],
                [t("funding.detail.currency"), f.currency],
                [t("funding.detail.provider"), <OrgLink key="pr" org={f.provider} />],
                [t("funding.detail.receiver"), <OrgLink key="re" org={f.receiver} />],
                f.kind === "BUDGET"
                  ? [t("funding.detail.budgetPeriod"), fmt.dateRange(f.periodStart, f.periodEnd)]
                  : f.kind === "PLANNED_DISBURSEMENT"
                    ? [t("funding.detail.period"), fmt.dateRange(f.periodStart, f.periodEnd)]
                    : [t("funding.detail.transactionDate"), fmt.date(f.transactionDate)],
                [t("funding.detail.valueDate"), fmt.date(f.valueDate)],
                [t("funding.detail.fiscalYear"), f.fiscalYear ? String(f.fiscalYear) : "—"],
                ...(f.providerActivityId ? ([[t("iatiFields.funding.providerActivityId"), f.providerActivityId]] as [string, string][]) : []),
                ...(f.receiverActivityId ? ([[t("iatiFields.funding.receiverActivityId"), f.receiverActivityId]] as [string, string][]) : []),
                ...(isTransactionKind(f.kind) && (f.periodStart || f.periodEnd)
                  ? ([[t("funding.detail.period"), fmt.dateRange(f.periodStart, f.periodEnd)]] as [string, string][])
                  : []),
              ]}
            />
            {f.description ? <p className="mt-4 whitespace-pre-line text-sm text-slate-800">{f.description}</p> : null}
          </Section>
        </div>
        <Section title={t("funding.detail.history")}>
          <HistoryList items={history} labels={fundingFieldLabels(t)} />
        </Section>
      </div>
    </div>
  );
}
