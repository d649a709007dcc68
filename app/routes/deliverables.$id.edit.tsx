import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { DeliverableForm } from "~/components/deliverables/deliverable-form";
import { useT } from "~/i18n/context";
import { narrative } from "~/i18n/narrative";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { deliverableFormDefaults, deliverableFormOptions, requireDeliverable, updateDeliverable } from "~/models/deliverable.server";
import { DeliverableFormSchema } from "~/schemas/deliverable";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.pageTitle ?? "Edit deliverable"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const t = await requestTranslator(request);
  const d = await requireDeliverable(scope, params.id ?? "");
  const options = await deliverableFormOptions(scope, t.locale, d.id);
  // Keep a current reference selectable even if it has been archived since (named in the reader's language, as the others).
  const name = (r: { title: string; lang: string; translations: unknown }) => narrative(r, "title", r.title, t.locale);
  if (!options.programmes.some((p) => p.id === d.programmeId)) options.programmes.push({ id: d.programme.id, code: d.programme.code, title: name(d.programme) });
  if (d.agreement && !options.agreements.some((a) => a.id === d.agreement!.id)) {
    options.agreements.push({ id: d.agreement.id, title: name(d.agreement), programmeId: d.programmeId, programme: { code: d.programme.code } });
  }
  if (d.activity && !options.activities.some((a) => a.id === d.activity!.id)) {
    options.activities.push({ id: d.activity.id, title: name(d.activity), programmeId: d.programmeId, programme: { code: d.programme.code } });
  }
  if (d.evidenceDocument && !options.documents.some((x) => x.id === d.evidenceDocument!.id)) {
    const e = d.evidenceDocument;
    options.documents.push({ id: e.id, title: e.title, originalName: e.originalName, programmeId: d.programmeId, programme: { code: d.programme.code } });
  }
  const defaults = deliverableFormDefaults(d);
  return json({ id: d.id, title: d.title, options, defaults, pageTitle: t("deliverables.edit.pageTitle", { title: d.title }) });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const { scope } = ctx;
  const existing = await requireDeliverable(scope, params.id ?? "");
  const form = await parseForm(request, DeliverableFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  if (!form.data.version) return invalid({}, form.values, message("deliverables.edit.noVersion"));
  // Linking to an outcome happens only when a deliverable is created from it.
  const data = { ...form.data, outcomeId: undefined };
  const t = await requestTranslator(request);
  const labels = Object.fromEntries(t.options("deliverableField").map((o) => [o.value, o.label]));
  const result = await runAction(form.values, labels, () =>
    updateDeliverable(ctx, existing.id, form.data.version!, data),
  );
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/deliverables/${existing.id}`, "saved");
});

export default function EditDeliverable() {
  const { id, title, options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to={`/deliverables/${id}`} className="text-brand-700 underline">
          {t("deliverables.edit.back")}
        </Link>
      </p>
      <h1 className="break-words text-2xl font-bold">{t("deliverables.edit.heading", { title })}</h1>
      <DeliverableForm defaults={defaults} actionData={actionData} options={options} submitLabel={t("deliverables.edit.submit")} />
    </div>
  );
}
