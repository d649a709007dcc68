import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePartner } from "~/auth/auth.server";
import { DeliverableStatusBadge, OverdueBadge } from "~/components/deliverables/overdue-badge";
import type { ActionResult } from "~/components/form/zod-form";
import { AcknowledgePanel, CommentFormPanel, CommentList, dateTime, PortalNotice } from "~/components/portal/feedback";
import { excerpt } from "~/components/portal/progress-sections";
import { Facts, Section } from "~/components/records/record-parts";
import { acknowledge, addComment } from "~/models/acknowledgement.server";
import { requirePortalDeliverable } from "~/models/portal.server";
import { CommentFormSchema } from "~/schemas/comment";
import { formatDate } from "~/utils/format";
import { invalid, parseForm } from "~/utils/form.server";
import { FOLLOW_UP_STATUS_LABELS, OUTCOME_TYPE_LABELS } from "~/utils/labels-outcome";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.deliverable.title ?? "Deliverable"} · Progress portal · Concord` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requirePartner(request);
  const deliverable = await requirePortalDeliverable(scope, params.id ?? "");
  return json({ deliverable });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, scope } = await requirePartner(request);
  const deliverable = await requirePortalDeliverable(scope, params.id ?? "");
  const actor = { id: user.id, email: user.email };
  const target = { kind: "Deliverable" as const, id: deliverable.id };
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "acknowledge") {
    await acknowledge(scope, actor, target, context.clientIp);
    throw redirect(`/portal/deliverables/${deliverable.id}?notice=acknowledged`);
  }
  if (intent === "comment") {
    const parsed = await parseForm(request, CommentFormSchema, formData);
    if (!parsed.ok) return invalid(parsed.errors, parsed.values);
    await addComment(scope, actor, target, parsed.data, context.clientIp);
    throw redirect(`/portal/deliverables/${deliverable.id}?notice=commented#comments`);
  }
  return json({ errors: {}, values: {}, formError: "Unknown action.", conflict: null }, { status: 400 });
}

export default function PortalDeliverablePage() {
  const { deliverable: d } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="break-words text-sm">
        <Link to="/portal" className="text-brand-700 underline">Progress portal</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/portal/programmes/${encodeURIComponent(d.programme.code)}`} className="text-brand-700 underline">{d.programme.title}</Link>
      </nav>
      <PortalNotice notice={params.get("notice")} />
      <div className="space-y-2">
        <p className="text-sm text-slate-600">Deliverable</p>
        <h1 className="break-words text-2xl font-bold">{d.title}</h1>
        <div className="flex flex-wrap items-center gap-2">
          <DeliverableStatusBadge status={d.status} />
          {d.overdue ? <OverdueBadge /> : null}
        </div>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Section title="Details">
            <Facts
              items={[
                ["Due", d.dueDate ? formatDate(d.dueDate) : "No due date"],
                ["Responsible organisation", d.responsibleOrg ? `${d.responsibleOrg.shortName} — ${d.responsibleOrg.fullName}` : "Not assigned"],
                ["Agreement", d.agreement?.title ?? "Not under a particular agreement"],
                ["From activity", d.activity?.title ?? "Not from a particular activity"],
                ["Submitted", d.submittedAt ? dateTime(d.submittedAt) : "Not yet"],
                ["Accepted", d.acceptedAt ? dateTime(d.acceptedAt) : "Not yet"],
              ]}
            />
            {d.description ? <p className="mt-4 whitespace-pre-line break-words text-sm text-slate-800">{d.description}</p> : null}
          </Section>
          <Section title={`Outcomes it carries out (${d.outcomes.length})`}>
            {d.outcomes.length === 0 ? (
              <p className="text-sm text-slate-600">No workshop outcome is linked to this deliverable.</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {d.outcomes.map((o) => (
                  <li key={o.id} className="py-2">
                    <Link to={`/portal/outcomes/${o.id}`} className="break-words font-medium text-brand-700 underline">{excerpt(o.text, 140)}</Link>
                    <p className="text-slate-600">
                      {OUTCOME_TYPE_LABELS[o.type]} at {o.activity.title} · follow-up {FOLLOW_UP_STATUS_LABELS[o.followUpStatus].toLowerCase()}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <section id="comments" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 className="mb-3 text-base font-semibold">Comments ({d.comments.length})</h2>
            <CommentList comments={d.comments} />
            <div className="mt-5 border-t border-slate-200 pt-4">
              <CommentFormPanel key={d.comments.length} actionData={actionData} />
            </div>
          </section>
        </div>
        <div className="space-y-6">
          <Section title="Acknowledgement">
            <AcknowledgePanel acknowledgedAt={d.acknowledgedAt} acknowledgedBy={d.acknowledgedBy?.name ?? null} what="deliverable" />
          </Section>
          <Section title={`Documents (${d.documents.length})`}>
            {d.documents.length === 0 ? (
              <p className="text-sm text-slate-600">No documents shared for this deliverable yet.</p>
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
