import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { ActivityForm } from "~/components/activities/activity-form";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { activityFormDefaults, activityFormOptions, requireActivity, updateActivity } from "~/models/activity.server";
import { ActivityFormSchema } from "~/schemas/activity";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.pageTitle ?? "Edit activity"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const t = await requestTranslator(request);
  const a = await requireActivity(scope, params.id ?? "");
  const options = await activityFormOptions(scope, t.locale, a.agreements.map((x) => x.agreementId));
  const defaults = activityFormDefaults(a);
  return json({ id: a.id, title: a.title, options, defaults, pageTitle: t("activities.edit.pageTitle", { title: a.title }) });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const { scope } = ctx;
  const existing = await requireActivity(scope, params.id ?? "");
  const form = await parseForm(request, ActivityFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  if (!form.data.version) return invalid({}, form.values, message("activities.edit.noVersion"));
  const t = await requestTranslator(request);
  const labels = Object.fromEntries(t.options("activityField").map((o) => [o.value, o.label]));
  const result = await runAction(form.values, labels, () =>
    updateActivity(ctx, existing.id, form.data.version!, form.data),
  );
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/activities/${existing.id}`, "saved");
});

export default function EditActivity() {
  const { id, title, options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to={`/activities/${id}`} className="text-brand-700 underline">
          {t("activities.edit.back")}
        </Link>
      </p>
      <h1 className="break-words text-2xl font-bold">{t("activities.edit.heading", { title })}</h1>
      <ActivityForm defaults={defaults} actionData={actionData} options={options} submitLabel={t("activities.edit.submit")} cancelTo={`/activities/${id}`} />
    </div>
  );
}
