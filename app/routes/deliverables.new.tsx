import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { DeliverableForm } from "~/components/deliverables/deliverable-form";
import { outcomeExcerpt } from "~/components/outcomes/outcome-columns";
import { withNodes } from "~/components/ui/rich-text";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { createDeliverable, deliverableFormOptions, deliverablePrefill } from "~/models/deliverable.server";
import { DeliverableFormSchema } from "~/schemas/deliverable";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "New deliverable"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const t = await requestTranslator(request);
  const url = new URL(request.url);
  const [options, { defaults, outcome }] = await Promise.all([deliverableFormOptions(scope, t.locale), deliverablePrefill(scope, url.searchParams)]);
  return json({ options, defaults, outcome, title: t("deliverables.new.title") });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const form = await parseForm(request, DeliverableFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const t = await requestTranslator(request);
  const labels = Object.fromEntries(t.options("deliverableField").map((o) => [o.value, o.label]));
  const result = await runAction(form.values, labels, () =>
    createDeliverable(ctx, form.data),
  );
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/deliverables/${result.result.id}`, "created");
});

export default function NewDeliverable() {
  const { options, defaults, outcome } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-2xl font-bold">{t("deliverables.new.title")}</h1>
      {outcome && !outcome.deliverable ? (
        <div role="note" className="rounded-md border border-brand-100 bg-brand-50 p-4 text-sm text-slate-900">
          <p>
            {withNodes(t("deliverables.new.carriesOut"), {
              outcome: (
                <Link to={`/outcomes/${outcome.id}`} className="font-medium text-brand-700 underline">
                  {t("deliverables.quoted", { text: outcomeExcerpt(outcome.text, 200) })}
                </Link>
              ),
              activity: (
                <Link to={`/activities/${outcome.activity.id}`} className="text-brand-700 underline">
                  {outcome.activity.title}
                </Link>
              ),
            })}
          </p>
          <p className="mt-1 text-slate-700">{t("deliverables.new.carriesOutNote")}</p>
        </div>
      ) : null}
      {outcome?.deliverable ? (
        <div role="alert" className="rounded-md border border-amber-400 bg-amber-50 p-4 text-sm text-amber-950">
          {withNodes(t("deliverables.new.alreadyCarried"), {
            deliverable: (
              <Link to={`/deliverables/${outcome.deliverable.id}`} className="font-medium underline">
                {outcome.deliverable.title}
              </Link>
            ),
          })}
        </div>
      ) : null}
      <DeliverableForm defaults={defaults} actionData={actionData} options={options} submitLabel={t("deliverables.new.submit")} />
    </div>
  );
}
