import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { DeliverableStatusBadge, OverdueBadge } from "~/components/deliverables/overdue-badge";
import { outcomeExcerpt } from "~/components/outcomes/outcome-columns";
import { ActionLink, Facts, HistoryList, LifecycleActions, LinkedList, Notice, RecordHeader, Section } from "~/components/records/record-parts";
import { formatUtcDateTime } from "~/utils/format";
import { useFormat, useT } from "~/i18n/context";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestTranslator } from "~/i18n/request.server";
import { message, type EnumGroup, type Translator } from "~/i18n/translate";
import { deleteDeliverable, listReadableHistory, requireDeliverable, setDeliverableArchived } from "~/models/deliverable.server";
import { runAction } from "~/utils/action.server";
import { PartnerFeedback } from "~/components/records/partner-feedback";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

/** value -> name of a group, in the reader's language (for the history and the conflict notice). */
const labelsOf = (t: Translator, group: EnumGroup) => Object.fromEntries(t.options(group).map((o) => [o.value, o.label]));

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.deliverable.title ?? "Deliverable"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const stored = await requireDeliverable(scope, params.id ?? "");
  const t = await requestTranslator(request);
  const history = await listReadableHistory("Deliverable", stored.id, { status: labelsOf(t, "deliverableStatus") }, t);
  // Titles and texts in the reader's language where the records have them.
  const deliverable = inReaderLanguage(stored, t.locale);
  return json({ deliverable, history });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const { scope } = ctx;
  const deliverable = await requireDeliverable(scope, params.id ?? "");
  const intent = (await request.formData()).get("intent");
  if (intent === "archive" || intent === "restore") {
    await setDeliverableArchived(ctx, deliverable.id, intent === "archive");
    throw await redirectWithNotice(`/deliverables/${deliverable.id}`, intent === "archive" ? "archived" : "restored");
  }
  if (intent === "delete") {
    const t = await requestTranslator(request);
    const result = await runAction({}, labelsOf(t, "deliverableField"), () => deleteDeliverable(ctx, deliverable.id));
    if (!result.ok) return result.response;
    throw await redirectWithNotice("/deliverables", "deleted");
  }
  return json({ formError: message("deliverables.page.unknownAction") }, { status: 400 });
});

export default function DeliverablePage() {
  const { deliverable: d, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ formError?: string | null }>();
  const t = useT();
  const fmt = useFormat();
  const dateTime = (value: string) => formatUtcDateTime(value, t.locale);
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
            {t("deliverables.page.kicker")} ·{" "}
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
            <ActionLink to={`/deliverables/${d.id}/edit`}>{t("deliverables.page.edit")}</ActionLink>
            <LifecycleActions archived={Boolean(d.archivedAt)} />
          </>
        }
      />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Section title={t("deliverables.page.details")}>
            <Facts
              items={[
                [t("deliverables.page.programme"), <Link key="p" to={`/programmes/${d.programme.code}`} className="text-brand-700 underline">{d.programme.title}</Link>],
                [
                  t("deliverables.page.agreement"),
                  d.agreement ? (
                    <Link key="a" to={`/agreements/${d.agreement.id}`} className="text-brand-700 underline">{d.agreement.title}</Link>
                  ) : (
                    t("deliverables.page.noAgreement")
                  ),
                ],
                [
                  t("deliverables.page.activity"),
                  d.activity ? (
                    <Link key="ac" to={`/activities/${d.activity.id}`} className="text-brand-700 underline">{d.activity.title}</Link>
                  ) : (
                    t("deliverables.page.noActivity")
                  ),
                ],
                [t("deliverables.page.responsible"), d.responsibleOrg ? `${d.responsibleOrg.shortName} — ${d.responsibleOrg.fullName}` : t("deliverables.page.notAssigned")],
                [
                  t("deliverables.page.due"),
                  d.dueDate ? (
                    <span key="due" className="inline-flex flex-wrap items-center gap-2">
                      {fmt.date(d.dueDate)} {d.overdue ? <OverdueBadge /> : null}
                    </span>
                  ) : (
                    t("deliverables.page.noDueDate")
                  ),
                ],
                [t("deliverables.page.status"), <DeliverableStatusBadge key="s" status={d.status} />],
                [t("deliverables.page.submittedOn"), d.submittedAt ? fmt.date(d.submittedAt) : t("deliverables.page.notYet")],
                [t("deliverables.page.acceptedOn"), d.acceptedAt ? fmt.date(d.acceptedAt) : t("deliverables.page.notYet")],
                [
                  t("deliverables.page.evidence"),
                  d.evidenceDocument ? (
                    <Link key="e" to={`/documents/${d.evidenceDocument.id}`} className="text-brand-700 underline">{d.evidenceDocument.title}</Link>
                  ) : (
                    t("deliverables.page.noneChosen")
                  ),
                ],
                [
                  t("deliverables.page.acknowledged"),
                  d.acknowledgedAt
                    ? d.acknowledgedBy
                      ? t("deliverables.page.acknowledgedBy", { time: dateTime(d.acknowledgedAt), name: d.acknowledgedBy.name })
                      : dateTime(d.acknowledgedAt)
                    : t("deliverables.page.notAcknowledged"),
                ],
              ]}
            />
            {d.description ? <p className="mt-4 whitespace-pre-line break-words text-sm text-slate-800">{d.description}</p> : null}
          </Section>
        </div>
        <Section title={t("deliverables.page.outcomesSection", { count: d.outcomes.length })}>
          <LinkedList
            items={d.outcomes.map((o) => ({
              to: `/outcomes/${o.id}`,
              title: outcomeExcerpt(o.text, 140),
              archived: Boolean(o.archivedAt),
              meta: t("deliverables.page.outcomeMeta", {
                type: t.label("outcomeType", o.type),
                activity: o.activity.title,
                followUp: t.label("followUpStatus", o.followUpStatus).toLocaleLowerCase(t.locale),
              }),
            }))}
            empty={t("deliverables.page.noOutcomes")}
          />
        </Section>
      </div>
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        <Section
          title={t("deliverables.page.documentsSection", { count: d.documents.length })}
          actions={<ActionLink to={`/documents/new?deliverable=${d.id}`}>{t("deliverables.page.attachDocument")}</ActionLink>}
        >
          <LinkedList
            items={d.documents.map((x) => ({
              to: `/documents/${x.id}`,
              title: x.title,
              archived: Boolean(x.archivedAt),
              meta: [x.originalName, x.categoryCode, x.shareable ? t("deliverables.page.shared") : null].filter(Boolean).join(" · "),
            }))}
            empty={t("deliverables.page.noDocuments")}
          />
        </Section>
        <PartnerFeedback record={d} />
        <div className="lg:col-span-2">
          <Section title={t("deliverables.page.history")}>
            <HistoryList items={history} labels={labelsOf(t, "deliverableField")} />
          </Section>
        </div>
      </div>
    </div>
  );
}
