import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { organisationFieldLabels } from "~/components/organisations/field-labels";
import { OrganisationForm } from "~/components/organisations/organisation-form";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { Badge } from "~/components/ui/card";
import { organisationFormDefaults, requireOrganisation, updateOrganisation } from "~/models/organisation-admin.server";
import { countryOptions } from "~/models/reference.server";
import { OrganisationFormSchema } from "~/schemas/organisation";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.pageTitle ?? "Edit organisation"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const t = await requestTranslator(request);
  const o = await requireOrganisation(scope, params.id ?? "");
  return json({
    pageTitle: t("organisations.edit.pageTitle", { name: o.shortName }),
    id: o.id,
    shortName: o.shortName,
    archived: Boolean(o.archivedAt),
    countries: await countryOptions(),
    defaults: organisationFormDefaults(o),
  });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const { scope } = ctx;
  const existing = await requireOrganisation(scope, params.id ?? "");
  const form = await parseForm(request, OrganisationFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  if (!form.data.version) return invalid({}, form.values, message("organisations.missingVersion"));
  const t = await requestTranslator(request);
  const result = await runAction(form.values, organisationFieldLabels(t), () =>
    updateOrganisation(ctx, existing.id, form.data.version!, form.data),
  );
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/organisations/${existing.id}`, "saved");
});

export default function EditOrganisation() {
  const { id, shortName, archived, countries, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to={`/organisations/${id}`} className="text-brand-700 underline">
          {t("organisations.edit.back")}
        </Link>
      </p>
      <h1 className="break-words text-2xl font-bold">
        {t("organisations.edit.title", { name: shortName })} {archived ? <Badge tone="amber">{t("organisations.archived")}</Badge> : null}
      </h1>
      <OrganisationForm defaults={defaults} actionData={actionData} countries={countries} submitLabel={t("organisations.edit.submit")} cancelTo={`/organisations/${id}`} />
    </div>
  );
}
