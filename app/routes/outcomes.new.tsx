import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { OutcomeForm } from "~/components/outcomes/outcome-form";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { createOutcome, getOutcomeActivity, outcomeFormOptions } from "~/models/outcome.server";
import { OutcomeFormSchema } from "~/schemas/outcome";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "New outcome"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const t = await requestTranslator(request);
  const activityId = new URL(request.url).searchParams.get("activity");
  // Recorded from an activity's page: the activity is fixed; a foreign or missing one is not found.
  const activity = activityId ? await getOutcomeActivity(scope, activityId) : null;
  if (activityId && !activity) throw new Response("Activity not found", { status: 404 });
  const options = await outcomeFormOptions(scope, t.locale);
  const defaults = { activityId: activity?.id ?? "", type: "", followUpStatus: "NOT_STARTED" };
  return json({ options, defaults, activity, title: t("outcomes.new.title") });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const form = await parseForm(request, OutcomeFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const t = await requestTranslator(request);
  const labels = Object.fromEntries(t.options("outcomeField").map((o) => [o.value, o.label]));
  const result = await runAction(form.values, labels, () => createOutcome(ctx, form.data));
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/outcomes/${result.result.id}`, "created");
});

export default function NewOutcome() {
  const { options, defaults, activity } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-2xl font-bold">{t("outcomes.new.title")}</h1>
      <p className="text-slate-700">{t("outcomes.new.intro")}</p>
      <OutcomeForm defaults={defaults} actionData={actionData} options={options} fixedActivity={activity} submitLabel={t("outcomes.new.submit")} />
    </div>
  );
}
