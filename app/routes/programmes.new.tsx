import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { ProgrammeForm } from "~/components/programme-admin/programme-form";
import { createProgramme, programmeFormOptions } from "~/models/programme-admin.server";
import { programmeFieldLabels } from "~/components/programme-admin/field-labels";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { ORGANISATION_ROLES, ProgrammeFormSchema } from "~/schemas/programme";
import { IATI_PROGRAMME_DEFAULTS } from "~/schemas/iati-fields";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.pageTitle ?? "New programme"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const t = await requestTranslator(request);
  const url = new URL(request.url);
  const options = await programmeFormOptions(t.locale);
  // ?organisation=ID&role=FUNDING prefills the first organisation row (from an organisation's page).
  const organisationId = url.searchParams.get("organisation") ?? "";
  const role = url.searchParams.get("role") ?? "";
  const prefill = options.organisations.some((o) => o.id === organisationId && !o.archivedAt)
    ? [{ organisationId, role: (ORGANISATION_ROLES as readonly string[]).includes(role) ? role : "" }]
    : [];
  const defaults = { status: "IMPLEMENTATION", organisations: prefill, countries: [], sectors: [], ...IATI_PROGRAMME_DEFAULTS };
  return json({ pageTitle: t("programmeEdit.new.title"), options, defaults });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const form = await parseForm(request, ProgrammeFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const t = await requestTranslator(request);
  const result = await runAction(form.values, programmeFieldLabels(t), () =>
    createProgramme(ctx, form.data),
  );
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/programmes/${encodeURIComponent(result.result.code)}`, "created");
});

export default function NewProgramme() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to="/programmes" className="text-brand-700 underline">
          {t("programmeEdit.new.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("programmeEdit.new.title")}</h1>
      <ProgrammeForm defaults={defaults} actionData={actionData} options={options} submitLabel={t("programmeEdit.new.submit")} cancelTo="/programmes" />
    </div>
  );
}
