import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { OrganisationForm } from "~/components/organisations/organisation-form";
import { createOrganisation } from "~/models/organisation-admin.server";
import { countryOptions } from "~/models/reference.server";
import { OrganisationFormSchema } from "~/schemas/organisation";
import { runAction } from "~/utils/action.server";
import { ORGANISATION_FIELD_LABELS } from "~/utils/labels-programme";
import { invalid, parseForm } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "New organisation · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return json({ countries: await countryOptions(), defaults: {} });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireStaff(request);
  const form = await parseForm(request, OrganisationFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await runAction(form.values, ORGANISATION_FIELD_LABELS, () =>
    createOrganisation({ id: user.id, email: user.email }, form.data, context.clientIp),
  );
  if (!result.ok) return result.response;
  throw redirect(`/organisations/${result.result.id}?notice=created`);
}

export default function NewOrganisation() {
  const { countries, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to="/organisations" className="text-brand-700 underline">
          ← All organisations
        </Link>
      </p>
      <h1 className="text-2xl font-bold">New organisation</h1>
      <OrganisationForm defaults={defaults} actionData={actionData} countries={countries} submitLabel="Create organisation" cancelTo="/organisations" />
    </div>
  );
}
