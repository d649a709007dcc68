import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { AccessFields } from "~/components/admin/access-fields";
import { FormSection, TextInput } from "~/components/form/fields";
import { SubmitButton, ZodForm } from "~/components/form/zod-form";
import { useT } from "~/i18n/context";
import { requestLocale, requestTranslator } from "~/i18n/request.server";
import { inviteUser, userFormOptions } from "~/models/user-admin.server";
import { InviteUserFormSchema, userAccessFieldLabels } from "~/schemas/user-admin";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { publicOrigin } from "~/utils/env.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Invite a user · Concord" }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [options, t] = await Promise.all([userFormOptions(), requestTranslator(request)]);
  return json({ title: t("admin.invite.metaTitle"), options, defaults: { email: "", name: "", role: "", countries: [], organisationIds: [] } });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireAdmin);
  const form = await parseForm(request, InviteUserFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  // No account yet, so no known language: the invitation goes out in the inviting administrator's.
  const [t, locale] = await Promise.all([requestTranslator(request), requestLocale(request)]);
  const result = await runAction(form.values, userAccessFieldLabels(t), () =>
    inviteUser(ctx, form.data, publicOrigin(), locale),
  );
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/admin/users/${result.result.id}`, "invited");
});

export default function InviteUser() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to="/admin/users" className="text-brand-700 underline">
          {t("admin.invite.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("admin.invite.title")}</h1>
      <p className="text-slate-700">{t("admin.invite.intro")}</p>
      <ZodForm schema={InviteUserFormSchema} defaults={defaults} actionData={actionData}>
        <FormSection title={t("admin.invite.who")}>
          <TextInput name="email" label={t("admin.invite.email")} type="email" required />
          <TextInput name="name" label={t("admin.invite.name")} required hint={t("admin.invite.nameHint")} />
        </FormSection>
        <FormSection title={t("admin.invite.section")}>
          <AccessFields countries={options.countries} organisations={options.organisations} />
        </FormSection>
        <SubmitButton>{t("admin.invite.submit")}</SubmitButton>
      </ZodForm>
    </div>
  );
}
