import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { OrganisationForm } from "~/components/organisations/organisation-form";
import { Badge } from "~/components/ui/card";
import { organisationFormDefaults, requireOrganisation, updateOrganisation } from "~/models/organisation-admin.server";
import { countryOptions } from "~/models/reference.server";
import { OrganisationFormSchema } from "~/schemas/organisation";
import { runAction } from "~/utils/action.server";
import { ORGANISATION_FIELD_LABELS } from "~/utils/labels-programme";
import { invalid, parseForm } from "~/utils/form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.shortName ?? "organisation"} · Concord` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const o = await requireOrganisation(scope, params.id ?? "");
  return json({
    id: o.id,
    shortName: o.shortName,
    archived: Boolean(o.archivedAt),
    countries: await countryOptions(),
    defaults: organisationFormDefaults(o),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, scope } = await requireStaff(request);
  const existing = await requireOrganisation(scope, params.id ?? "");
  const form = await parseForm(request, OrganisationFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  if (!form.data.version) return invalid({}, form.values, "The form is missing its version; reload the page and try again.");
  const result = await runAction(form.values, ORGANISATION_FIELD_LABELS, () =>
    updateOrganisation({ id: user.id, email: user.email }, existing.id, form.data.version!, form.data, context.clientIp),
  );
  if (!result.ok) return result.response;
  throw redirect(`/organisations/${existing.id}?notice=saved`);
}

export default function EditOrganisation() {
  const { id, shortName, archived, countries, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to={`/organisations/${id}`} className="text-brand-700 underline">
          ← Back to the organisation
        </Link>
      </p>
      <h1 className="break-words text-2xl font-bold">
        Edit: {shortName} {archived ? <Badge tone="amber">Archived</Badge> : null}
      </h1>
      <OrganisationForm defaults={defaults} actionData={actionData} countries={countries} submitLabel="Save changes" cancelTo={`/organisations/${id}`} />
    </div>
  );
}
