import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { DeliverableStatusBadge } from "~/components/deliverables/overdue-badge";
import { outcomeExcerpt } from "~/components/outcomes/outcome-columns";
import { ActionLink, Facts, HistoryList, LifecycleActions, LinkedList, Notice, RecordHeader, Section } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { listReadableHistory } from "~/models/deliverable.server";
import { deleteOutcome, requireOutcome, setOutcomeArchived } from "~/models/outcome.server";
import { runAction } from "~/utils/action.server";
import { formatDate, type Precision } from "~/utils/format";
import { ACTIVITY_KIND_LABELS } from "~/utils/labels";
import { FOLLOW_UP_STATUS_LABELS, OUTCOME_FIELD_LABELS, OUTCOME_TYPE_LABELS } from "~/utils/labels-outcome";
import { PartnerFeedback } from "~/components/records/partner-feedback";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? outcomeExcerpt(data.outcome.text, 60) : "Outcome"} · Concord` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const outcome = await requireOutcome(scope, params.id ?? "");
  const history = await listReadableHistory("Outcome", outcome.id, { type: OUTCOME_TYPE_LABELS, followUpStatus: FOLLOW_UP_STATUS_LABELS });
  return json({ outcome, history });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, scope } = await requireStaff(request);
  const outcome = await requireOutcome(scope, params.id ?? "");
  const intent = (await request.formData()).get("intent");
  const actor = { id: user.id, email: user.email };
  if (intent === "archive" || intent === "restore") {
    await setOutcomeArchived(actor, outcome.id, intent === "archive", context.clientIp);
    throw redirect(`/outcomes/${outcome.id}?notice=${intent === "archive" ? "archived" : "restored"}`);
  }
  if (intent === "delete") {
    const result = await runAction({}, OUTCOME_FIELD_LABELS, () => deleteOutcome(actor, outcome.id, context.clientIp));
    if (!result.ok) return result.response;
    throw redirect(`/outcomes?notice=deleted`);
  }
  return json({ formError: "Unknown action." }, { status: 400 });
}

const FOLLOW_UP_TONE: Record<string, "slate" | "blue" | "green" | "amber"> = {
  NOT_STARTED: "amber",
  IN_PROGRESS: "blue",
  DONE: "green",
  NOT_PURSUED: "slate",
};

function dateTime(value: string): string {
  return new Date(value).toUTCString().replace(" GMT", " UTC");
}

export default function OutcomePage() {
  const { outcome: o, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ formError?: string | null }>();
  const a = o.activity;
  const heading = outcomeExcerpt(o.text, 160);
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
            {OUTCOME_TYPE_LABELS[o.type]} at{" "}
            <Link to={`/activities/${a.id}`} className="text-brand-700 underline">
              {a.title}
            </Link>
          </>
        }
        title={heading}
        archived={Boolean(o.archivedAt)}
        badges={<Badge tone={FOLLOW_UP_TONE[o.followUpStatus]}>Follow-up: {FOLLOW_UP_STATUS_LABELS[o.followUpStatus]}</Badge>}
        actions={
          <>
            <ActionLink to={`/outcomes/${o.id}/edit`}>Edit</ActionLink>
            <LifecycleActions archived={Boolean(o.archivedAt)} />
          </>
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {heading !== o.text ? (
            // The heading shows the start of a long text; here it is in full.
            <Section title="What was agreed">
              <p className="whitespace-pre-line break-words text-sm text-slate-900">{o.text}</p>
            </Section>
          ) : null}
          <Section title="Details">
            <Facts
              items={[
                ["Type", OUTCOME_TYPE_LABELS[o.type]],
                [
                  "Agreed at",
                  <span key="a">
                    <Link to={`/activities/${a.id}`} className="text-brand-700 underline">{a.title}</Link>{" "}
                    <span className="font-normal text-slate-600">
                      ({ACTIVITY_KIND_LABELS[a.kind]}, {formatDate(a.actualStart ?? a.plannedStart, a.datePrecision as Precision)})
                    </span>
                  </span>,
                ],
                ["Programme", <Link key="p" to={`/programmes/${a.programme.code}`} className="text-brand-700 underline">{a.programme.title}</Link>],
                ["Responsible organisation", o.responsibleOrg ? `${o.responsibleOrg.shortName} — ${o.responsibleOrg.fullName}` : "Not assigned"],
                ["Due", o.dueDate ? formatDate(o.dueDate) : "No due date"],
                ["Follow-up status", FOLLOW_UP_STATUS_LABELS[o.followUpStatus]],
                ["Follow-up note", o.followUpNote ? <span key="n" className="whitespace-pre-line">{o.followUpNote}</span> : "—"],
                [
                  "Acknowledged by the partner",
                  o.acknowledgedAt ? `${dateTime(o.acknowledgedAt)}${o.acknowledgedBy ? ` by ${o.acknowledgedBy.name}` : ""}` : "Not yet acknowledged",
                ],
              ]}
            />
          </Section>
        </div>
        <Section title="Carried out by">
          {o.deliverable ? (
            <div className="space-y-1 text-sm">
              <Link to={`/deliverables/${o.deliverable.id}`} className="font-medium text-brand-700 underline">
                {o.deliverable.title}
              </Link>
              {o.deliverable.archivedAt ? <span className="ml-2"><Badge tone="amber">Archived</Badge></span> : null}
              <p className="flex flex-wrap items-center gap-2 text-slate-600">
                <DeliverableStatusBadge status={o.deliverable.status} /> due {formatDate(o.deliverable.dueDate)}
              </p>
            </div>
          ) : (
            <div className="space-y-3 text-sm">
              <p className="text-slate-700">No deliverable carries this out yet.</p>
              <ActionLink to={`/deliverables/new?outcome=${o.id}`}>Create a deliverable to carry this out</ActionLink>
              <p className="text-slate-600">Or choose an existing deliverable in the outcome's form.</p>
            </div>
          )}
        </Section>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Section title={`Documents (${o.documents.length})`} actions={<ActionLink to={`/documents/new?outcome=${o.id}`}>Attach a document</ActionLink>}>
          <LinkedList
            items={o.documents.map((x) => ({
              to: `/documents/${x.id}`,
              title: x.title,
              archived: Boolean(x.archivedAt),
              meta: `${x.originalName} · ${x.categoryCode}${x.shareable ? " · shared with partners" : ""}`,
            }))}
            empty="No documents attached, e.g. the minutes of the meeting."
          />
        </Section>
        <PartnerFeedback record={o} />
        <div className="lg:col-span-2">
          <Section title="History">
            <HistoryList items={history} labels={OUTCOME_FIELD_LABELS} />
          </Section>
        </div>
      </div>
    </div>
  );
}
