import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { ActivityForm } from "~/components/activities/activity-form";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { activityFormOptions, requireActivity, updateActivity } from "~/models/activity.server";
import { ActivityFormSchema } from "~/schemas/activity";
import { runAction } from "~/utils/action.server";
import { toDateInput } from "~/utils/format";
import { invalid, parseForm } from "~/utils/form.server";
import { narrativeDefaults } from "~/utils/narratives";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.pageTitle ?? "Edit activity"} · Concord` }];

const count = (n: number | null) => (n === null ? "" : String(n));

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const t = await requestTranslator(request);
  const a = await requireActivity(scope, params.id ?? "");
  const agreementIds = a.agreements.map((x) => x.agreementId);
  const options = await activityFormOptions(scope, t.locale, agreementIds);
  const defaults = {
    version: String(a.version),
    programmeId: a.programmeId,
    kind: a.kind,
    title: a.title,
    description: a.description ?? "",
    translations: narrativeDefaults(a.translations),
    countryCode: a.countryCode ?? "",
    city: a.city ?? "",
    latitude: a.latitude?.toString() ?? "",
    longitude: a.longitude?.toString() ?? "",
    status: a.status,
    plannedStart: toDateInput(a.plannedStart),
    plannedEnd: toDateInput(a.plannedEnd),
    actualStart: toDateInput(a.actualStart),
    actualEnd: toDateInput(a.actualEnd),
    datePrecision: a.datePrecision,
    participantsTotal: count(a.participantsTotal),
    participantsFemale: count(a.participantsFemale),
    participantsMale: count(a.participantsMale),
    participantsOther: count(a.participantsOther),
    participantsNote: a.participantsNote ?? "",
    agreementIds,
    organisations: a.organisations.map((o) => ({ organisationId: o.organisationId, role: o.role })),
    participantGroups: a.participantGroups.map((g) => ({
      organisationId: g.organisationId ?? "",
      label: g.label ?? "",
      total: String(g.total),
      female: String(g.female),
      male: String(g.male),
      other: String(g.other),
    })),
  };
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
