import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { ActionLink, Facts, HistoryList, LifecycleActions, LinkedList, Notice, RecordHeader, Section } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { listHistory } from "~/models/history.server";
import { deleteOrganisation, requireOrganisation, setOrganisationArchived } from "~/models/organisation-admin.server";
import { lifecycleAction } from "~/utils/lifecycle.server";
import { organisationTypeName } from "~/utils/codelists";
import { formatDate, formatMoney } from "~/utils/format";
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_STATUS_LABELS,
  AGREEMENT_STATUS_LABELS,
  AGREEMENT_TYPE_LABELS,
  DELIVERABLE_STATUS_LABELS,
  FOLLOW_UP_LABELS,
  FUNDING_KIND_LABELS,
  ORGANISATION_ROLE_LABELS,
  OUTCOME_TYPE_LABELS,
  PROGRAMME_STATUS_LABELS,
} from "~/utils/labels";
import { PARTY_ROLE_LABELS } from "~/utils/labels-extra";
import { ORGANISATION_FIELD_LABELS } from "~/utils/labels-programme";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.organisation.shortName ?? "Organisation"} · Concord` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const organisation = await requireOrganisation(scope, params.id ?? "");
  const history = await listHistory("Organisation", organisation.id);
  return json({ organisation, history });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, scope } = await requireStaff(request);
  const organisation = await requireOrganisation(scope, params.id ?? "");
  const actor = { id: user.id, email: user.email };
  return lifecycleAction(request, {
    recordUrl: `/organisations/${organisation.id}`,
    afterDelete: "/organisations",
    archive: (archived) => setOrganisationArchived(actor, organisation.id, archived, context.clientIp),
    remove: () => deleteOrganisation(actor, organisation.id, context.clientIp),
  });
}

/** "ORGANISER" -> "Organiser", for enum values without a shared label list. */
function humanise(value: string): string {
  const words = value.toLowerCase().replace(/_/g, " ");
  return words[0].toUpperCase() + words.slice(1);
}

/** Groups link rows by target, joining their roles ("Funding, Implementing"). */
function byTarget<T>(rows: T[], key: (r: T) => string, role: (r: T) => string): { first: T; roles: string[] }[] {
  const groups = new Map<string, { first: T; roles: string[] }>();
  for (const r of rows) {
    const g = groups.get(key(r));
    if (g) {
      if (!g.roles.includes(role(r))) g.roles.push(role(r));
    } else groups.set(key(r), { first: r, roles: [role(r)] });
  }
  return [...groups.values()];
}

export default function OrganisationPage() {
  const { organisation: o, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ formError?: string | null }>();
  const programmes = byTarget(o.programmeRoles, (r) => r.programme.id, (r) => ORGANISATION_ROLE_LABELS[r.role] ?? r.role);
  const agreements = byTarget(o.agreementParties, (r) => r.agreement.id, (r) => PARTY_ROLE_LABELS[r.role] ?? humanise(r.role));
  const activities = byTarget(
    [
      ...o.activityRoles.map((r) => ({ activity: r.activity, role: humanise(r.role) })),
      ...o.participantGroups.map((g) => ({ activity: g.activity, role: `Participants (${g.total})` })),
    ],
    (r) => r.activity.id,
    (r) => r.role,
  );
  const funding = [
    ...o.fundingProvided.map((f) => ({ ...f, direction: "provided" as const })),
    ...o.fundingReceived.map((f) => ({ ...f, direction: "received" as const })),
  ].sort((a, b) => a.valueDate.localeCompare(b.valueDate));
  const country = o.country ? `${o.country.nameEn} (${o.country.code})` : "None (international)";
  return (
    <div className="space-y-6">
      <Notice />
      {actionData?.formError ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          <p className="font-semibold">The organisation was not deleted.</p>
          <p className="mt-1">{actionData.formError}</p>
        </div>
      ) : null}
      <RecordHeader
        kicker={
          <>
            <Link to="/organisations" className="text-brand-700 underline">
              Organisations
            </Link>{" "}
            · {o.shortName}
          </>
        }
        title={o.fullName}
        archived={Boolean(o.archivedAt)}
        badges={<Badge tone="blue">{organisationTypeName(o.iatiTypeCode)}</Badge>}
        actions={
          <>
            <ActionLink to={`/organisations/${o.id}/edit`}>Edit</ActionLink>
            {!o.archivedAt ? <ActionLink to={`/programmes/new?organisation=${o.id}`}>New programme with it</ActionLink> : null}
            <LifecycleActions archived={Boolean(o.archivedAt)} />
          </>
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Section title="Details">
            <Facts
              items={[
                ["Short name", o.shortName],
                ["Full name", o.fullName],
                ["Country", country],
                ["Type (IATI)", `${o.iatiTypeCode} — ${organisationTypeName(o.iatiTypeCode)}`],
                ["IATI identifier", o.iatiRef],
                [
                  "Donor accounts",
                  o._count.donorUsers === 0
                    ? "None"
                    : `${o._count.donorUsers} donor ${o._count.donorUsers === 1 ? "account sees" : "accounts see"} the programmes it funds`,
                ],
              ]}
            />
            {o.description ? <p className="mt-4 whitespace-pre-line break-words text-sm text-slate-800">{o.description}</p> : null}
          </Section>
        </div>
        <Section title={`Programmes (${programmes.length})`}>
          <LinkedList
            items={programmes.map(({ first: r, roles }) => ({
              to: `/programmes/${r.programme.code}`,
              title: r.programme.title,
              archived: Boolean(r.programme.archivedAt),
              meta: `${roles.join(", ")} · ${r.programme.code} · ${PROGRAMME_STATUS_LABELS[r.programme.status]}`,
            }))}
            empty="Not part of any programme yet. Add it to a programme from the programme's form."
          />
        </Section>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Section title={`Agreements it is party to (${agreements.length})`}>
          <LinkedList
            items={agreements.map(({ first: r, roles }) => ({
              to: `/agreements/${r.agreement.id}`,
              title: r.agreement.title,
              archived: Boolean(r.agreement.archivedAt),
              meta: `${roles.join(", ")} · ${AGREEMENT_TYPE_LABELS[r.agreement.type]} · ${AGREEMENT_STATUS_LABELS[r.agreement.status]}${
                r.agreement.signedOn ? ` · signed ${formatDate(r.agreement.signedOn)}` : ""
              }`,
            }))}
            empty="Not a party to any agreement."
          />
        </Section>
        <Section title={`Activities (${activities.length})`}>
          <LinkedList
            items={activities.map(({ first: r, roles }) => ({
              to: `/activities/${r.activity.id}`,
              title: r.activity.title,
              archived: Boolean(r.activity.archivedAt),
              meta: [
                roles.join(", "),
                ACTIVITY_KIND_LABELS[r.activity.kind],
                ACTIVITY_STATUS_LABELS[r.activity.status],
                r.activity.actualStart || r.activity.plannedStart ? formatDate(r.activity.actualStart ?? r.activity.plannedStart) : null,
              ]
                .filter(Boolean)
                .join(" · "),
            }))}
            empty="Has not hosted, organised, funded or taken part in any recorded activity."
          />
        </Section>
        <Section title={`Deliverables it is responsible for (${o.deliverables.length})`}>
          <LinkedList
            items={o.deliverables.map((d) => ({
              to: `/deliverables/${d.id}`,
              title: d.title,
              archived: Boolean(d.archivedAt),
              meta: `${DELIVERABLE_STATUS_LABELS[d.status]} · ${d.dueDate ? `due ${formatDate(d.dueDate)}` : "no due date"} · ${d.programme.code}`,
            }))}
            empty="Responsible for no deliverable."
          />
        </Section>
        <Section title={`Outcomes it is responsible for (${o.outcomes.length})`}>
          <LinkedList
            items={o.outcomes.map((x) => ({
              to: `/outcomes/${x.id}`,
              title: x.text.length > 140 ? `${x.text.slice(0, 139)}…` : x.text,
              archived: Boolean(x.archivedAt),
              meta: `${OUTCOME_TYPE_LABELS[x.type] ?? humanise(x.type)} · ${FOLLOW_UP_LABELS[x.followUpStatus] ?? humanise(x.followUpStatus)}${x.dueDate ? ` · due ${formatDate(x.dueDate)}` : ""} · ${x.activity.title}`,
            }))}
            empty="Responsible for no workshop outcome."
          />
        </Section>
        <Section title={`Funding lines (${funding.length})`}>
          <LinkedList
            items={funding.map((f) => ({
              to: `/funding/${f.id}`,
              title: `${FUNDING_KIND_LABELS[f.kind] ?? humanise(f.kind)} ${formatMoney(f.amount, f.currency)}`,
              archived: Boolean(f.archivedAt),
              meta: `${f.direction === "provided" ? "Provided by it" : "Received by it"} · ${f.programme.title}${
                f.fiscalYear ? ` · ${f.fiscalYear}` : ` · ${formatDate(f.valueDate)}`
              }`,
            }))}
            empty="Provides or receives no recorded funding."
          />
        </Section>
        <Section title="History">
          <HistoryList items={history} labels={ORGANISATION_FIELD_LABELS} />
        </Section>
      </div>
    </div>
  );
}
