import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { ActionLink, Facts, HistoryList, LifecycleActions, LinkedList, Notice, RecordHeader, Section } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { deleteAgreement, requireAgreement, setAgreementArchived } from "~/models/agreement.server";
import { agreementFieldLabels } from "~/components/agreements/field-labels";
import { useFormat, useT } from "~/i18n/context";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestLocale } from "~/i18n/request.server";
import { listHistory } from "~/models/history.server";
import { lifecycleAction } from "~/utils/lifecycle.server";
import type { Precision } from "~/utils/format";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.agreement.title ?? "Agreement"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const stored = await requireAgreement(scope, params.id ?? "");
  const [history, locale] = await Promise.all([listHistory("Agreement", stored.id), requestLocale(request)]);
  return json({ agreement: inReaderLanguage(stored, locale), history });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const { scope } = ctx;
  const agreement = await requireAgreement(scope, params.id ?? "");
  return lifecycleAction(request, {
    recordUrl: `/agreements/${agreement.id}`,
    afterDelete: `/programmes/${agreement.programme.code}`,
    archive: (archived) => setAgreementArchived(ctx, agreement.id, archived),
    remove: () => deleteAgreement(ctx, agreement.id),
  });
});

export default function AgreementPage() {
  const { agreement: a, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ formError?: string | null }>();
  const t = useT();
  const fmt = useFormat();
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
            {t.label("agreementType", a.type)} ·{" "}
            <Link to={`/programmes/${a.programme.code}`} className="text-brand-700 underline">
              {a.programme.title}
            </Link>
          </>
        }
        title={a.title}
        archived={Boolean(a.archivedAt)}
        badges={<Badge tone={a.effectiveStatus === "ACTIVE" || a.effectiveStatus === "SIGNED" ? "green" : "slate"}>{t.label("agreementStatus", a.effectiveStatus)}</Badge>}
        actions={
          <>
            <ActionLink to={`/agreements/${a.id}/edit`}>{t("agreements.page.edit")}</ActionLink>
            {a.type !== "AMENDMENT" ? <ActionLink to={`/agreements/new?parent=${a.id}&programme=${a.programme.id}`}>{t("agreements.page.addAmendment")}</ActionLink> : null}
            <LifecycleActions archived={Boolean(a.archivedAt)} />
          </>
        }
      />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
        <Section title={t("agreements.page.details")}>
          <Facts
            items={[
              [t("agreements.page.signed"), a.signedOn ? fmt.date(a.signedOn, a.signedPrecision as Precision) : t("agreements.page.notRecorded")],
              [t("agreements.page.effective"), fmt.date(a.effectiveOn)],
              [t("agreements.page.expires"), a.expiredOn ? t("agreements.page.lapsed", { date: fmt.date(a.expiredOn) }) : fmt.date(a.expiresOn)],
              [t("agreements.page.value"), a.value ? fmt.money(a.value, a.currency) : "—"],
              [t("agreements.page.reference"), a.reference],
              [t("agreements.page.amends"), a.parent ? <Link to={`/agreements/${a.parent.id}`} className="text-brand-700 underline">{a.parent.title}</Link> : "—"],
            ]}
          />
          {a.description ? <p className="mt-4 whitespace-pre-line text-sm text-slate-800">{a.description}</p> : null}
        </Section>
        <Section title={t("agreements.page.parties", { count: a.parties.length })}>
          {a.parties.length === 0 ? (
            <p className="text-sm text-slate-600">{t("agreements.page.noParties")}</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {a.parties.map((p) => (
                <li key={`${p.organisationId}-${p.role}`}>
                  <span className="font-medium">{p.organisation.shortName}</span> — {p.organisation.fullName}{" "}
                  <span className="text-slate-600">({t.label("partyRole", p.role)})</span>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title={t("agreements.page.amendments", { count: a.amendments.length })}>
          <LinkedList
            items={a.amendments.map((x) => ({
              to: `/agreements/${x.id}`,
              title: x.title,
              archived: Boolean(x.archivedAt),
              meta: t("agreements.page.amendmentMeta", { status: t.label("agreementStatus", x.status), date: fmt.date(x.signedOn, x.signedPrecision) }),
            }))}
            empty={t("agreements.page.noAmendments")}
          />
        </Section>
      </div>
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        <Section
          title={t("agreements.page.activities", { count: a.activities.length })}
          actions={<ActionLink to={`/activities/new?agreement=${a.id}`}>{t("agreements.page.addActivity")}</ActionLink>}
        >
          <LinkedList
            items={a.activities.map(({ activity: x }) => ({
              to: `/activities/${x.id}`,
              title: x.title,
              archived: Boolean(x.archivedAt),
              meta: `${t.label("activityKind", x.kind)} · ${t.label("activityStatus", x.status)} · ${fmt.date(x.actualStart ?? x.plannedStart, x.datePrecision)}`,
            }))}
            empty={t("agreements.page.noActivities")}
          />
        </Section>
        <Section
          title={t("agreements.page.deliverables", { count: a.deliverables.length })}
          actions={<ActionLink to={`/deliverables/new?agreement=${a.id}`}>{t("agreements.page.addDeliverable")}</ActionLink>}
        >
          <LinkedList
            items={a.deliverables.map((x) => ({
              to: `/deliverables/${x.id}`,
              title: x.title,
              archived: Boolean(x.archivedAt),
              meta: t("agreements.page.deliverableMeta", { status: t.label("deliverableStatus", x.status), date: fmt.date(x.dueDate) }),
            }))}
            empty={t("agreements.page.noDeliverables")}
          />
        </Section>
        <Section
          title={t("agreements.page.indicators", { count: a.indicators.length })}
          actions={<ActionLink to={`/indicators/new?agreement=${a.id}`}>{t("agreements.page.addIndicator")}</ActionLink>}
        >
          <LinkedList
            items={a.indicators.map((x) => ({ to: `/indicators/${x.id}`, title: x.title, archived: Boolean(x.archivedAt) }))}
            empty={t("agreements.page.noIndicators")}
          />
        </Section>
        <Section
          title={t("agreements.page.documents", { count: a.documents.length })}
          actions={<ActionLink to={`/documents/new?agreement=${a.id}`}>{t("agreements.page.uploadDocument")}</ActionLink>}
        >
          <LinkedList
            items={a.documents.map((d) => ({ to: `/documents/${d.id}`, title: d.title, meta: `${d.originalName} · ${d.categoryCode}` }))}
            empty={t("agreements.page.noDocuments")}
          />
        </Section>
        <Section title={t("agreements.page.history")}>
          <HistoryList items={history} labels={agreementFieldLabels(t)} />
        </Section>
      </div>
    </div>
  );
}
