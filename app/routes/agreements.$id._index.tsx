import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { ActionLink, Facts, HistoryList, LifecycleActions, LinkedList, Notice, RecordHeader, Section } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { deleteAgreement, requireAgreement, setAgreementArchived } from "~/models/agreement.server";
import { AGREEMENT_FIELD_LABELS } from "~/schemas/agreement";
import { listHistory } from "~/models/history.server";
import { lifecycleAction } from "~/utils/lifecycle.server";
import { formatDate, formatMoney, type Precision } from "~/utils/format";
import { ACTIVITY_KIND_LABELS, ACTIVITY_STATUS_LABELS, AGREEMENT_STATUS_LABELS, AGREEMENT_TYPE_LABELS, DELIVERABLE_STATUS_LABELS } from "~/utils/labels";
import { PARTY_ROLE_LABELS } from "~/utils/labels-extra";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.agreement.title ?? "Agreement"} · Concord` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const agreement = await requireAgreement(scope, params.id ?? "");
  const history = await listHistory("Agreement", agreement.id);
  return json({ agreement, history });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, scope } = await requireStaff(request);
  const agreement = await requireAgreement(scope, params.id ?? "");
  const actor = { id: user.id, email: user.email };
  return lifecycleAction(request, {
    recordUrl: `/agreements/${agreement.id}`,
    afterDelete: `/programmes/${agreement.programme.code}`,
    archive: (archived) => setAgreementArchived(actor, agreement.id, archived, context.clientIp),
    remove: () => deleteAgreement(actor, agreement.id, context.clientIp),
  });
}

export default function AgreementPage() {
  const { agreement: a, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ formError?: string | null }>();
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
            {AGREEMENT_TYPE_LABELS[a.type]} ·{" "}
            <Link to={`/programmes/${a.programme.code}`} className="text-brand-700 underline">
              {a.programme.title}
            </Link>
          </>
        }
        title={a.title}
        archived={Boolean(a.archivedAt)}
        badges={<Badge tone={a.status === "ACTIVE" || a.status === "SIGNED" ? "green" : "slate"}>{AGREEMENT_STATUS_LABELS[a.status]}</Badge>}
        actions={
          <>
            <ActionLink to={`/agreements/${a.id}/edit`}>Edit</ActionLink>
            {a.type !== "AMENDMENT" ? <ActionLink to={`/agreements/new?parent=${a.id}&programme=${a.programme.id}`}>Add amendment</ActionLink> : null}
            <LifecycleActions archived={Boolean(a.archivedAt)} />
          </>
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Section title="Details">
          <Facts
            items={[
              ["Signed", a.signedOn ? formatDate(a.signedOn, a.signedPrecision as Precision) : "Not recorded"],
              ["Effective", formatDate(a.effectiveOn)],
              ["Expires", formatDate(a.expiresOn)],
              ["Value", a.value ? formatMoney(a.value, a.currency) : "—"],
              ["Reference", a.reference],
              ["Amends", a.parent ? <Link to={`/agreements/${a.parent.id}`} className="text-brand-700 underline">{a.parent.title}</Link> : "—"],
            ]}
          />
          {a.description ? <p className="mt-4 whitespace-pre-line text-sm text-slate-800">{a.description}</p> : null}
        </Section>
        <Section title={`Parties (${a.parties.length})`}>
          {a.parties.length === 0 ? (
            <p className="text-sm text-slate-600">No parties recorded. Edit the agreement to add them.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {a.parties.map((p) => (
                <li key={`${p.organisationId}-${p.role}`}>
                  <span className="font-medium">{p.organisation.shortName}</span> — {p.organisation.fullName}{" "}
                  <span className="text-slate-600">({PARTY_ROLE_LABELS[p.role]})</span>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title={`Amendments (${a.amendments.length})`}>
          <LinkedList
            items={a.amendments.map((x) => ({
              to: `/agreements/${x.id}`,
              title: x.title,
              archived: Boolean(x.archivedAt),
              meta: `${AGREEMENT_STATUS_LABELS[x.status]} · signed ${formatDate(x.signedOn)}`,
            }))}
            empty="No amendments."
          />
        </Section>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Section
          title={`Activities under this agreement (${a.activities.length})`}
          actions={<ActionLink to={`/activities/new?agreement=${a.id}`}>Add activity</ActionLink>}
        >
          <LinkedList
            items={a.activities.map(({ activity: x }) => ({
              to: `/activities/${x.id}`,
              title: x.title,
              archived: Boolean(x.archivedAt),
              meta: `${ACTIVITY_KIND_LABELS[x.kind]} · ${ACTIVITY_STATUS_LABELS[x.status]} · ${formatDate(x.actualStart ?? x.plannedStart)}`,
            }))}
            empty="No activities are linked to this agreement yet. Link one from the activity's form."
          />
        </Section>
        <Section
          title={`Deliverables (${a.deliverables.length})`}
          actions={<ActionLink to={`/deliverables/new?agreement=${a.id}`}>Add deliverable</ActionLink>}
        >
          <LinkedList
            items={a.deliverables.map((x) => ({
              to: `/deliverables/${x.id}`,
              title: x.title,
              archived: Boolean(x.archivedAt),
              meta: `${DELIVERABLE_STATUS_LABELS[x.status]} · due ${formatDate(x.dueDate)}`,
            }))}
            empty="No deliverables are owed under this agreement."
          />
        </Section>
        <Section title={`Indicators (${a.indicators.length})`} actions={<ActionLink to={`/indicators/new?agreement=${a.id}`}>Add indicator</ActionLink>}>
          <LinkedList
            items={a.indicators.map((x) => ({ to: `/indicators/${x.id}`, title: x.title, archived: Boolean(x.archivedAt) }))}
            empty="No indicators measure this agreement yet."
          />
        </Section>
        <Section title={`Documents (${a.documents.length})`} actions={<ActionLink to={`/documents/new?agreement=${a.id}`}>Upload a document</ActionLink>}>
          <LinkedList
            items={a.documents.map((d) => ({ to: `/documents/${d.id}`, title: d.title, meta: `${d.originalName} · ${d.categoryCode}` }))}
            empty="No documents attached."
          />
        </Section>
        <Section title="History">
          <HistoryList items={history} labels={AGREEMENT_FIELD_LABELS} />
        </Section>
      </div>
    </div>
  );
}
