import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/auth.server";
import { AccessFields } from "~/components/admin/access-fields";
import { FormSection, HiddenField } from "~/components/form/fields";
import { SubmitButton, ZodForm } from "~/components/form/zod-form";
import { requireUserRecord, updateUserAccess, userFormOptions } from "~/models/user-admin.server";
import { USER_ACCESS_FIELD_LABELS, UserAccessFormSchema } from "~/schemas/user-admin";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Role and scope of ${data?.name ?? "user"} · Concord` }];

async function requireAccount(id: string) {
  const record = await requireUserRecord(id);
  // A pending invitation has no account to edit: revoke it and invite again.
  if (record.kind !== "user") throw new Response("Not found", { status: 404 });
  return record;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireAdmin(request);
  const r = await requireAccount(params.id ?? "");
  const options = await userFormOptions(r.id);
  return json({
    id: r.id,
    name: r.name,
    email: r.email,
    self: r.id === user.id,
    options,
    defaults: {
      version: String(r.version),
      role: r.role,
      countries: r.countries.map((c) => c.code),
      organisationIds: r.organisations.map((o) => o.id),
    },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = await requireAdmin(request);
  const r = await requireAccount(params.id ?? "");
  const form = await parseForm(request, UserAccessFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  if (!form.data.version) return invalid({}, form.values, "The form is missing its version; reload the page and try again.");
  const result = await runAction(form.values, USER_ACCESS_FIELD_LABELS, () =>
    updateUserAccess({ id: user.id, email: user.email }, r.id, form.data.version!, form.data, context.clientIp),
  );
  if (!result.ok) return result.response;
  throw redirect(`/admin/users/${r.id}?notice=${result.result.changed ? "saved" : "unchanged"}`);
}

export default function EditUserAccess() {
  const { id, name, email, self, options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to={`/admin/users/${id}`} className="text-brand-700 underline">
          ← Back to {name}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Role and scope of {name}</h1>
      <p className="text-slate-700">
        {email}. Saving a change ends this user&apos;s open sessions: they sign in again and get the new access at once.
        {self ? " This is your own account: you cannot change your own role." : ""}
      </p>
      <ZodForm schema={UserAccessFormSchema} defaults={defaults} actionData={actionData}>
        <HiddenField name="version" />
        <FormSection title="Role and scope">
          <AccessFields countries={options.countries} organisations={options.organisations} />
        </FormSection>
        <SubmitButton>Save role and scope</SubmitButton>
      </ZodForm>
    </div>
  );
}
