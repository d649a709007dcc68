import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { activityDates } from "~/components/activities/activity-columns";
import { ParticipantGroupsTable, ParticipantsBySex } from "~/components/activities/activity-participants";
import { ActionLink, Facts, HistoryList, LifecycleActions, LinkedList, Notice, RecordHeader, Section } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { deleteActivity, requireActivity, setActivityArchived } from "~/models/activity.server";
import { listHistory } from "~/models/history.server";
import { lifecycleAction } from "~/utils/lifecycle.server";
import { formatDate, formatDateRange, type Precision } from "~/utils/format";
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_STATUS_LABELS,
  AGREEMENT_STATUS_LABELS,
  AGREEMENT_TYPE_LABELS,
  DELIVERABLE_STATUS_LABELS,
} from "~/utils/labels";
import {
  ACTIVITY_FIELD_LABELS,
  ACTIVITY_FOLLOW_UP_LABELS,
  ACTIVITY_ORGANISATION_ROLE_LABELS,
  ACTIVITY_OUTCOME_TYPE_LABELS,
} from "~/utils/labels-activity";
import { DATE_PRECISION_LABELS } from "~/utils/labels-extra";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.activity.title ?? "Activity"} · Concord` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const activity = await requireActivity(scope, params.id ?? "");
  const history = await listHistory("Activity", activity.id);
  return json({ activity, history });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, scope } = await requireStaff(request);
  const activity = await requireActivity(scope, params.id ?? "");
  const actor = { id: user.id, email: user.email };
  return lifecycleAction(request, {
    recordUrl: `/activities/${activity.id}`,
    afterDelete: "/activities",
    archive: (archived) => setActivityArchived(actor, activity.id, archived, context.clientIp),
    remove: () => deleteActivity(actor, activity.id, context.clientIp),
  });
}

const STATUS_TONE: Record<string, "green" | "blue" | "amber" | "red" | "slate"> = {
  PLANNED: "blue",
  ONGOING: "green",
  COMPLETED: "slate",
  POSTPONED: "amber",
  CANCELLED: "red",
};

function excerpt(text: string, max = 160) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export default function ActivityPage() {
  const { activity: a, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ formError?: string | null }>();
  const precision = a.datePrecision as Precision;
  const roles = Object.keys(ACTIVITY_ORGANISATION_ROLE_LABELS);
  const byRole = roles
    .map((role) => ({ role, orgs: a.organisations.filter((o) => o.role === role) }))
    .filter((r) => r.orgs.length > 0);
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
            {ACTIVITY_KIND_LABELS[a.kind]} ·{" "}
            <Link to={`/programmes/${a.programme.code}`} className="text-brand-700 underline">
              {a.programme.title}
            </Link>
          </>
        }
        title={a.title}
        archived={Boolean(a.archivedAt)}
        badges={
          <>
            <Badge tone={STATUS_TONE[a.status] ?? "slate"}>{ACTIVITY_STATUS_LABELS[a.status]}</Badge>
            {activityDates(a) ? <span className="text-slate-700">{activityDates(a)}</span> : null}
          </>
        }
        actions={
          <>
            <ActionLink to={`/activities/${a.id}/edit`}>Edit</ActionLink>
            <LifecycleActions archived={Boolean(a.archivedAt)} />
          </>
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Section title="Details">
            <Facts
              items={[
                ["Kind", ACTIVITY_KIND_LABELS[a.kind]],
                ["Programme", <Link key="p" to={`/programmes/${a.programme.code}`} className="text-brand-700 underline">{`${a.programme.code} — ${a.programme.title}`}</Link>],
                ["Country", a.country ? a.country.nameEn : "Not recorded"],
                ["City", a.city],
                ["Planned", formatDateRange(a.plannedStart, a.plannedEnd, precision)],
                ["Actual", formatDateRange(a.actualStart, a.actualEnd, precision)],
                ["Dates known to", DATE_PRECISION_LABELS[a.datePrecision]?.toLowerCase()],
                ["Status", ACTIVITY_STATUS_LABELS[a.status]],
              ]}
            />
            {a.description ? <p className="mt-4 whitespace-pre-line break-words text-sm text-slate-800">{a.description}</p> : null}
          </Section>
        </div>
        <Section title="Participants by sex">
          <ParticipantsBySex
            total={a.participantsTotal}
            female={a.participantsFemale}
            male={a.participantsMale}
            other={a.participantsOther}
            note={a.participantsNote}
          />
        </Section>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Section title={`Participants by organisation or group (${a.participantGroups.length})`}>
          <ParticipantGroupsTable groups={a.participantGroups} activityTotal={a.participantsTotal} />
        </Section>
        <Section title={`Organisations (${a.organisations.length})`}>
          {byRole.length === 0 ? (
            <p className="text-sm text-slate-600">No organisations recorded. Edit the activity to add the host, organisers and participants.</p>
          ) : (
            <dl className="space-y-3 text-sm">
              {byRole.map(({ role, orgs }) => (
                <div key={role}>
                  <dt className="text-slate-600">{ACTIVITY_ORGANISATION_ROLE_LABELS[role]}</dt>
                  {orgs.map((o) => (
                    <dd key={o.organisationId} className="mt-0.5 break-words">
                      <Link to={`/organisations/${o.organisation.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        {o.organisation.shortName}
                      </Link>{" "}
                      — {o.organisation.fullName}
                    </dd>
                  ))}
                </div>
              ))}
            </dl>
          )}
        </Section>
        <Section title={`Agreements it serves (${a.agreements.length})`}>
          <LinkedList
            items={a.agreements.map(({ agreement: x }) => ({
              to: `/agreements/${x.id}`,
              title: x.title,
              archived: Boolean(x.archivedAt),
              meta: `${AGREEMENT_TYPE_LABELS[x.type]} · ${AGREEMENT_STATUS_LABELS[x.status]}${
                x.signedOn ? ` · signed ${formatDate(x.signedOn, x.signedPrecision as Precision)}` : ""
              }`,
            }))}
            empty="Not linked to any agreement. Edit the activity to tick the agreements it carries out."
          />
        </Section>
        <Section
          title={`Outcomes agreed (${a.outcomes.length})`}
          actions={<ActionLink to={`/outcomes/new?activity=${a.id}`}>Record an outcome</ActionLink>}
        >
          <LinkedList
            items={a.outcomes.map((o) => ({
              to: `/outcomes/${o.id}`,
              title: excerpt(o.text),
              archived: Boolean(o.archivedAt),
              meta: [
                ACTIVITY_OUTCOME_TYPE_LABELS[o.type] ?? o.type,
                ACTIVITY_FOLLOW_UP_LABELS[o.followUpStatus] ?? o.followUpStatus,
                o.responsibleOrg ? `responsible: ${o.responsibleOrg.shortName}` : null,
                o.dueDate ? `due ${formatDate(o.dueDate)}` : null,
              ]
                .filter(Boolean)
                .join(" · "),
            }))}
            empty="No outcomes recorded. Record the decisions, recommendations and next steps agreed at it."
          />
        </Section>
        <Section
          title={`Deliverables (${a.deliverables.length})`}
          actions={<ActionLink to={`/deliverables/new?activity=${a.id}`}>Add deliverable</ActionLink>}
        >
          <LinkedList
            items={a.deliverables.map((d) => ({
              to: `/deliverables/${d.id}`,
              title: d.title,
              archived: Boolean(d.archivedAt),
              meta: `${DELIVERABLE_STATUS_LABELS[d.status]}${d.dueDate ? ` · due ${formatDate(d.dueDate)}` : ""}`,
            }))}
            empty="No deliverables linked, such as a report or curriculum produced for it."
          />
        </Section>
        <Section
          title={`Documents (${a.documents.length})`}
          actions={<ActionLink to={`/documents/new?activity=${a.id}`}>Attach a document</ActionLink>}
        >
          <LinkedList
            items={a.documents.map((d) => ({
              to: `/documents/${d.id}`,
              title: d.title,
              meta: [d.originalName, d.categoryCode, d.documentDate ? formatDate(d.documentDate) : null, d.shareable ? "shared with partners" : null]
                .filter(Boolean)
                .join(" · "),
            }))}
            empty="No documents attached, e.g. the agenda, a participant list or the meeting report."
          />
        </Section>
        <Section title="History">
          <HistoryList items={history} labels={ACTIVITY_FIELD_LABELS} />
        </Section>
      </div>
    </div>
  );
}
