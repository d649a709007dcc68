import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { AccessFields } from "~/components/admin/access-fields";
import { FormSection, HiddenField } from "~/components/form/fields";
import { SubmitButton, ZodForm } from "~/components/form/zod-form";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { requireUserRecord, updateUserAccess, userFormOptions } from "~/models/user-admin.server";
import { userAccessFieldLabels, UserAccessFormSchema } from "~/schemas/user-admin";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Role and scope · Concord" }];

async function requireAccount(id: string) {
  const record = await requireUserRecord(id);
  // A pending invitation has no account to edit: revoke it and invite again.
  if (record.kind !== "user") throw new Response("Not found", { status: 404 });
  return record;
}

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireAdmin(request);
  const r = await requireAccount(params.id ?? "");
  const [options, t] = await Promise.all([userFormOptions(r.id), requestTranslator(request)]);
  return json({
    title: t("admin.edit.metaTitle", { name: r.name }),
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
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireAdmin);
  const r = await requireAccount(params.id ?? "");
  const form = await parseForm(request, UserAccessFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  if (!form.data.version) return invalid({}, form.values, message("admin.edit.noVersion"));
  const result = await runAction(form.values, userAccessFieldLabels(await requestTranslator(request)), () =>
    updateUserAccess(ctx, r.id, form.data.version!, form.data),
  );
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/admin/users/${r.id}`, result.result.changed ? "saved" : "unchanged");
});

export default function EditUserAccess() {
  const { id, name, email, self, options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to={`/admin/users/${id}`} className="text-brand-700 underline">
          {t("admin.edit.back", { name })}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("admin.edit.title", { name })}</h1>
      <p className="text-slate-700">
        {t("admin.edit.intro", { email })}
        {self ? ` ${t("admin.edit.self")}` : ""}
      </p>
      <ZodForm schema={UserAccessFormSchema} defaults={defaults} actionData={actionData}>
        <HiddenField name="version" />
        <FormSection title={t("admin.edit.section")}>
          <AccessFields countries={options.countries} organisations={options.organisations} />
        </FormSection>
        <SubmitButton>{t("admin.edit.submit")}</SubmitButton>
      </ZodForm>
    </div>
  );
}
