import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { ActivityForm } from "~/components/activities/activity-form";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { activityFormOptions, createActivity } from "~/models/activity.server";
import { NewActivityFormSchema } from "~/schemas/activity";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "New activity"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const t = await requestTranslator(request);
  const url = new URL(request.url);
  const options = await activityFormOptions(scope, t.locale);
  // ?agreement=<id> ticks that agreement and implies its programme; ?programme=<id> chooses the programme.
  const agreement = options.agreements.find((a) => a.id === url.searchParams.get("agreement"));
  const programmeParam = url.searchParams.get("programme") ?? "";
  const programmeId = options.programmes.some((p) => p.id === programmeParam) ? programmeParam : (agreement?.programmeId ?? "");
  const defaults = {
    programmeId,
    kind: "",
    status: "PLANNED",
    datePrecision: "DAY",
    agreementIds: agreement && agreement.programmeId === programmeId ? [agreement.id] : [],
  };
  const cancelTo = agreement ? `/agreements/${agreement.id}` : "/activities";
  return json({ options, defaults, cancelTo, title: t("activities.new.title") });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const form = await parseForm(request, NewActivityFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const t = await requestTranslator(request);
  const labels = Object.fromEntries(t.options("activityField").map((o) => [o.value, o.label]));
  const result = await runAction(form.values, labels, () =>
    createActivity(ctx, form.data),
  );
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/activities/${result.result.id}`, "created");
});

export default function NewActivity() {
  const { options, defaults, cancelTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-2xl font-bold">{t("activities.new.title")}</h1>
      <ActivityForm defaults={defaults} actionData={actionData} options={options} submitLabel={t("activities.new.submit")} cancelTo={cancelTo} withOutcomes />
    </div>
  );
}
