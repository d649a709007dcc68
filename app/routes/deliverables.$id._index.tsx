import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { DeliverableStatusBadge, OverdueBadge } from "~/components/deliverables/overdue-badge";
import { outcomeExcerpt } from "~/components/outcomes/outcome-columns";
import { ActionLink, Facts, HistoryList, LifecycleActions, LinkedList, Notice, RecordHeader, Section } from "~/components/records/record-parts";
import { deleteDeliverable, listReadableHistory, requireDeliverable, setDeliverableArchived } from "~/models/deliverable.server";
import { runAction } from "~/utils/action.server";
import { formatDate } from "~/utils/format";
import { DELIVERABLE_STATUS_LABELS } from "~/utils/labels";
import { DELIVERABLE_FIELD_LABELS, FOLLOW_UP_STATUS_LABELS, OUTCOME_TYPE_LABELS } from "~/utils/labels-outcome";
import { PartnerFeedback } from "~/components/records/partner-feedback";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.deliverable.title ?? "Deliverable"} · Concord` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const deliverable = await requireDeliverable(scope, params.id ?? "");
  const history = await listReadableHistory("Deliverable", deliverable.id, { status: DELIVERABLE_STATUS_LABELS });
  return json({ deliverable, history });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, scope } = await requireStaff(request);
  const deliverable = await requireDeliverable(scope, params.id ?? "");
  const intent = (await request.formData()).get("intent");
  const actor = { id: user.id, email: user.email };
  if (intent === "archive" || intent === "restore") {
    await setDeliverableArchived(actor, deliverable.id, intent === "archive", context.clientIp);
    throw redirect(`/deliverables/${deliverable.id}?notice=${intent === "archive" ? "archived" : "restored"}`);
  }
  if (intent === "delete") {
    const result = await runAction({}, DELIVERABLE_FIELD_LABELS, () => deleteDeliverable(actor, deliverable.id, context.clientIp));
    if (!result.ok) return result.response;
    throw redirect(`/deliverables?notice=deleted`);
  }
  return json({ formError: "Unknown action." }, { status: 400 });
}

function dateTime(value: string | null): string {
  return value ? new Date(value).toUTCString().replace(" GMT", " UTC") : "—";
}

export default function DeliverablePage() {
  const { deliverable: d, history } = useLoaderData<typeof loader>();
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
            Deliverable ·{" "}
            <Link to={`/programmes/${d.programme.code}`} className="text-brand-700 underline">
              {d.programme.title}
            </Link>
          </>
        }
        title={d.title}
        archived={Boolean(d.archivedAt)}
        badges={
          <>
            <DeliverableStatusBadge status={d.status} />
            {d.overdue ? <OverdueBadge /> : null}
          </>
        }
        actions={
          <>
            <ActionLink to={`/deliverables/${d.id}/edit`}>Edit</ActionLink>
            <LifecycleActions archived={Boolean(d.archivedAt)} />
          </>
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Section title="Details">
            <Facts
              items={[
                ["Programme", <Link key="p" to={`/programmes/${d.programme.code}`} className="text-brand-700 underline">{d.programme.title}</Link>],
                [
                  "Agreement",
                  d.agreement ? (
                    <Link key="a" to={`/agreements/${d.agreement.id}`} className="text-brand-700 underline">{d.agreement.title}</Link>
                  ) : (
                    "Not under a particular agreement"
                  ),
                ],
                [
                  "Activity",
                  d.activity ? (
                    <Link key="ac" to={`/activities/${d.activity.id}`} className="text-brand-700 underline">{d.activity.title}</Link>
                  ) : (
                    "Not from a particular activity"
                  ),
                ],
                ["Responsible organisation", d.responsibleOrg ? `${d.responsibleOrg.shortName} — ${d.responsibleOrg.fullName}` : "Not assigned"],
                [
                  "Due",
                  d.dueDate ? (
                    <span key="due" className="inline-flex flex-wrap items-center gap-2">
                      {formatDate(d.dueDate)} {d.overdue ? <OverdueBadge /> : null}
                    </span>
                  ) : (
                    "No due date"
                  ),
                ],
                ["Status", <DeliverableStatusBadge key="s" status={d.status} />],
                ["Submitted on", d.submittedAt ? dateTime(d.submittedAt) : "Not yet"],
                ["Accepted on", d.acceptedAt ? dateTime(d.acceptedAt) : "Not yet"],
                [
                  "Evidence",
                  d.evidenceDocument ? (
                    <Link key="e" to={`/documents/${d.evidenceDocument.id}`} className="text-brand-700 underline">{d.evidenceDocument.title}</Link>
                  ) : (
                    "None chosen"
                  ),
                ],
                [
                  "Acknowledged by the partner",
                  d.acknowledgedAt
                    ? `${dateTime(d.acknowledgedAt)}${d.acknowledgedBy ? ` by ${d.acknowledgedBy.name}` : ""}`
                    : "Not yet acknowledged",
                ],
              ]}
            />
            {d.description ? <p className="mt-4 whitespace-pre-line break-words text-sm text-slate-800">{d.description}</p> : null}
          </Section>
        </div>
        <Section title={`Outcomes it carries out (${d.outcomes.length})`}>
          <LinkedList
            items={d.outcomes.map((o) => ({
              to: `/outcomes/${o.id}`,
              title: outcomeExcerpt(o.text, 140),
              archived: Boolean(o.archivedAt),
              meta: `${OUTCOME_TYPE_LABELS[o.type]} at ${o.activity.title} · follow-up ${FOLLOW_UP_STATUS_LABELS[o.followUpStatus].toLowerCase()}`,
            }))}
            empty="No workshop outcome is linked. Link one from the outcome's page or form."
          />
        </Section>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Section title={`Documents (${d.documents.length})`} actions={<ActionLink to={`/documents/new?deliverable=${d.id}`}>Attach a document</ActionLink>}>
          <LinkedList
            items={d.documents.map((x) => ({
              to: `/documents/${x.id}`,
              title: x.title,
              archived: Boolean(x.archivedAt),
              meta: `${x.originalName} · ${x.categoryCode}${x.shareable ? " · shared with partners" : ""}`,
            }))}
            empty="No documents attached. Attach the submitted report or other evidence."
          />
        </Section>
        <PartnerFeedback record={d} />
        <div className="lg:col-span-2">
          <Section title="History">
            <HistoryList items={history} labels={DELIVERABLE_FIELD_LABELS} />
          </Section>
        </div>
      </div>
    </div>
  );
}
