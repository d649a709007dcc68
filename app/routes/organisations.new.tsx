import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { organisationFieldLabels } from "~/components/organisations/field-labels";
import { OrganisationForm } from "~/components/organisations/organisation-form";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { createOrganisation } from "~/models/organisation-admin.server";
import { countryOptions } from "~/models/reference.server";
import { OrganisationFormSchema } from "~/schemas/organisation";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.pageTitle ?? "New organisation"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const t = await requestTranslator(request);
  return json({ pageTitle: t("organisations.new.title"), countries: await countryOptions(), defaults: {} });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const form = await parseForm(request, OrganisationFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const t = await requestTranslator(request);
  const result = await runAction(form.values, organisationFieldLabels(t), () =>
    createOrganisation(ctx, form.data),
  );
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/organisations/${result.result.id}`, "created");
});

export default function NewOrganisation() {
  const { countries, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to="/organisations" className="text-brand-700 underline">
          {t("organisations.new.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("organisations.new.title")}</h1>
      <OrganisationForm defaults={defaults} actionData={actionData} countries={countries} submitLabel={t("organisations.new.submit")} cancelTo="/organisations" />
    </div>
  );
}
