import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { activityDates } from "~/components/activities/activity-columns";
import { ParticipantGroupsTable, ParticipantsBySex } from "~/components/activities/activity-participants";
import { ActionLink, Facts, HistoryList, LifecycleActions, LinkedList, Notice, RecordHeader, Section } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { useFormat, useT } from "~/i18n/context";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestLocale } from "~/i18n/request.server";
import { deleteActivity, requireActivity, setActivityArchived } from "~/models/activity.server";
import { listHistory } from "~/models/history.server";
import { lifecycleAction } from "~/utils/lifecycle.server";
import type { Precision } from "~/utils/format";
import { ACTIVITY_ORGANISATION_ROLES } from "~/schemas/activity";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.activity.title ?? "Activity"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const stored = await requireActivity(scope, params.id ?? "");
  const [history, locale] = await Promise.all([listHistory("Activity", stored.id), requestLocale(request)]);
  // Titles and texts in the reader's language where the records have them.
  const activity = inReaderLanguage(stored, locale);
  return json({ activity, history });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const { scope } = ctx;
  const activity = await requireActivity(scope, params.id ?? "");
  return lifecycleAction(request, {
    recordUrl: `/activities/${activity.id}`,
    afterDelete: "/activities",
    archive: (archived) => setActivityArchived(ctx, activity.id, archived),
    remove: () => deleteActivity(ctx, activity.id),
  });
});

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
  const t = useT();
  const fmt = useFormat();
  const precision = a.datePrecision as Precision;
  const roles: readonly string[] = ACTIVITY_ORGANISATION_ROLES;
  const byRole = roles
    .map((role) => ({ role, orgs: a.organisations.filter((o) => o.role === role) }))
    .filter((r) => r.orgs.length > 0);
  const dates = activityDates(t, fmt, a);
  const fieldLabels = Object.fromEntries(t.options("activityField").map((o) => [o.value, o.label]));
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
            {t.label("activityKind", a.kind)} ·{" "}
            <Link to={`/programmes/${a.programme.code}`} className="text-brand-700 underline">
              {a.programme.title}
            </Link>
          </>
        }
        title={a.title}
        archived={Boolean(a.archivedAt)}
        badges={
          <>
            <Badge tone={STATUS_TONE[a.status] ?? "slate"}>{t.label("activityStatus", a.status)}</Badge>
            {dates ? <span className="text-slate-700">{dates}</span> : null}
          </>
        }
        actions={
          <>
            <ActionLink to={`/activities/${a.id}/edit`}>{t("activities.page.edit")}</ActionLink>
            <LifecycleActions archived={Boolean(a.archivedAt)} />
          </>
        }
      />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Section title={t("activities.page.details")}>
            <Facts
              items={[
                [t("activities.page.kind"), t.label("activityKind", a.kind)],
                [t("activities.page.programme"), <Link key="p" to={`/programmes/${a.programme.code}`} className="text-brand-700 underline">{`${a.programme.code} — ${a.programme.title}`}</Link>],
                [t("activities.page.country"), a.country ? t.label("country", a.country.code) : t("activities.page.notRecorded")],
                [t("activities.page.city"), a.city],
                ...(a.latitude !== null && a.longitude !== null
                  ? ([[t("iatiFields.activity.coordinates"), t("iatiFields.activity.coordinatesValue", { latitude: String(a.latitude), longitude: String(a.longitude) })]] as [string, string][])
                  : []),
                [t("activities.page.planned"), fmt.dateRange(a.plannedStart, a.plannedEnd, precision)],
                [t("activities.page.actual"), fmt.dateRange(a.actualStart, a.actualEnd, precision)],
                [t("activities.page.datesKnownTo"), t.label("datePrecision", a.datePrecision).toLocaleLowerCase(t.locale) || undefined],
                [t("activities.page.status"), t.label("activityStatus", a.status)],
              ]}
            />
            {a.description ? <p className="mt-4 whitespace-pre-line break-words text-sm text-slate-800">{a.description}</p> : null}
          </Section>
        </div>
        <Section title={t("activities.participants.bySex")}>
          <ParticipantsBySex
            total={a.participantsTotal}
            female={a.participantsFemale}
            male={a.participantsMale}
            other={a.participantsOther}
            note={a.participantsNote}
          />
        </Section>
      </div>
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        <Section title={t("activities.page.groupsSection", { count: a.participantGroups.length })}>
          <ParticipantGroupsTable groups={a.participantGroups} activityTotal={a.participantsTotal} />
        </Section>
        <Section title={t("activities.page.organisationsSection", { count: a.organisations.length })}>
          {byRole.length === 0 ? (
            <p className="text-sm text-slate-600">{t("activities.page.noOrganisations")}</p>
          ) : (
            <dl className="space-y-3 text-sm">
              {byRole.map(({ role, orgs }) => (
                <div key={role}>
                  <dt className="text-slate-600">{t.label("activityOrganisationRole", role)}</dt>
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
        <Section title={t("activities.page.agreementsSection", { count: a.agreements.length })}>
          <LinkedList
            items={a.agreements.map(({ agreement: x }) => ({
              to: `/agreements/${x.id}`,
              title: x.title,
              archived: Boolean(x.archivedAt),
              meta: [
                t.label("agreementType", x.type),
                t.label("agreementStatus", x.status),
                x.signedOn ? t("activities.page.signedOn", { date: fmt.date(x.signedOn, x.signedPrecision as Precision) }) : null,
              ]
                .filter(Boolean)
                .join(" · "),
            }))}
            empty={t("activities.page.noAgreements")}
          />
        </Section>
        <Section
          title={t("activities.page.outcomesSection", { count: a.outcomes.length })}
          actions={<ActionLink to={`/outcomes/new?activity=${a.id}`}>{t("activities.page.recordOutcome")}</ActionLink>}
        >
          <LinkedList
            items={a.outcomes.map((o) => ({
              to: `/outcomes/${o.id}`,
              title: excerpt(o.text),
              archived: Boolean(o.archivedAt),
              meta: [
                t.label("activityOutcomeType", o.type),
                t.label("activityFollowUp", o.followUpStatus),
                o.responsibleOrg ? t("activities.page.responsible", { name: o.responsibleOrg.shortName }) : null,
                o.dueDate ? t("activities.page.due", { date: fmt.date(o.dueDate) }) : null,
              ]
                .filter(Boolean)
                .join(" · "),
            }))}
            empty={t("activities.page.noOutcomes")}
          />
        </Section>
        <Section
          title={t("activities.page.deliverablesSection", { count: a.deliverables.length })}
          actions={<ActionLink to={`/deliverables/new?activity=${a.id}`}>{t("activities.page.addDeliverable")}</ActionLink>}
        >
          <LinkedList
            items={a.deliverables.map((d) => ({
              to: `/deliverables/${d.id}`,
              title: d.title,
              archived: Boolean(d.archivedAt),
              meta: [t.label("deliverableStatus", d.status), d.dueDate ? t("activities.page.due", { date: fmt.date(d.dueDate) }) : null]
                .filter(Boolean)
                .join(" · "),
            }))}
            empty={t("activities.page.noDeliverables")}
          />
        </Section>
        <Section
          title={t("activities.page.documentsSection", { count: a.documents.length })}
          actions={<ActionLink to={`/documents/new?activity=${a.id}`}>{t("activities.page.attachDocument")}</ActionLink>}
        >
          <LinkedList
            items={a.documents.map((d) => ({
              to: `/documents/${d.id}`,
              title: d.title,
              meta: [d.originalName, d.categoryCode, d.documentDate ? fmt.date(d.documentDate) : null, d.shareable ? t("activities.page.shared") : null]
                .filter(Boolean)
                .join(" · "),
            }))}
            empty={t("activities.page.noDocuments")}
          />
        </Section>
        <Section title={t("activities.page.history")}>
          <HistoryList items={history} labels={fieldLabels} />
        </Section>
      </div>
    </div>
  );
}
