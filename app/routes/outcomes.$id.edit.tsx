import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { outcomeExcerpt } from "~/components/outcomes/outcome-columns";
import { OutcomeForm } from "~/components/outcomes/outcome-form";
import { useT } from "~/i18n/context";
import { narrative } from "~/i18n/narrative";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { outcomeFormDefaults, outcomeFormOptions, requireOutcome, updateOutcome } from "~/models/outcome.server";
import { OutcomeFormSchema } from "~/schemas/outcome";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.pageTitle ?? "Edit outcome"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const t = await requestTranslator(request);
  const o = await requireOutcome(scope, params.id ?? "");
  const options = await outcomeFormOptions(scope, t.locale);
  // Keep current references selectable even if they have been archived since (named in the reader's language, as the others).
  const name = (r: { title: string; lang: string; translations: unknown }) => narrative(r, "title", r.title, t.locale);
  if (!options.activities.some((a) => a.id === o.activityId)) {
    options.activities.unshift({ id: o.activity.id, title: name(o.activity), kind: o.activity.kind, programmeId: o.activity.programme.id, programme: { code: o.activity.programme.code } });
  }
  for (const d of [o.deliverable, ...o.followUps.map((a) => a.deliverable)]) {
    if (d && !options.deliverables.some((x) => x.id === d.id)) {
      options.deliverables.unshift({ id: d.id, title: name(d), programmeId: o.activity.programme.id, programme: { code: o.activity.programme.code } });
    }
  }
  const defaults = outcomeFormDefaults(o);
  const title = outcomeExcerpt(o.text, 80);
  return json({ id: o.id, title, options, defaults, pageTitle: t("outcomes.edit.pageTitle", { title }) });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const { scope } = ctx;
  const existing = await requireOutcome(scope, params.id ?? "");
  const form = await parseForm(request, OutcomeFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  if (!form.data.version) return invalid({}, form.values, message("outcomes.edit.noVersion"));
  const t = await requestTranslator(request);
  const labels = Object.fromEntries(t.options("outcomeField").map((o) => [o.value, o.label]));
  const result = await runAction(form.values, labels, () =>
    updateOutcome(ctx, existing.id, form.data.version!, form.data),
  );
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/outcomes/${existing.id}`, "saved");
});

export default function EditOutcome() {
  const { id, title, options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to={`/outcomes/${id}`} className="text-brand-700 underline">
          {t("outcomes.edit.back")}
        </Link>
      </p>
      <h1 className="break-words text-2xl font-bold">{t("outcomes.edit.heading", { title })}</h1>
      <OutcomeForm defaults={defaults} actionData={actionData} options={options} submitLabel={t("outcomes.edit.submit")} />
    </div>
  );
}
