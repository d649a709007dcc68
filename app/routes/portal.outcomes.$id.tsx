import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePartner } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { DeliverableStatusBadge } from "~/components/deliverables/overdue-badge";
import type { ActionResult } from "~/components/form/zod-form";
import { AcknowledgePanel, CommentFormPanel, CommentList, PortalNotice } from "~/components/portal/feedback";
import { excerpt } from "~/components/portal/progress-sections";
import { Facts, Section } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { useFormat, useT } from "~/i18n/context";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { acknowledge, addComment } from "~/models/acknowledgement.server";
import { requirePortalOutcome } from "~/models/portal.server";
import { startOfToday } from "~/models/agreement.server";
import { FollowUpActions } from "~/components/outcomes/follow-up-actions";
import { CommentFormSchema } from "~/schemas/comment";
import type { Precision } from "~/utils/format";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "Outcome · Progress portal · Concord" }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requirePartner(request);
  const [found, t] = await Promise.all([requirePortalOutcome(scope, params.id ?? ""), requestTranslator(request)]);
  const outcome = inReaderLanguage(found, t.locale);
  return json({ outcome, today: startOfToday().toISOString().slice(0, 10), pageTitle: t("portal.pageTitle", { title: excerpt(outcome.text, 60) }) });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requirePartner);
  const { scope } = ctx;
  const outcome = await requirePortalOutcome(scope, params.id ?? "");
  const target = { kind: "Outcome" as const, id: outcome.id };
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "acknowledge") {
    await acknowledge(ctx, target);
    throw await redirectWithNotice(`/portal/outcomes/${outcome.id}`, "acknowledged");
  }
  if (intent === "comment") {
    const parsed = await parseForm(request, CommentFormSchema, formData);
    if (!parsed.ok) return invalid(parsed.errors, parsed.values);
    await addComment(ctx, target, parsed.data);
    throw await redirectWithNotice(`/portal/outcomes/${outcome.id}#comments`, "commented");
  }
  return json({ errors: {}, values: {}, formError: message("portal.unknownAction"), conflict: null }, { status: 400 });
});

export default function PortalOutcomePage() {
  const { outcome: o, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const a = o.activity;
  const t = useT();
  const fmt = useFormat();
  const kind = t.label("activityKind", a.kind);
  const agreedAt = {
    activity: a.title,
    kind,
    date: fmt.date(a.actualStart ?? a.plannedStart, a.datePrecision as Precision),
    place: [a.city, a.country ? t.label("country", a.country.code) : null].filter(Boolean).join(", "),
  };
  return (
    <div className="space-y-6">
      <nav aria-label={t("portal.breadcrumb")} className="break-words text-sm">
        <Link to="/portal" className="text-brand-700 underline">{t("portal.title")}</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/portal/programmes/${encodeURIComponent(a.programme.code)}`} className="text-brand-700 underline">{a.programme.title}</Link>
      </nav>
      <PortalNotice />
      <div className="space-y-2">
        <p className="text-sm text-slate-600">{t("portal.outcome.kicker", { type: t.label("outcomeType", o.type), kind, title: a.title })}</p>
        <h1 className="whitespace-pre-line break-words text-2xl font-bold">{o.text}</h1>
        <div className="flex flex-wrap gap-2">
          <Badge tone={o.followUpStatus === "DONE" ? "green" : o.followUpStatus === "NOT_STARTED" ? "amber" : "slate"}>
            {t("portal.followUpBadge", { status: t.label("followUpStatus", o.followUpStatus) })}
          </Badge>
          {o.acknowledgedAt ? <Badge tone="green">{t("portal.acknowledged")}</Badge> : null}
        </div>
      </div>
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Section title={t("portal.details")}>
            <Facts
              items={[
                [t("portal.outcome.agreedAt"), agreedAt.place ? t("portal.outcome.agreedAtPlace", agreedAt) : t("portal.outcome.agreedAtValue", agreedAt)],
                [
                  t("portal.responsibleOrganisation"),
                  o.responsibleOrg ? `${o.responsibleOrg.shortName} — ${o.responsibleOrg.fullName}` : t("portal.notAssigned"),
                ],
                [t("portal.dueLabel"), o.dueDate ? fmt.date(o.dueDate) : t("portal.noDueDate")],
                [t("portal.outcome.followUpStatus"), t.label("followUpStatus", o.followUpStatus)],
                [t("portal.outcome.followUpNote"), o.followUpNote ? <span key="n" className="whitespace-pre-line">{o.followUpNote}</span> : "—"],
                [
                  t("portal.outcome.carriedOutBy"),
                  o.deliverable ? (
                    <span key="d" className="inline-flex flex-wrap items-center gap-2">
                      <Link to={`/portal/deliverables/${o.deliverable.id}`} className="text-brand-700 underline">{o.deliverable.title}</Link>
                      <DeliverableStatusBadge status={o.deliverable.status} />
                    </span>
                  ) : (
                    t("portal.outcome.noDeliverable")
                  ),
                ],
              ]}
            />
          </Section>
          <Section title={t("outcomes.page.actions", { count: o.followUps.length })}>
            <FollowUpActions actions={o.followUps} today={today} deliverablePath="/portal/deliverables" />
          </Section>
          <section id="comments" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 className="mb-3 text-base font-semibold">{t("portal.comments.heading", { count: o.comments.length })}</h2>
            <CommentList comments={o.comments} />
            <div className="mt-5 border-t border-slate-200 pt-4">
              <CommentFormPanel key={o.comments.length} actionData={actionData} />
            </div>
          </section>
        </div>
        <div className="space-y-6">
          <Section title={t("portal.ack.heading")}>
            <AcknowledgePanel acknowledgedAt={o.acknowledgedAt} acknowledgedBy={o.acknowledgedBy?.name ?? null} what="outcome" />
          </Section>
          <Section title={t("portal.documents", { count: o.documents.length })}>
            {o.documents.length === 0 ? (
              <p className="text-sm text-slate-600">{t("portal.outcome.noDocuments")}</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {o.documents.map((d) => (
                  <li key={d.id}>
                    <a href={`/documents/${d.id}/download`} className="break-words font-medium text-brand-700 underline">{d.title}</a>
                    <p className="break-all text-slate-600">{d.originalName}</p>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>
      </div>
    </div>
  );
}
