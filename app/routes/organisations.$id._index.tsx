import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { ActionLink, Facts, HistoryList, LifecycleActions, LinkedList, Notice, RecordHeader, Section } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestLocale } from "~/i18n/request.server";
import { listHistory } from "~/models/history.server";
import { deleteOrganisation, requireOrganisation, setOrganisationArchived } from "~/models/organisation-admin.server";
import { lifecycleAction } from "~/utils/lifecycle.server";
import { organisationFieldLabels } from "~/components/organisations/field-labels";
import { useFormat, useT } from "~/i18n/context";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.organisation.shortName ?? "Organisation"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const stored = await requireOrganisation(scope, params.id ?? "");
  const [history, locale] = await Promise.all([listHistory("Organisation", stored.id), requestLocale(request)]);
  return json({ organisation: inReaderLanguage(stored, locale), history });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const { scope } = ctx;
  const organisation = await requireOrganisation(scope, params.id ?? "");
  return lifecycleAction(request, {
    recordUrl: `/organisations/${organisation.id}`,
    afterDelete: "/organisations",
    archive: (archived) => setOrganisationArchived(ctx, organisation.id, archived),
    remove: () => deleteOrganisation(ctx, organisation.id),
  });
});

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
  const t = useT();
  const fmt = useFormat();
  const programmes = byTarget(o.programmeRoles, (r) => r.programme.id, (r) => t.label("organisationRole", r.role));
  const agreements = byTarget(o.agreementParties, (r) => r.agreement.id, (r) => t.label("partyRole", r.role));
  const activities = byTarget(
    [
      ...o.activityRoles.map((r) => ({ activity: r.activity, role: t.label("activityOrganisationRole", r.role) })),
      ...o.participantGroups.map((g) => ({ activity: g.activity, role: t("organisations.page.participantsRole", { total: g.total }) })),
    ],
    (r) => r.activity.id,
    (r) => r.role,
  );
  const funding = [
    ...o.fundingProvided.map((f) => ({ ...f, direction: "provided" as const })),
    ...o.fundingReceived.map((f) => ({ ...f, direction: "received" as const })),
  ].sort((a, b) => a.valueDate.localeCompare(b.valueDate));
  const country = o.country
    ? t("organisations.page.countryWithCode", { name: t.label("country", o.country.code), code: o.country.code })
    : t("organisations.page.noCountry");
  return (
    <div className="space-y-6">
      <Notice />
      {actionData?.formError ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          <p className="font-semibold">{t("organisations.page.notDeleted")}</p>
          <p className="mt-1">{t.text(actionData.formError)}</p>
        </div>
      ) : null}
      <RecordHeader
        kicker={
          <>
            <Link to="/organisations" className="text-brand-700 underline">
              {t("organisations.list.title")}
            </Link>{" "}
            · {o.shortName}
          </>
        }
        title={o.fullName}
        archived={Boolean(o.archivedAt)}
        badges={<Badge tone="blue">{t.label("organisationType", o.iatiTypeCode)}</Badge>}
        actions={
          <>
            <ActionLink to={`/organisations/${o.id}/edit`}>{t("organisations.page.edit")}</ActionLink>
            {!o.archivedAt ? <ActionLink to={`/programmes/new?organisation=${o.id}`}>{t("organisations.page.newProgramme")}</ActionLink> : null}
            <LifecycleActions archived={Boolean(o.archivedAt)} />
          </>
        }
      />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Section title={t("organisations.page.details")}>
            <Facts
              items={[
                [t("organisations.page.shortName"), o.shortName],
                [t("organisations.page.fullName"), o.fullName],
                [t("organisations.page.country"), country],
                [
                  t("organisations.page.type"),
                  t("organisations.form.codeOption", { code: o.iatiTypeCode, name: t.label("organisationType", o.iatiTypeCode) }),
                ],
                [t("organisations.page.iatiRef"), o.iatiRef],
                [
                  t("organisations.page.donorAccounts"),
                  o._count.donorUsers === 0 ? t("organisations.page.noDonorAccounts") : t("organisations.page.donorAccountsSee", { count: o._count.donorUsers }),
                ],
              ]}
            />
            {o.description ? <p className="mt-4 whitespace-pre-line break-words text-sm text-slate-800">{o.description}</p> : null}
          </Section>
        </div>
        <Section title={t("organisations.page.programmes", { count: programmes.length })}>
          <LinkedList
            items={programmes.map(({ first: r, roles }) => ({
              to: `/programmes/${r.programme.code}`,
              title: r.programme.title,
              archived: Boolean(r.programme.archivedAt),
              meta: `${roles.join(", ")} · ${r.programme.code} · ${t.label("programmeStatus", r.programme.status)}`,
            }))}
            empty={t("organisations.page.noProgrammes")}
          />
        </Section>
      </div>
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        <Section title={t("organisations.page.agreements", { count: agreements.length })}>
          <LinkedList
            items={agreements.map(({ first: r, roles }) => ({
              to: `/agreements/${r.agreement.id}`,
              title: r.agreement.title,
              archived: Boolean(r.agreement.archivedAt),
              meta: [
                roles.join(", "),
                t.label("agreementType", r.agreement.type),
                t.label("agreementStatus", r.agreement.status),
                r.agreement.signedOn ? t("organisations.page.signed", { date: fmt.date(r.agreement.signedOn, r.agreement.signedPrecision) }) : null,
              ]
                .filter(Boolean)
                .join(" · "),
            }))}
            empty={t("organisations.page.noAgreements")}
          />
        </Section>
        <Section title={t("organisations.page.activities", { count: activities.length })}>
          <LinkedList
            items={activities.map(({ first: r, roles }) => ({
              to: `/activities/${r.activity.id}`,
              title: r.activity.title,
              archived: Boolean(r.activity.archivedAt),
              meta: [
                roles.join(", "),
                t.label("activityKind", r.activity.kind),
                t.label("activityStatus", r.activity.status),
                r.activity.actualStart || r.activity.plannedStart ? fmt.date(r.activity.actualStart ?? r.activity.plannedStart, r.activity.datePrecision) : null,
              ]
                .filter(Boolean)
                .join(" · "),
            }))}
            empty={t("organisations.page.noActivities")}
          />
        </Section>
        <Section title={t("organisations.page.deliverables", { count: o.deliverables.length })}>
          <LinkedList
            items={o.deliverables.map((d) => ({
              to: `/deliverables/${d.id}`,
              title: d.title,
              archived: Boolean(d.archivedAt),
              meta: [
                t.label("deliverableStatus", d.status),
                d.dueDate ? t("organisations.page.due", { date: fmt.date(d.dueDate) }) : t("organisations.page.noDueDate"),
                d.programme.code,
              ].join(" · "),
            }))}
            empty={t("organisations.page.noDeliverables")}
          />
        </Section>
        <Section title={t("organisations.page.outcomes", { count: o.outcomes.length })}>
          <LinkedList
            items={o.outcomes.map((x) => ({
              to: `/outcomes/${x.id}`,
              title: x.text.length > 140 ? `${x.text.slice(0, 139)}…` : x.text,
              archived: Boolean(x.archivedAt),
              meta: [
                t.label("outcomeType", x.type),
                t.label("followUp", x.followUpStatus),
                x.dueDate ? t("organisations.page.due", { date: fmt.date(x.dueDate) }) : null,
                x.activity.title,
              ]
                .filter(Boolean)
                .join(" · "),
            }))}
            empty={t("organisations.page.noOutcomes")}
          />
        </Section>
        <Section title={t("organisations.page.funding", { count: funding.length })}>
          <LinkedList
            items={funding.map((f) => ({
              to: `/funding/${f.id}`,
              title: t("organisations.page.fundingTitle", { kind: t.label("fundingKind", f.kind), amount: fmt.money(f.amount, f.currency) }),
              archived: Boolean(f.archivedAt),
              meta: [
                t(f.direction === "provided" ? "organisations.page.provided" : "organisations.page.received"),
                f.programme.title,
                f.fiscalYear ? String(f.fiscalYear) : fmt.date(f.valueDate),
              ].join(" · "),
            }))}
            empty={t("organisations.page.noFunding")}
          />
        </Section>
        <Section title={t("organisations.page.history")}>
          <HistoryList items={history} labels={organisationFieldLabels(t)} />
        </Section>
      </div>
    </div>
  );
}
