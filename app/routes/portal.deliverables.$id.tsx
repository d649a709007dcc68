import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePartner } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { DeliverableStatusBadge, OverdueBadge } from "~/components/deliverables/overdue-badge";
import type { ActionResult } from "~/components/form/zod-form";
import { AcknowledgePanel, CommentFormPanel, CommentList, PortalNotice } from "~/components/portal/feedback";
import { excerpt } from "~/components/portal/progress-sections";
import { Facts, Section } from "~/components/records/record-parts";
import { useFormat, useT } from "~/i18n/context";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { acknowledge, addComment } from "~/models/acknowledgement.server";
import { requirePortalDeliverable } from "~/models/portal.server";
import { CommentFormSchema } from "~/schemas/comment";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "Deliverable · Progress portal · Concord" }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requirePartner(request);
  const [found, t] = await Promise.all([requirePortalDeliverable(scope, params.id ?? ""), requestTranslator(request)]);
  const deliverable = inReaderLanguage(found, t.locale);
  return json({ deliverable, pageTitle: t("portal.pageTitle", { title: deliverable.title }) });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requirePartner);
  const { scope } = ctx;
  const deliverable = await requirePortalDeliverable(scope, params.id ?? "");
  const target = { kind: "Deliverable" as const, id: deliverable.id };
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "acknowledge") {
    await acknowledge(ctx, target);
    throw await redirectWithNotice(`/portal/deliverables/${deliverable.id}`, "acknowledged");
  }
  if (intent === "comment") {
    const parsed = await parseForm(request, CommentFormSchema, formData);
    if (!parsed.ok) return invalid(parsed.errors, parsed.values);
    await addComment(ctx, target, parsed.data);
    throw await redirectWithNotice(`/portal/deliverables/${deliverable.id}#comments`, "commented");
  }
  return json({ errors: {}, values: {}, formError: message("portal.unknownAction"), conflict: null }, { status: 400 });
});

export default function PortalDeliverablePage() {
  const { deliverable: d } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const t = useT();
  const fmt = useFormat();
  return (
    <div className="space-y-6">
      <nav aria-label={t("portal.breadcrumb")} className="break-words text-sm">
        <Link to="/portal" className="text-brand-700 underline">{t("portal.title")}</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/portal/programmes/${encodeURIComponent(d.programme.code)}`} className="text-brand-700 underline">{d.programme.title}</Link>
      </nav>
      <PortalNotice />
      <div className="space-y-2">
        <p className="text-sm text-slate-600">{t("portal.deliverable.kicker")}</p>
        <h1 className="break-words text-2xl font-bold">{d.title}</h1>
        <div className="flex flex-wrap items-center gap-2">
          <DeliverableStatusBadge status={d.status} />
          {d.overdue ? <OverdueBadge /> : null}
        </div>
      </div>
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Section title={t("portal.details")}>
            <Facts
              items={[
                [t("portal.dueLabel"), d.dueDate ? fmt.date(d.dueDate) : t("portal.noDueDate")],
                [
                  t("portal.responsibleOrganisation"),
                  d.responsibleOrg ? `${d.responsibleOrg.shortName} — ${d.responsibleOrg.fullName}` : t("portal.notAssigned"),
                ],
                [t("portal.deliverable.agreement"), d.agreement?.title ?? t("portal.deliverable.noAgreement")],
                [t("portal.deliverable.fromActivity"), d.activity?.title ?? t("portal.deliverable.noActivity")],
                [t("portal.deliverable.submitted"), d.submittedAt ? fmt.date(d.submittedAt) : t("portal.deliverable.notYet")],
                [t("portal.deliverable.accepted"), d.acceptedAt ? fmt.date(d.acceptedAt) : t("portal.deliverable.notYet")],
              ]}
            />
            {d.description ? <p className="mt-4 whitespace-pre-line break-words text-sm text-slate-800">{d.description}</p> : null}
          </Section>
          <Section title={t("portal.deliverable.outcomes", { count: d.outcomes.length })}>
            {d.outcomes.length === 0 ? (
              <p className="text-sm text-slate-600">{t("portal.deliverable.noOutcomes")}</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {d.outcomes.map((o) => (
                  <li key={o.id} className="py-2">
                    <Link to={`/portal/outcomes/${o.id}`} className="break-words font-medium text-brand-700 underline">{excerpt(o.text, 140)}</Link>
                    <p className="text-slate-600">
                      {t("portal.deliverable.outcomeLine", {
                        type: t.label("outcomeType", o.type),
                        activity: o.activity.title,
                        status: t.label("followUpStatus", o.followUpStatus).toLocaleLowerCase(t.locale),
                      })}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <section id="comments" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 className="mb-3 text-base font-semibold">{t("portal.comments.heading", { count: d.comments.length })}</h2>
            <CommentList comments={d.comments} />
            <div className="mt-5 border-t border-slate-200 pt-4">
              <CommentFormPanel key={d.comments.length} actionData={actionData} />
            </div>
          </section>
        </div>
        <div className="space-y-6">
          <Section title={t("portal.ack.heading")}>
            <AcknowledgePanel acknowledgedAt={d.acknowledgedAt} acknowledgedBy={d.acknowledgedBy?.name ?? null} what="deliverable" />
          </Section>
          <Section title={t("portal.documents", { count: d.documents.length })}>
            {d.documents.length === 0 ? (
              <p className="text-sm text-slate-600">{t("portal.deliverable.noDocuments")}</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {d.documents.map((x) => (
                  <li key={x.id}>
                    <a href={`/documents/${x.id}/download`} className="break-words font-medium text-brand-700 underline">{x.title}</a>
                    <p className="break-all text-slate-600">{x.originalName}</p>
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
