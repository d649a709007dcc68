import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { ActionLink, Facts, HistoryList, LifecycleActions, Notice, RecordHeader, Section } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { deleteFundingLine, requireFundingLine, setFundingLineArchived } from "~/models/funding.server";
import { listHistory } from "~/models/history.server";
import { lifecycleAction } from "~/utils/lifecycle.server";
import { formatDate, formatDateRange } from "~/utils/format";
import { formatAmount, FUNDING_KIND_LABELS } from "~/utils/labels-results";
import { FUNDING_FIELD_LABELS } from "~/schemas/funding";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${FUNDING_KIND_LABELS[data.line.kind]} ${formatAmount(data.line.amount, data.line.currency)}` : "Funding line"} · Concord` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const line = await requireFundingLine(scope, params.id ?? "");
  const history = await listHistory("FundingLine", line.id);
  return json({ line, history });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, scope } = await requireStaff(request);
  const line = await requireFundingLine(scope, params.id ?? "");
  const actor = { id: user.id, email: user.email };
  return lifecycleAction(request, {
    recordUrl: `/funding/${line.id}`,
    afterDelete: `/funding`,
    archive: (archived) => setFundingLineArchived(actor, line.id, archived, context.clientIp),
    remove: () => deleteFundingLine(actor, line.id, context.clientIp),
  });
}

function OrgLink({ org }: { org: { id: string; shortName: string; fullName: string } | null }) {
  if (!org) return <>Not recorded</>;
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
  const kind = FUNDING_KIND_LABELS[f.kind] ?? f.kind;
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
            Funding ·{" "}
            <Link to={`/programmes/${f.programme.code}`} className="text-brand-700 underline">
              {f.programme.title}
            </Link>
          </>
        }
        title={`${kind}: ${formatAmount(f.amount, f.currency)}`}
        archived={Boolean(f.archivedAt)}
        badges={<Badge tone={f.kind === "BUDGET" ? "slate" : "blue"}>{f.kind === "BUDGET" ? "Budget" : "Transaction"}</Badge>}
        actions={
          <>
            <ActionLink to={`/funding/${f.id}/edit`}>Edit</ActionLink>
            <LifecycleActions archived={Boolean(f.archivedAt)} />
          </>
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Section title="Details">
            <Facts
              items={[
                ["Kind", kind],
                ["Amount", formatAmount(f.amount, f.currency)],
                ["Programme", <Link key="p" to={`/programmes/${f.programme.code}`} className="break-keep text-brand-700 underline">{f.programme.title}</Link>],
                ["Currency", f.currency],
                ["Provider", <OrgLink key="pr" org={f.provider} />],
                ["Receiver", <OrgLink key="re" org={f.receiver} />],
                f.kind === "BUDGET"
                  ? ["Budget period", formatDateRange(f.periodStart, f.periodEnd)]
                  : ["Transaction date", formatDate(f.transactionDate)],
                ["Value date", formatDate(f.valueDate)],
                ["Fiscal year", f.fiscalYear ? String(f.fiscalYear) : "—"],
                ...(f.kind !== "BUDGET" && (f.periodStart || f.periodEnd) ? ([["Period", formatDateRange(f.periodStart, f.periodEnd)]] as [string, string][]) : []),
              ]}
            />
            {f.description ? <p className="mt-4 whitespace-pre-line text-sm text-slate-800">{f.description}</p> : null}
          </Section>
        </div>
        <Section title="History">
          <HistoryList items={history} labels={FUNDING_FIELD_LABELS} />
        </Section>
      </div>
    </div>
  );
}
