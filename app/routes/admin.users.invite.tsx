import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/auth.server";
import { AccessFields } from "~/components/admin/access-fields";
import { FormSection, TextInput } from "~/components/form/fields";
import { SubmitButton, ZodForm } from "~/components/form/zod-form";
import { inviteUser, userFormOptions } from "~/models/user-admin.server";
import { InviteUserFormSchema, USER_ACCESS_FIELD_LABELS } from "~/schemas/user-admin";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { publicOrigin } from "~/utils/mail.server";

export const meta: MetaFunction = () => [{ title: "Invite a user · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const options = await userFormOptions();
  return json({ options, defaults: { email: "", name: "", role: "", countries: [], organisationIds: [] } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireAdmin(request);
  const form = await parseForm(request, InviteUserFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await runAction(form.values, USER_ACCESS_FIELD_LABELS, () =>
    inviteUser({ id: user.id, email: user.email }, form.data, context.clientIp, publicOrigin(request)),
  );
  if (!result.ok) return result.response;
  throw redirect(`/admin/users/${result.result.id}?notice=${result.result.mailed ? "invited" : "invite-unsent"}`);
}

export default function InviteUser() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to="/admin/users" className="text-brand-700 underline">
          ← Back to users
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Invite a user</h1>
      <p className="text-slate-700">
        Concord e-mails them a link to choose their password. The link works once, for 7 days. Inviting the same address again replaces the earlier link.
      </p>
      <ZodForm schema={InviteUserFormSchema} defaults={defaults} actionData={actionData}>
        <FormSection title="Who">
          <TextInput name="email" label="E-mail address" type="email" required />
          <TextInput name="name" label="Name" required hint="They can correct it when they accept." />
        </FormSection>
        <FormSection title="Role and scope">
          <AccessFields countries={options.countries} organisations={options.organisations} />
        </FormSection>
        <SubmitButton>Send the invitation</SubmitButton>
      </ZodForm>
    </div>
  );
}
