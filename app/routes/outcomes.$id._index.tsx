import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { DeliverableStatusBadge } from "~/components/deliverables/overdue-badge";
import { outcomeExcerpt } from "~/components/outcomes/outcome-columns";
import { ActionLink, Facts, HistoryList, LifecycleActions, LinkedList, Notice, RecordHeader, Section } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { withNodes } from "~/components/ui/rich-text";
import { formatUtcDateTime } from "~/utils/format";
import { useFormat, useT } from "~/i18n/context";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestTranslator } from "~/i18n/request.server";
import { message, type EnumGroup, type Translator } from "~/i18n/translate";
import { listReadableHistory } from "~/models/deliverable.server";
import { deleteOutcome, requireOutcome, setOutcomeArchived } from "~/models/outcome.server";
import { startOfToday } from "~/models/agreement.server";
import { FollowUpActions } from "~/components/outcomes/follow-up-actions";
import { runAction } from "~/utils/action.server";
import type { Precision } from "~/utils/format";
import { PartnerFeedback } from "~/components/records/partner-feedback";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

/** value -> name of a group, in the reader's language (for the history and the conflict notice). */
const labelsOf = (t: Translator, group: EnumGroup) => Object.fromEntries(t.options(group).map((o) => [o.value, o.label]));

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? outcomeExcerpt(data.outcome.text, 60) : "Outcome"} · Concord` },
];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const stored = await requireOutcome(scope, params.id ?? "");
  const t = await requestTranslator(request);
  const history = await listReadableHistory("Outcome", stored.id, { type: labelsOf(t, "outcomeType"), followUpStatus: labelsOf(t, "followUpStatus") }, t);
  // Texts and titles in the reader's language where the records have them.
  const outcome = inReaderLanguage(stored, t.locale);
  return json({ outcome, history, today: startOfToday().toISOString().slice(0, 10) });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const { scope } = ctx;
  const outcome = await requireOutcome(scope, params.id ?? "");
  const intent = (await request.formData()).get("intent");
  if (intent === "archive" || intent === "restore") {
    await setOutcomeArchived(ctx, outcome.id, intent === "archive");
    throw await redirectWithNotice(`/outcomes/${outcome.id}`, intent === "archive" ? "archived" : "restored");
  }
  if (intent === "delete") {
    const t = await requestTranslator(request);
    const result = await runAction({}, labelsOf(t, "outcomeField"), () => deleteOutcome(ctx, outcome.id));
    if (!result.ok) return result.response;
    throw await redirectWithNotice("/outcomes", "deleted");
  }
  return json({ formError: message("outcomes.page.unknownAction") }, { status: 400 });
});

const FOLLOW_UP_TONE: Record<string, "slate" | "blue" | "green" | "amber"> = {
  NOT_STARTED: "amber",
  IN_PROGRESS: "blue",
  DONE: "green",
  NOT_PURSUED: "slate",
};

export default function OutcomePage() {
  const { outcome: o, history, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ formError?: string | null }>();
  const t = useT();
  const fmt = useFormat();
  const dateTime = (value: string) => formatUtcDateTime(value, t.locale);
  const a = o.activity;
  const heading = outcomeExcerpt(o.text, 160);
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
            {withNodes(t("outcomes.page.kicker", { type: t.label("outcomeType", o.type) }), {
              activity: (
                <Link to={`/activities/${a.id}`} className="text-brand-700 underline">
                  {a.title}
                </Link>
              ),
            })}
          </>
        }
        title={heading}
        archived={Boolean(o.archivedAt)}
        badges={<Badge tone={FOLLOW_UP_TONE[o.followUpStatus]}>{t("outcomes.page.followUpBadge", { status: t.label("followUpStatus", o.followUpStatus) })}</Badge>}
        actions={
          <>
            <ActionLink to={`/outcomes/${o.id}/edit`}>{t("outcomes.page.edit")}</ActionLink>
            <LifecycleActions archived={Boolean(o.archivedAt)} />
          </>
        }
      />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {heading !== o.text ? (
            // The heading shows the start of a long text; here it is in full.
            <Section title={t("outcomes.page.text")}>
              <p className="whitespace-pre-line break-words text-sm text-slate-900">{o.text}</p>
            </Section>
          ) : null}
          <Section title={t("outcomes.page.details")}>
            <Facts
              items={[
                [t("outcomes.page.type"), t.label("outcomeType", o.type)],
                [
                  t("outcomes.page.agreedAt"),
                  <span key="a">
                    <Link to={`/activities/${a.id}`} className="text-brand-700 underline">{a.title}</Link>{" "}
                    <span className="font-normal text-slate-600">
                      ({t.label("activityKind", a.kind)}, {fmt.date(a.actualStart ?? a.plannedStart, a.datePrecision as Precision)})
                    </span>
                  </span>,
                ],
                [t("outcomes.page.programme"), <Link key="p" to={`/programmes/${a.programme.code}`} className="text-brand-700 underline">{a.programme.title}</Link>],
                [t("outcomes.page.responsible"), o.responsibleOrg ? `${o.responsibleOrg.shortName} — ${o.responsibleOrg.fullName}` : t("outcomes.page.notAssigned")],
                [t("outcomes.page.due"), o.dueDate ? fmt.date(o.dueDate) : t("outcomes.page.noDueDate")],
                [t("outcomes.page.followUpStatus"), t.label("followUpStatus", o.followUpStatus)],
                [t("outcomes.page.followUpNote"), o.followUpNote ? <span key="n" className="whitespace-pre-line">{o.followUpNote}</span> : "—"],
                [
                  t("outcomes.page.acknowledged"),
                  o.acknowledgedAt
                    ? o.acknowledgedBy
                      ? t("outcomes.page.acknowledgedBy", { time: dateTime(o.acknowledgedAt), name: o.acknowledgedBy.name })
                      : dateTime(o.acknowledgedAt)
                    : t("outcomes.page.notAcknowledged"),
                ],
              ]}
            />
          </Section>
        </div>
        <Section title={t("outcomes.page.carriedOutBy")}>
          {o.deliverable ? (
            <div className="space-y-1 text-sm">
              <Link to={`/deliverables/${o.deliverable.id}`} className="font-medium text-brand-700 underline">
                {o.deliverable.title}
              </Link>
              {o.deliverable.archivedAt ? <span className="ml-2"><Badge tone="amber">{t("outcomes.archived")}</Badge></span> : null}
              <p className="flex flex-wrap items-center gap-2 text-slate-600">
                <DeliverableStatusBadge status={o.deliverable.status} /> {t("outcomes.page.deliverableDue", { date: fmt.date(o.deliverable.dueDate) })}
              </p>
            </div>
          ) : (
            <div className="space-y-3 text-sm">
              <p className="text-slate-700">{t("outcomes.page.noDeliverable")}</p>
              <ActionLink to={`/deliverables/new?outcome=${o.id}`}>{t("outcomes.page.createDeliverable")}</ActionLink>
              <p className="text-slate-600">{t("outcomes.page.orChooseDeliverable")}</p>
            </div>
          )}
        </Section>
      </div>
      <Section title={t("outcomes.page.actions", { count: o.followUps.length })}>
        <FollowUpActions actions={o.followUps} today={today} deliverablePath="/deliverables" />
      </Section>
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        <Section
          title={t("outcomes.page.documentsSection", { count: o.documents.length })}
          actions={<ActionLink to={`/documents/new?outcome=${o.id}`}>{t("outcomes.page.attachDocument")}</ActionLink>}
        >
          <LinkedList
            items={o.documents.map((x) => ({
              to: `/documents/${x.id}`,
              title: x.title,
              archived: Boolean(x.archivedAt),
              meta: [x.originalName, x.categoryCode, x.shareable ? t("outcomes.page.shared") : null].filter(Boolean).join(" · "),
            }))}
            empty={t("outcomes.page.noDocuments")}
          />
        </Section>
        <PartnerFeedback record={o} />
        <div className="lg:col-span-2">
          <Section title={t("outcomes.page.history")}>
            <HistoryList items={history} labels={labelsOf(t, "outcomeField")} />
          </Section>
        </div>
      </div>
    </div>
  );
}
